/**
 * Local mode, end to end through the dispatcher: the demo workspace and the store-backed Defender
 * answer Who?, Correlate and Analyze on the flagship PowerShell alert.
 */
import { DemoWorkspace } from '../../src/adapters/local/demo-workspace';
import { StoreBackedDefenderClient } from '../../src/adapters/local/demo-workspace-defender';
import { handleIntent } from '../../src/app/handle-intent';
import { UNKNOWN_IOC } from '../../src/domain/investigation';
import { BRUTE_FORCE_ID, click, investigateHarness, POWERSHELL_ID, resultsIn, type InvestigateHarness } from './investigate-test-deps';

describe('investigations in local mode (demo workspace)', () => {
  let h: InvestigateHarness;
  beforeEach(async () => {
    h = await investigateHarness(new DemoWorkspace(), (store) => new StoreBackedDefenderClient(store.alerts));
  });
  afterEach(() => h.store.close());

  async function run(kind: 'identity' | 'correlation' | 'analyze') {
    const out = await handleIntent(click(POWERSHELL_ID, kind), h.deps);
    await out.followUp;
    const results = resultsIn(h.web, h.roots[POWERSHELL_ID]!);
    expect(results).toHaveLength(1);
    return { out, result: results[0]! };
  }

  test('Who? names the local account, its RDP logon and the source IP, answer first', async () => {
    const { out, result } = await run('identity');
    expect(out.reply).toMatchObject({ kind: 'notice', text: expect.stringContaining('Who? running') });
    expect(result.answer).toMatch(/^svc-backup \(local account\) logged on by RDP from 198\.51\.100\.23 at 02:13, 3 min before, after 40 failed logons from that IP \(01:50–02:12\)\./);
    expect(result.answer).toContain('The command ran as WEB-VM-01\\svc-backup at 02:16');
    expect(result.answer).toContain('powershell.exe connected out to 203.0.113.45:80');
    expect(result.status).toBe('ok');
    expect(result.queries.map((q) => q.name)).toEqual(
      expect.arrayContaining(['logons', 'process-creation', 'powershell-script-blocks', 'network-connections', 'heartbeat', 'resource-activity']),
    );
    expect(result.facts).toContainEqual({ title: 'Identity in the alert', value: 'local account(s) only — no Entra ID identity' });
    const logons = result.tables.find((t) => t.title.startsWith('Logons'))!;
    expect(logons.rows.find((r) => r[0] === '4625')).toEqual(expect.arrayContaining(['svc-backup', '198.51.100.23', '40']));
  });

  test('an alert with no time of its own: the answer says it searched around when the bot received it', async () => {
    const alert = (await h.store.alerts.get(POWERSHELL_ID))!;
    const received = '2026-11-26T02:20:00.000Z';
    await h.store.alerts.save({ ...alert, startTime: received, endTime: received, generatedTime: received, timeUnknown: true, receivedTime: received });
    const { result } = await run('identity');
    expect(result.answer).toMatch(/^Time unknown: the alert carried no usable time, so this searched around when the bot received it \(2026-11-26 02:20:00 UTC\)\. /);
  });

  test('Correlate shows the earlier brute-force alert on the same VM', async () => {
    const { result } = await run('correlation');
    expect(result.answer).toContain('"Successful RDP brute force attack" (High, Defender) at 02:14, 2 min before');
    const timeline = result.tables.find((t) => t.title === 'Timeline')!;
    expect(timeline.rows[0]).toEqual(['2026-11-26T02:14:00.000Z', 'Defender', 'Successful RDP brute force attack', 'High', 'host, account']);
    expect(timeline.rows.map((r) => r[1])).toContain('this alert');
    expect(result.answer).toContain('Sentinel incident #42');
  });

  test('Analyze shows execution-policy-bypass and download-cradle, and the download IP as not a known IOC', async () => {
    const { result } = await run('analyze');
    const findings = result.tables.find((t) => t.title === 'What the command does')!;
    expect(findings.rows.map((r) => r[0])).toEqual(expect.arrayContaining(['execution-policy-bypass', 'download-cradle']));
    const iocs = result.tables.find((t) => t.title === 'IOCs')!;
    expect(iocs.rows).toContainEqual(['203.0.113.45', 'ip', UNKNOWN_IOC]);
    expect(result.answer).toContain(`203.0.113.45: ${UNKNOWN_IOC}`);
    expect(JSON.stringify(result)).not.toMatch(/harmless|benign|clean/i);
  });

  test('Analyze on the brute-force alert marks its source IP as a known IOC', async () => {
    const out = await handleIntent(click(BRUTE_FORCE_ID, 'analyze'), h.deps);
    await out.followUp;
    const [result] = resultsIn(h.web, h.roots[BRUTE_FORCE_ID]!);
    expect(result!.answer).toContain('The alert has no command line to analyze.');
    expect(result!.answer).toMatch(/198\.51\.100\.23: known IOC: rdp-brute-force \(confidence 85, source Microsoft Defender Threat Intelligence\)/);
  });

  test('the alert card shows the investigation running, then not', async () => {
    const out = await handleIntent(click(POWERSHELL_ID, 'identity'), h.deps);
    expect(out.alertCard).toMatchObject({ kind: 'alert', state: { running: ['Who? running…'] } });
    const again = await handleIntent(click(POWERSHELL_ID, 'identity'), h.deps);
    expect(again.reply).toMatchObject({ text: expect.stringContaining('already running') });
    expect(again.followUp).toBeUndefined();
    await out.followUp;
    const lastUpdate = h.web.updates().pop();
    expect(lastUpdate).toMatchObject({ kind: 'alert' });
    expect(lastUpdate?.kind === 'alert' && lastUpdate.state.running).toBeFalsy();
  });

  test('/investigate <host> 2h answers where it was asked', async () => {
    h.deps.clock = { now: () => new Date('2026-11-26T03:00:00.000Z') };
    const out = await handleIntent(
      { intent: { kind: 'investigate-target', target: 'web-vm-01', window: '2h' }, actor: { platform: 'web', userId: 'a', displayName: 'A' }, origin: { platform: 'web', channelId: 'adhoc' } },
      h.deps,
    );
    await out.followUp;
    const post = h.web.calls.find((c) => c.op === 'post');
    expect(post?.op === 'post' && post.channelId).toBe('adhoc');
    expect(post?.card).toMatchObject({ kind: 'investigation-result', result: { answer: expect.stringMatching(/^svc-backup \(local account\) logged on by RDP from 198\.51\.100\.23/) } });
  });

  test('an unknown alert id is an answer, not a crash', async () => {
    const out = await handleIntent(click('no-such-alert', 'identity'), h.deps);
    expect(out.reply).toMatchObject({ kind: 'notice', text: expect.stringContaining('not known') });
  });
});
