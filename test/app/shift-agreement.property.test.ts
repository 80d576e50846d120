/**
 * Property: for any sequence of ingests, votes, decisions, reopenings and closings in Defender across
 * shift edges, driven through the real use cases on a real store (SQLite and PostgreSQL), the handoff
 * and `triage` agree on what is open, and every shift's handoff counts each alert that came in and
 * each decision exactly once — checked against a model that replays the same events by their times.
 */
import fc from 'fast-check';
import type { SqlStore } from '../../src/adapters/store/open-store';
import { castVote } from '../../src/app/cast-vote';
import type { AppDeps } from '../../src/app/deps';
import { summarize } from '../../src/app/handoff';
import { reopenDecision } from '../../src/app/reopen-decision';
import { ingestAlert } from '../../src/app/ingest-alert';
import { throughNow } from '../../src/app/shift-facts';
import { undecidedOpenAlerts } from '../../src/app/triage-list';
import type { AlertStatus } from '../../src/domain/alert';
import { DEFAULT_SHIFTS, shiftAt, type Shift } from '../../src/domain/handoff/shifts';
import { triageAsOf } from '../../src/domain/handoff/summary';
import type { Actor, Verdict } from '../../src/domain/intent';
import { VERDICTS } from '../../src/domain/intent';
import type { VoteRecord } from '../../src/domain/votes/vote';
import { makeAlert } from '../helpers/alerts';
import { openTestStore, type StoreKind } from '../adapters/store/test-databases';
import { triageDeps, type TestClock } from './triage-test-deps';

jest.setTimeout(240_000);

const MIN = 60_000;
const START = Date.parse('2026-11-27T05:00:00.000Z'); // three hours before the 08:00 UTC edge
const QUORUM = 2;
const PEOPLE: Actor[] = ['A1', 'A2', 'A3', 'L1'].map((id) => ({ platform: 'slack', userId: id, displayName: id }));

type Step =
  | { op: 'ingest'; alert: number; closed: boolean; after: number }
  | { op: 'vote'; alert: number; person: number; verdict: Verdict; after: number }
  | { op: 'reopen'; alert: number; person: number; after: number };

const after = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 150 }));
const alert = fc.integer({ min: 0, max: 4 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('ingest' as const), alert, closed: fc.constant(false), after }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('ingest' as const), alert, closed: fc.boolean(), after }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('vote' as const), alert, person: fc.integer({ min: 0, max: 3 }), verdict: fc.constantFrom(...VERDICTS), after }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reopen' as const), alert, person: fc.integer({ min: 0, max: 3 }), after }) },
);

/** What the model remembers: when each alert first came in, its status now, and its triage events. */
interface Model {
  received: Map<string, number>;
  status: Map<string, AlertStatus>;
  events: Map<string, VoteRecord[]>;
}

const idOf = (n: number) => `alert-${n}`;

async function run(steps: Step[], deps: AppDeps, clock: TestClock): Promise<Model> {
  const model: Model = { received: new Map(), status: new Map(), events: new Map() };
  clock.t = START;
  for (const step of steps) {
    clock.t += step.after * MIN;
    const id = idOf(step.alert);
    const origin = { platform: 'slack' as const, channelId: 'C1' };
    if (step.op === 'ingest') {
      const status: AlertStatus = step.closed ? 'Resolved' : 'Active';
      await ingestAlert(makeAlert({ systemAlertId: id, displayName: id, status, generatedTime: '2026-11-20T00:00:00.000Z' }), deps);
      if (!model.received.has(id)) model.received.set(id, clock.t);
      model.status.set(id, status);
    } else if (model.received.has(id)) {
      const intent = step.op === 'vote' ? { kind: 'vote' as const, alertId: id, verdict: step.verdict } : { kind: 'reopen' as const, alertId: id };
      const r = step.op === 'vote' ? await castVote({ intent: intent as never, actor: PEOPLE[step.person]!, origin }, deps) : await reopenDecision({ intent: intent as never, actor: PEOPLE[step.person]!, origin }, deps);
      await r.followUp;
    }
  }
  for (const id of model.received.keys()) model.events.set(id, await deps.store.votes.history(id));
  return model;
}

