/**
 * Nothing lost: an alert that has an identity is always stored and shown, whatever else it carries.
 * A property over every field but the identity (any value, any type, missing), and a Critical-like
 * alert with no times at all taken the whole way: signed webhook → store → durable outbox → the
 * real Slack surface → the fake Slack, where it must arrive once, saying its time is unknown.
 */
import fc from 'fast-check';
import { renderAdaptiveCard } from '../../src/adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../src/adapters/cards/render-block-kit';
import { createHttpHost, type HttpHost } from '../../src/adapters/http/http-host';
import { signTimestamped, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/adapters/ingest/webhook-auth';
import { mountAlertWebhook, WEBHOOK_PATH } from '../../src/adapters/ingest/webhook-route';
import { ChannelPacer } from '../../src/adapters/slack/channel-pacer';
import { createSlackClient } from '../../src/adapters/slack/slack-client';
import { SlackSender } from '../../src/adapters/slack/slack-sender';
import { SlackSurface } from '../../src/adapters/slack/slack-surface';
import type { SqlStore } from '../../src/adapters/store/open-store';
import { defaultSettings, silentLogger, type AppDeps } from '../../src/app/deps';
import { ingestRaw } from '../../src/app/ingest-alert';
import { OutboxWorker } from '../../src/app/outbox-worker';
import { normalizeAlerts } from '../../src/domain/normalize';
import { openTestStore } from '../adapters/store/test-databases';
import { startFakeSlack, type FakeSlackApi } from '../fakes/slack-api-server';
import { runs } from './hostile-text';
import { adaptiveCardProblems, slackProblems, slackTexts } from './output-checks';

const FIELDS = [
  'alertType', 'alertDisplayName', 'displayName', 'severity', 'reportedSeverity', 'status', 'startTimeUtc', 'endTimeUtc',
  'timeGeneratedUtc', 'timeGenerated', 'processingEndTimeUtc', 'description', 'entities', 'extendedProperties', 'intent',
  'techniques', 'remediationSteps', 'resourceIdentifiers', 'compromisedEntity', 'alertUri', 'extendedLinks', 'isIncident',
  'lastUpdateDateTime', 'correlationKey', 'productName', 'vendorName',
];
const anyValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.date({ noInvalidDate: false }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom('Critical', 'critical ', 'yesterday', '0000-01-01T00:00:00Z', '9999-99-99T99:99:99Z', '', '  '),
);
/** A real id (Defender's are under 100 characters), anything in every other field. */
const withIdentity = fc.record({
  id: fc.stringMatching(/^[A-Za-z0-9_-]{1,100}$/),
  pascal: fc.boolean(),
  nested: fc.boolean(),
  fields: fc.dictionary(fc.constantFrom(...FIELDS), anyValue, { maxKeys: FIELDS.length }),
});

function rawOf({ id, pascal, nested, fields }: { id: string; pascal: boolean; nested: boolean; fields: Record<string, unknown> }): unknown {
  const cased = Object.fromEntries(Object.entries(fields).map(([k, v]) => [pascal ? k[0]!.toUpperCase() + k.slice(1) : k, v]));
  return nested ? { name: id, properties: { ...cased, systemAlertId: id } } : { ...cased, [pascal ? 'SystemAlertId' : 'systemAlertId']: id };
}

describe('nothing lost', () => {
  it('an alert with an identity is never refused, and always renders clean on both platforms', () => {
    const receivedAt = '2026-12-07T10:00:00.000Z';
    fc.assert(
      fc.property(withIdentity, (plan) => {
        const [alert, ...rest] = normalizeAlerts(rawOf(plan), { receivedAt });
        expect(rest).toEqual([]);
        expect(alert!.systemAlertId).toBe(plan.id);
        for (const t of [alert!.startTime, alert!.endTime, alert!.generatedTime]) expect(Number.isNaN(Date.parse(t))).toBe(false);
        if (alert!.timeUnknown) expect(alert!.startTime).toBe(receivedAt);
        const model = { kind: 'alert' as const, alert: alert!, state: { status: alert!.status } };
        const slack = renderBlockKit(model);
        expect(slackProblems(slack)).toEqual([]);
        expect(adaptiveCardProblems(renderAdaptiveCard(model))).toEqual([]);
        for (const text of slackTexts(slack)) expect(text).not.toMatch(/Invalid Date|NaN|\[object Object\]/);
      }),
      runs(150),
    );
  });

  describe('a Critical-like alert with no times at all, end to end', () => {
    const SECRET = 'nothing-lost-secret-0123456789abcdef';
    let store: SqlStore;
    let dispose: () => Promise<void>;
    let slack: FakeSlackApi;
    let host: HttpHost;
    let worker: OutboxWorker;
    let url: string;

    beforeEach(async () => {
      ({ store, dispose } = await openTestStore('sqlite'));
      slack = await startFakeSlack({ token: 'xoxb-nothing-lost' });
      const surface = new SlackSurface(new SlackSender(createSlackClient('xoxb-nothing-lost', slack.apiUrl, silentLogger), new ChannelPacer({ minIntervalMs: 0 })));
      const deps: AppDeps = { store, surfaces: { slack: surface }, clock: { now: () => new Date() }, logger: silentLogger, settings: defaultSettings, routes: () => [{ platform: 'slack', channelId: 'C0SOC' }] };
      worker = new OutboxWorker(deps, { owner: 'nothing-lost', idleMs: 20 });
      host = createHttpHost();
      mountAlertWebhook(host.app, { secret: SECRET, ingest: async (raw, _source, meta) => void (await ingestRaw(raw, deps, meta)) });
      url = `http://127.0.0.1:${(await host.listen(0, '127.0.0.1')).port}${WEBHOOK_PATH}`;
      await worker.start();
    });
    afterEach(async () => {
      await worker.stop();
      await host.close();
      await slack.close();
      await dispose();
    });

    it('is stored, posted once, and its card says its time is unknown and when the bot received it', async () => {
      const body = JSON.stringify({
        SystemAlertId: 'no-time-critical-1',
        AlertDisplayName: 'Ransomware behaviour detected',
        ReportedSeverity: 'Critical',
        CompromisedEntity: 'web-vm-01',
        StartTimeUtc: null,
        TimeGenerated: 'not a time',
      });
      const ts = String(Math.round(Date.now() / 1000));
      const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: ts, [SIGNATURE_HEADER]: signTimestamped(SECRET, ts, body) } });
      expect(res.status).toBe(202);
      const stored = await store.alerts.get('no-time-critical-1');
      expect(stored).toMatchObject({ severity: 'High', timeUnknown: true });
      // Its shift (handoff, MTTA/MTTR) is the one it was received in: the same instant its card shows.
      expect((await store.alerts.getMany(['no-time-critical-1'])).map((r) => r.receivedAt)).toEqual([stored!.receivedTime]);
      await slack.waitFor(() => slack.rootMessages('C0SOC').length > 0, 10_000, 'the post');
      const [post, ...more] = slack.rootMessages('C0SOC');
      expect(more).toEqual([]);
      expect(post!.metadata).toEqual({ event_type: 'defender_alert', event_payload: { system_alert_id: 'no-time-critical-1' } });
      const shown = JSON.stringify(post!.blocks);
      expect(shown).toContain('Ransomware behaviour detected');
      expect(shown).toContain('unknown: the alert carried no usable time');
      expect(shown).toContain(`*Received*\\n${stored!.receivedTime!.replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC')}`);
      expect(shown).toMatch(/timeGenerated \\"not a time\\" \(not a time: ignored\)/);
    });
  });
});
