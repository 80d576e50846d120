/**
 * The same Defender alert given as ARM, continuous export, Graph and SecurityAlert row (the raw
 * JSON, through ingest, the durable outbox and the card renderer) is one stored alert and one card;
 * the card gains the XDR incident when the Graph shape arrives. On SQLite and PostgreSQL.
 */
import { renderAdaptiveCard } from '../../src/adapters/cards/render-adaptive-card';
import type { SqlStore } from '../../src/adapters/store/open-store';
import { type AppDeps, defaultSettings, silentLogger } from '../../src/app/deps';
import { ingestRaw } from '../../src/app/ingest-alert';
import { OutboxWorker } from '../../src/app/outbox-worker';
import type { CardModel } from '../../src/ports/card-model';
import { openTestStore, type StoreKind } from '../adapters/store/test-databases';
import { FLAGSHIP_ALERT_ID, flagshipRaw, type FlagshipShape } from '../helpers/flagship-shapes';
import { RecordingSurface } from './outbox-recording-surface';

const INCIDENT_LINK = 'https://security.microsoft.com/incidents/4127?tid=0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';

describe.each<StoreKind>(['sqlite', 'postgres'])('one alert, four shapes, on %s', (kind) => {
  let store: SqlStore;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ store, dispose } = await openTestStore(kind)));
  afterEach(async () => dispose());

  const run = async (order: FlagshipShape[]) => {
    const slack = new RecordingSurface('slack');
    const deps: AppDeps = { store, surfaces: { slack }, clock: { now: () => new Date('2026-11-26T02:20:00Z') }, logger: silentLogger, settings: defaultSettings, routes: () => [{ platform: 'slack', channelId: 'C1' }] };
    const worker = new OutboxWorker(deps, { owner: 'a', random: () => 0.5 });
    const outcomes = [];
    for (const shape of order) {
      outcomes.push(...(await ingestRaw(flagshipRaw(shape), deps)));
      await worker.drainAll();
    }
    return { slack, outcomes };
  };
  const latest = (card: { card: CardModel; updates: CardModel[] }) => JSON.stringify(renderAdaptiveCard(card.updates.at(-1) ?? card.card));

  it('ARM, export, Graph, row: one stored alert, one card, updated once with the XDR incident', async () => {
    const { slack, outcomes } = await run(['arm', 'export', 'graph', 'row']);
    expect(await store.alerts.count()).toBe(1);
    expect(slack.roots().map((m) => m.alertId)).toEqual([FLAGSHIP_ALERT_ID]);
    expect(slack.messages).toHaveLength(1); // no thread replies: nothing else was posted
    expect(outcomes.map((o) => [o.inserted, o.enriched])).toEqual([
      [true, false],
      [false, false],
      [false, true],
      [false, true], // the row adds Sentinel's id (and workspace details): the card is re-rendered, not re-posted
    ]);
    const card = slack.roots()[0]!;
    expect(JSON.stringify(renderAdaptiveCard(card.card))).not.toContain(INCIDENT_LINK);
    expect(latest(card)).toContain(INCIDENT_LINK);
    expect(latest(card)).toContain('XDR incident');
  });

  it('Graph first, then the others: still one card, and the ARM id arrives for write-back', async () => {
    const { slack } = await run(['graph', 'row', 'export', 'arm']);
    expect(slack.roots()).toHaveLength(1);
    expect(latest(slack.roots()[0]!)).toContain(INCIDENT_LINK);
    expect((await store.alerts.get(FLAGSHIP_ALERT_ID))?.armId).toMatch(/\/providers\/Microsoft\.Security\/locations\/westeurope\/alerts\//);
  });
});
