/**
 * correlate: a Correlate click (handleIntent → followUp, the result card rendered as Teams would get
 * it) on an alert of a subscription with `n` alerts spread over 30 days on 500 VMs, Log Analytics
 * answering at once (no rows), so the time is the bot's own. Two Defender sides:
 *   ms      — as the bot is built when it polls: the related Defender alerts come from the alerts
 *             it has stored (StoreBackedDefenderClient);
 *   arm_ms  — as before: every alert of the subscription listed from ARM (fake ARM in its own
 *             process) and matched here, per click.
 * `ms` is the median of `clicks` clicks after one cold click (`cold_ms`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ArmDefenderClient } from '../src/adapters/azure/defender-arm-client';
import { renderAdaptiveCard } from '../src/adapters/cards/render-adaptive-card';
import { StoreBackedDefenderClient } from '../src/adapters/local/demo-workspace-defender';
import { SqlAlertRepository } from '../src/adapters/store/alert-repository';
import { openStore, type SqlStore } from '../src/adapters/store/open-store';
import { defaultSettings, silentLogger, type AppDeps } from '../src/app/deps';
import { handleIntent } from '../src/app/handle-intent';
import type { Alert } from '../src/domain/alert';
import { normalizeAlert } from '../src/domain/normalize';
import type { CardModel } from '../src/ports/card-model';
import type { ChatSurface, MessageRef } from '../src/ports/chat-surface';
import type { DefenderClient } from '../src/ports/defender-client';
import type { LogsQuery } from '../src/ports/logs-query';
import { startFakePollApis } from './lib/fake-poll-apis-process';
import { median, round } from './lib/measure';
import { retainedAlert } from './lib/raw-alerts';

export interface CorrelateFigures {
  ms: number;
  cold_ms: number;
  arm_ms: number;
  alerts_in_store: number;
  related_found: number;
  clicks: number;
}

const credential = { getToken: async () => ({ token: 'bench', expiresOnTimestamp: Date.now() + 3_600_000 }) };
/** Log Analytics answering every query at once with no rows: its time is not the bot's. */
const instantLogs: LogsQuery = { workspaceId: 'bench', query: async () => ({ status: 'success', tables: [{ name: 'PrimaryResult', columns: [], rows: [] }] }) };

/** A surface that renders every card it is given (the work a real one does) and keeps nothing. */
class RenderingSurface implements ChatSurface {
  readonly platform = 'teams' as const;
  posted = 0;
  lastResult?: CardModel;
  private seq = 0;
  async post(channelId: string, card: CardModel): Promise<MessageRef> {
    renderAdaptiveCard(card);
    const id = `m${++this.seq}`;
    return { platform: 'teams', channelId, messageId: id, threadId: id };
  }
  async reply(root: MessageRef, card: CardModel): Promise<MessageRef> {
    renderAdaptiveCard(card);
    this.posted++;
    if (card.kind === 'investigation-result') this.lastResult = card;
    return { ...root, messageId: `m${++this.seq}` };
  }
  async update(_m: MessageRef, card: CardModel): Promise<void> {
    renderAdaptiveCard(card);
  }
}

export async function benchCorrelate(n: number, clicks: number): Promise<CorrelateFigures> {
  const now = Date.now();
  const spec = { n, run: 'corr', at: new Date(now).toISOString(), spreadDays: 30 };
  const raw = (i: number) => retainedAlert(i, spec);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'triage-bench-corr-'));
  const store = (await openStore(`sqlite:${path.join(dir, 'triage.db')}`)) as SqlStore;
  const apis = await startFakePollApis({ retained: n, retainedAt: spec.at, run: spec.run, spreadDays: spec.spreadDays, graph: false, armPageSize: 200, graphPageSize: 200 });
  try {
    await seed(store, n, raw);
    const target = normalizeAlert(raw(Math.floor(n / 2)));
    const surface = new RenderingSurface();
    const deps = (defender: DefenderClient): AppDeps => ({
      store,
      surfaces: { teams: surface },
      logs: instantLogs,
      defender,
      clock: { now: () => new Date(now) },
      logger: silentLogger,
      settings: defaultSettings,
      routes: () => [{ platform: 'teams', channelId: 'soc' }],
    });
    const root = await surface.post('soc', { kind: 'notice', tone: 'info', text: 'alert' });
    await store.messages.save({ ...root, alertId: target.systemAlertId, role: 'root', createdAt: new Date(now).toISOString() });

    const stored = deps(new StoreBackedDefenderClient(store.alerts));
    const cold = await click(target, stored);
    const warm: number[] = [];
    for (let i = 0; i < clicks; i++) warm.push(await click(target, stored));
    const related = relatedIn(surface.lastResult);
    const armDeps = deps(new ArmDefenderClient({ credential, endpoint: apis.armUrl, subscriptionIds: [] }));
    await click(target, armDeps); // warm: the first one also loads the SDK
    const arm = await click(target, armDeps);
    return { ms: round(median(warm), 1), cold_ms: round(cold, 1), arm_ms: round(arm, 1), alerts_in_store: await store.alerts.count(), related_found: related, clicks };
  } finally {
    await store.close();
    await apis.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function click(alert: Alert, deps: AppDeps): Promise<number> {
  const start = performance.now();
  const out = await handleIntent(
    { intent: { kind: 'investigate', alertId: alert.systemAlertId, investigation: 'correlation' }, actor: { platform: 'teams', userId: 'bench', displayName: 'Bench' }, origin: { platform: 'teams', channelId: 'soc' } },
    deps,
  );
  await out.followUp;
  return performance.now() - start;
}

function relatedIn(card: CardModel | undefined): number {
  if (card?.kind !== 'investigation-result') return 0;
  const timeline = card.result.tables.find((t) => t.title.startsWith('Timeline'));
  return timeline ? timeline.rows.length - 1 : 0;
}

/** The store's own alert repository, 1000 saves per transaction (seeding speed only). */
async function seed(store: SqlStore, n: number, raw: (i: number) => unknown): Promise<void> {
  for (let from = 0; from < n; from += 1000) {
    await store.db.transaction(async (tx) => {
      const alerts = new SqlAlertRepository(tx);
      for (let i = from; i < Math.min(n, from + 1000); i++) await alerts.save(normalizeAlert(raw(i)));
    });
  }
}