/** The model's answer for a shift: what came in, what was decided in it, what is open at its end. */
function expected(model: Model, shift: Shift) {
  const [from, to] = [shift.start.getTime(), shift.end.getTime()];
  const cameIn = [...model.received].filter(([, t]) => t >= from && t < to).map(([id]) => id).sort();
  const decided: string[] = [];
  const open: string[] = [];
  for (const [id, t] of model.received) {
    const d = triageAsOf(model.events.get(id) ?? [], QUORUM, shift.end).decision;
    if (d && Date.parse(d.at) >= from && Date.parse(d.at) < to) decided.push(id);
    if (t < to && !d && model.status.get(id) !== 'Resolved') open.push(id);
  }
  return { cameIn, decided: decided.sort(), open: open.sort() };
}

describe.each<StoreKind>(['sqlite', 'postgres'])('handoff and triage agree (%s)', (kind) => {
  let store: SqlStore;
  let dispose: () => Promise<void>;
  beforeAll(async () => ({ store, dispose } = await openTestStore(kind)));
  afterAll(async () => dispose());

  async function emptyStore() {
    for (const table of ['votes', 'live_votes', 'vote_locks', 'audit_log', 'alerts', 'outbox', 'storm_placements', 'storm_groups', 'message_refs']) {
      await store.db.run(`DELETE FROM ${table}`);
    }
  }

  it('for any ingests, votes, decisions and reopenings across shift edges', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 5, maxLength: 40 }), async (steps) => {
        await emptyStore();
        const { deps, clock } = triageDeps(store, { voteQuorum: QUORUM, leads: ['L1'], analysts: ['A1', 'A2', 'A3'] });
        const model = await run(steps, deps, clock);
        const now = clock.now();

        // Now: the current shift's handoff (as `handoff` asks for it) and `triage` name the same open alerts.
        const current = { ...shiftAt(DEFAULT_SHIFTS, now), end: throughNow(now) };
        const handoff = await summarize(current, deps);
        const triage = await undecidedOpenAlerts(deps, 100);
        const want = expected(model, current);
        expect(handoff.open.map((o) => o.alertId).sort()).toEqual(want.open);
        expect(triage.items.map((i) => i.alert.systemAlertId)).toEqual(handoff.open.map((o) => o.alertId));
        expect(triage.total).toBe(handoff.openTotal);
        expect(handoff.openTotal).toBe(want.open.length);

        // Every shift from the first event to now: came in and decided exactly once, never both decided and open.
        const seenCameIn: string[] = [];
        let shift = shiftAt(DEFAULT_SHIFTS, new Date(START));
        while (shift.start.getTime() <= now.getTime()) {
          const edge = shift.end.getTime() > now.getTime() ? current : shift;
          const summary = await summarize(edge, deps);
          const w = expected(model, edge);
          expect(summary.alerts.map((a) => a.alertId).sort()).toEqual(w.cameIn);
          expect(summary.total).toBe(w.cameIn.length);
          expect(summary.decided.map((d) => d.alertId).sort()).toEqual(w.decided);
          const open = new Set(summary.open.map((o) => o.alertId));
          expect(summary.decided.filter((d) => open.has(d.alertId))).toEqual([]);
          expect(summary.pendingVotes.every((p) => open.has(p.alertId))).toBe(true);
          seenCameIn.push(...w.cameIn);
          shift = shiftAt(DEFAULT_SHIFTS, shift.end);
        }
        expect(seenCameIn.sort()).toEqual([...model.received.keys()].sort());
      }),
      { numRuns: kind === 'sqlite' ? 40 : 15 },
    );
  });
});
