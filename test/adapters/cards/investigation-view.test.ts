/**
 * The investigation answer fits on a screen: summary first, a few key rows per source, every table
 * and the KQL behind a Details toggle (Teams and the local channel) or a Show queries button
 * (Slack, which has no toggle); headers wrap between words; links are links; every limit holds.
 */
import { DemoWorkspace } from '../../../src/adapters/local/demo-workspace';
import { StoreBackedDefenderClient } from '../../../src/adapters/local/demo-workspace-defender';
import type { AcElement } from '../../../src/adapters/cards/adaptive-card';
import { spacedHeader, KEY_ROWS } from '../../../src/adapters/cards/investigation-view';
import { checkBlockKitLimits, checkTeamsCardLimits } from '../../../src/adapters/cards/limits';
import { renderAdaptiveCard } from '../../../src/adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../../src/adapters/cards/render-block-kit';
import { handleIntent } from '../../../src/app/handle-intent';
import { runInvestigation } from '../../../src/app/investigate';
import { decodeAction } from '../../../src/domain/action-codec';
import { microsoftPortalLink } from '../../../src/domain/investigation/portal-links';
import type { CardModel, InvestigationResultView } from '../../../src/ports/card-model';
import { adaptiveCardSchemaErrors } from '../../helpers/adaptive-card-schema';
import { investigateHarness, POWERSHELL_ID, type InvestigateHarness } from '../../app/investigate-test-deps';
import { allElements, unescapeMd } from './card-walk';

describe('investigation answer card', () => {
  let h: InvestigateHarness;
  let who: InvestigationResultView;
  let correlate: InvestigationResultView;
  beforeAll(async () => {
    h = await investigateHarness(new DemoWorkspace(), (store) => new StoreBackedDefenderClient(store.alerts));
    const alert = (await h.store.alerts.get(POWERSHELL_ID))!;
    who = await runInvestigation('identity', alert, h.deps);
    correlate = await runInvestigation('correlation', alert, h.deps);
  });
  afterAll(() => h.store.close());

  const model = (result: InvestigationResultView): CardModel => ({ kind: 'investigation-result', result });

  it('leads with the answer and shows at most a few rows per source; the rest and the KQL are behind the toggle', () => {
    const card = renderAdaptiveCard(model(who));
    expect(adaptiveCardSchemaErrors(card)).toEqual([]);
    expect(checkTeamsCardLimits(card)).toEqual([]);
    const texts = card.body.filter((e) => e.type === 'TextBlock').map((e) => String(e.text));
    expect(unescapeMd(texts[2]!)).toMatch(/^svc-backup \(local account\) logged on by RDP/);
    const outside = card.body.filter((e) => e.type !== 'ActionSet');
    const tables = outside.flatMap((e) => allElements({ type: 'AdaptiveCard', version: '1.5', body: [e] })).filter((e) => e.type === 'Table');
    expect(tables.length).toBeLessThanOrEqual(3);
    for (const t of tables) expect((t.rows as unknown[]).length - 1).toBeLessThanOrEqual(KEY_ROWS);
    expect(JSON.stringify(outside)).not.toContain('// logons'); // no KQL outside the toggle (the sources list names the tables)
    const toggle = allElements(card).find((e) => e.type === 'Action.ShowCard')!;
    expect(toggle.title).toMatch(/^Details: \d+ tables and \d+ queries$/);
    expect(JSON.stringify(toggle.card)).toContain('// logons');
    const queryButton = allElements(card).find((e) => e.type === 'Action.Execute')!;
    expect(decodeAction(String(queryButton.verb), queryButton.data)).toEqual({ ok: true, intent: { kind: 'show-queries', alertId: POWERSHELL_ID, investigation: 'identity' } });
  });

  it('headers wrap between words, never inside one', () => {
    expect(spacedHeader('LogonAccount')).toBe('Logon Account');
    expect(spacedHeader('_ResourceId')).toBe('Resource Id');
    expect(spacedHeader('OSType')).toBe('OS Type');
    expect(spacedHeader('Time (UTC)')).toBe('Time (UTC)');
    const json = JSON.stringify(renderAdaptiveCard(model(who)));
    expect(json).toContain('**Logon Account**');
    expect(json).not.toContain('**LogonAccount**');
  });

  it('Slack: no toggle, the key rows and a Show queries button, within limits', () => {
    const slack = renderBlockKit(model(who));
    expect(checkBlockKitLimits(slack)).toEqual([]);
    const json = JSON.stringify(slack);
    expect(json).toContain('"action_id":"dtb.show-queries.identity"');
    expect(json).not.toContain('// logons');
  });

  it('Correlate links the Sentinel incident, and only Microsoft portal hosts make a link', () => {
    expect(correlate.links[0]).toEqual({ label: 'Open Sentinel incident #42', href: expect.stringMatching(/^https:\/\/portal\.azure\.com\/#asset\/Microsoft_Azure_Security_Insights\/Incident\//) });
    const card = renderAdaptiveCard(model(correlate));
    expect(allElements(card).filter((e: AcElement) => e.type === 'Action.OpenUrl').map((e) => e.title)).toContain('Open Sentinel incident #42');
    expect(microsoftPortalLink('https://portal.azure.com.evil.example/#x')).toBeUndefined();
    expect(microsoftPortalLink('https://user:pw@portal.azure.com/#x')).toBeUndefined();
    expect(microsoftPortalLink('http://portal.azure.com/#x')).toBeUndefined();
    expect(microsoftPortalLink('https://security.microsoft.com/incidents/42?tid=x')).toBe('https://security.microsoft.com/incidents/42');
  });

  it('Show queries posts the KQL in the alert’s thread', async () => {
    h.web.calls.length = 0;
    const out = await handleIntent({ intent: { kind: 'show-queries', alertId: POWERSHELL_ID, investigation: 'identity' }, actor: { platform: 'web', userId: 'a', displayName: 'a' }, origin: { platform: 'web', channelId: 'soc' } }, h.deps);
    await out.followUp;
    const posted = h.web.replies(h.roots[POWERSHELL_ID]!);
    expect(posted).toHaveLength(1);
    const card = renderAdaptiveCard(posted[0]!);
    expect(checkTeamsCardLimits(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('SecurityEvent');
    expect(checkBlockKitLimits(renderBlockKit(posted[0]!))).toEqual([]);
  });
});
