/**
 * /investigate targets on a real store (SQLite and PostgreSQL) holding the flagship alerts, with the
 * demo workspace: each target is classified by shape and by what the store and workspace know, an
 * account nobody knows never gets another account's logons, the answer puts the alert's own process
 * and IP first, and an empty window says how far back the data is.
 */
import { DemoWorkspace } from '../../src/adapters/local/demo-workspace';
import { StoreBackedDefenderClient } from '../../src/adapters/local/demo-workspace-defender';
import type { SqlStore } from '../../src/adapters/store/open-store';
import { defaultSettings, silentLogger, type AppDeps } from '../../src/app/deps';
import { handleIntent } from '../../src/app/handle-intent';
import { classifyTarget } from '../../src/app/target-classification';
import type { InvestigationResultView } from '../../src/ports/card-model';
import { RecordingSurface } from '../helpers/recording-surface';
import { flagshipBruteForceAlert, flagshipPowerShellAlert } from '../domain/investigation/flagship';
import { openTestStore, type StoreKind } from '../adapters/store/test-databases';

describe.each<StoreKind>(['sqlite', 'postgres'])('/investigate targets (%s)', (kind) => {
  let store: SqlStore;
  let dispose: () => Promise<void>;
  let deps: AppDeps;
  let web: RecordingSurface;
  let now: Date;

  beforeEach(async () => {
    ({ store, dispose } = await openTestStore(kind));
    web = new RecordingSurface('web');
    now = new Date('2026-11-26T03:00:00.000Z');
    deps = {
      store,
      surfaces: { web },
      logs: new DemoWorkspace(),
      defender: new StoreBackedDefenderClient(store.alerts),
      clock: { now: () => now },
      logger: silentLogger,
      settings: defaultSettings,
      routes: () => [],
    };
    for (const alert of [flagshipBruteForceAlert(), flagshipPowerShellAlert()]) await store.alerts.save(alert, { receivedAt: alert.generatedTime });
  });
  afterEach(async () => dispose());

  async function investigate(text: string, window?: string): Promise<{ reply: string; results: InvestigationResultView[] }> {
    const out = await handleIntent({ intent: { kind: 'investigate-target', target: text, window }, actor: { platform: 'web', userId: 'a', displayName: 'a' }, origin: { platform: 'web', channelId: 'soc' } }, deps);
    await out.followUp;
    const results = web.calls.flatMap((c) => (c.op === 'post' && c.card.kind === 'investigation-result' ? [c.card.result] : []));
    web.calls.length = 0;
    return { reply: out.reply?.kind === 'notice' ? out.reply.text : '', results };
  }

  it('classifies by shape and by what the store and the workspace know', async () => {
    const kindOf = async (t: string) => (await classifyTarget(t, deps)).target;
    await expect(kindOf('web-vm-01')).resolves.toEqual({ kind: 'host', host: 'web-vm-01' });
    await expect(kindOf('svc-backup')).resolves.toEqual({ kind: 'local-account', name: 'svc-backup', domain: 'WEB-VM-01' });
    await expect(kindOf('WEB-VM-01\\svc-backup')).resolves.toEqual({ kind: 'local-account', name: 'svc-backup', domain: 'WEB-VM-01' });
    await expect(kindOf('CONTOSO\\svc-backup')).resolves.toEqual({ kind: 'domain-account', name: 'svc-backup', domain: 'CONTOSO' });
    await expect(kindOf('svc-backup@contoso.com')).resolves.toEqual({ kind: 'entra-account', upn: 'svc-backup@contoso.com' });
    await expect(kindOf('198.51.100.23')).resolves.toEqual({ kind: 'ip', ip: '198.51.100.23' });
    await expect(kindOf(flagshipPowerShellAlert().systemAlertId)).resolves.toEqual({ kind: 'alert-id', alertId: flagshipPowerShellAlert().systemAlertId });
    expect((await classifyTarget('svc-backup@contoso.com', deps)).known).toBe(false);
    expect((await classifyTarget('db-vm-07', deps)).known).toBe(false);
  });

  it('svc-backup is a local account: its RDP logon, not a host search', async () => {
    const { reply, results } = await investigate('svc-backup', '14d');
    expect(reply).toMatch(/^Who\?, Correlate, Analyze on local account WEB-VM-01\\svc-backup \(last 14d\)/);
    expect(results[0]!.answer).toMatch(/^svc-backup \(local account\) logged on by RDP from 198\.51\.100\.23/);
  });

  it('an Entra UPN that matches nothing never gets the local account’s logons', async () => {
    const { reply, results } = await investigate('svc-backup@contoso.com', '30d');
    expect(reply).toContain('Entra ID account svc-backup@contoso.com (not a host or account the alerts or the workspace know');
    const who = results[0]!;
    expect(who.answer).not.toContain('198.51.100.23');
    expect(who.answer).not.toMatch(/logged on/);
    expect(who.answer).toContain('not known to the alerts or to the workspace');
    expect(who.tables.flatMap((t) => t.rows).flat().join(' ')).not.toContain('svc-backup');
  });

  it('a host puts the alert’s own process and IP first, with times in human units', async () => {
    now = new Date('2026-12-07T11:00:00.000Z'); // eleven days after the demo data
    const { reply, results } = await investigate('web-vm-01', '30d');
    expect(reply).toMatch(/^Who\?, Correlate, Analyze on host web-vm-01 \(last 30d\)/);
    expect(results.map((r) => r.title)).toEqual([expect.stringMatching(/^Who\?/), expect.stringMatching(/^Correlate/), expect.stringMatching(/Threat intelligence/)]);
    const who = results[0]!.answer;
    expect(who).toContain('powershell.exe connected out to 203.0.113.45:80');
    expect(who).not.toContain('WindowsAzureGuestAgent');
    expect(who).toMatch(/logged on by RDP from 198\.51\.100\.23 at 02:13, 3 min before/); // relative to the alert on the host
    expect(who).not.toMatch(/\d{3,} h/);
    expect(results[0]!.facts).toContainEqual({ title: 'Data', value: expect.stringContaining('DEMO DATA') });
  });

  it('an empty window says how far back the nearest data is and which window reaches it', async () => {
    now = new Date('2026-12-07T11:00:00.000Z');
    const { results } = await investigate('web-vm-01', '2h');
    expect(results[0]!.status).toBe('no-rows');
    expect(results[0]!.answer).toBe('Nothing found for host web-vm-01 in the last 2h: the demo data is from 26 Nov 02:45 UTC (11 d ago) — try 14d.');
  });

  it('an alert id runs all three investigations on the alert', async () => {
    const { results } = await investigate(flagshipPowerShellAlert().systemAlertId);
    expect(results.map((r) => r.title.split(' ')[0])).toEqual(['Who?', 'Correlate', 'Analyze']);
  });
});
