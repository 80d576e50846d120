/**
 * An investigation through the Log Analytics queue, as the use cases ask for one: what the asker is
 * told at once (running, waiting, already running, or over their cap), then the result — or the
 * news that it was dropped — delivered where they asked.
 */
import type { Actor } from '../domain/intent';
import type { Lane } from '../domain/scheduling/fair-schedule';
import type { CardModel, InvestigationResultView } from '../ports/card-model';
import type { LogsQuery } from '../ports/logs-query';
import type { AppDeps } from './deps';
import { queueOf, type JobOutcome } from './investigation-queue';

export interface InvestigationRequest {
  /** Identical investigations share one run: `alert:<id>:<kind>`, `target:<kind>:<target>:<window ms>`. */
  key: string;
  lane: Lane;
  /** ownerOf(actor) for clicks and commands; the source's name for automatic work. */
  owner: string;
  /** How notices name it: "Who?", "Who? on host web-vm-01 (last 2h)". */
  label: string;
  /** The request it is part of (one /investigate's lookup and investigations): counted once toward the cap. */
  group?: string;
  /** A later part of a request the cap already admitted: never refused. */
  admitted?: boolean;
  /** How a refusal names what was not started, when that is more than this one investigation. */
  refusedAs?: string;
  /** Its own limit on waiting (an /investigate window ending now). */
  maxWaitMs?: number;
  /** Where `deliver` posts ("slack:C123"): askers asking in the same place get one answer. */
  destinations: string[];
  /** The investigation, querying the queued view of Log Analytics it is given. */
  run(logs: LogsQuery | undefined): Promise<InvestigationResultView>;
  deliver(card: CardModel): Promise<unknown>;
}

export type QueuedInvestigation =
  | { kind: 'queued'; startsNow: boolean; followUp: Promise<void> }
  /** Already asked for; `followUp` is absent when the answer goes where this asker is anyway. */
  | { kind: 'joined'; followUp?: Promise<void> }
  | { kind: 'refused'; notice: CardModel };

export function ownerOf(actor: Actor): string {
  return `${actor.platform}:${actor.userId}`;
}

export function queueInvestigation(r: InvestigationRequest, deps: AppDeps): QueuedInvestigation {
  const admission = queueOf(deps).submit(
    { key: r.key, lane: r.lane, owner: r.owner, group: r.group, admitted: r.admitted, maxWaitMs: r.maxWaitMs, logs: deps.logs, run: r.run },
    { destinations: r.destinations, deliver: async (outcome) => void (await r.deliver(cardFor(outcome, r.label))) },
  );
  switch (admission.kind) {
    case 'refused':
      return { kind: 'refused', notice: refusalNotice(admission.waiting, r.refusedAs ?? r.label) };
    case 'joined':
      return { kind: 'joined', followUp: admission.sameDestination ? undefined : admission.done };
    case 'queued':
      return { kind: 'queued', startsNow: admission.waitingAhead === 0 && admission.slotFree, followUp: admission.done };
  }
}

export type StepAnswer<R> = { kind: 'done'; result: R } | { kind: 'not-done'; notice: CardModel };

export type QueuedStep<R> =
  /** `busy`: every Log Analytics slot was taken when it was queued (joined: someone else's run, not told). */
  | { kind: 'queued' | 'joined'; busy: boolean; answer: Promise<StepAnswer<R>> }
  | { kind: 'refused'; notice: CardModel };

let steps = 0;

/**
 * A step a request needs before its investigations (what an /investigate target is), through the
 * queue like them: its turn, the asker's cap (as the first job of `group`), shared by key, dropped
 * when stale. Its result comes back to the caller instead of being posted; a drop or failure comes
 * back as the notice to post.
 */
export function queueStep<R>(r: Omit<InvestigationRequest, 'destinations' | 'deliver' | 'run'> & { run(logs: LogsQuery | undefined): Promise<R> }, deps: AppDeps): QueuedStep<R> {
  let settle!: (answer: StepAnswer<R>) => void;
  const answer = new Promise<StepAnswer<R>>((resolve) => (settle = resolve));
  const admission = queueOf(deps).submit(
    { key: r.key, lane: r.lane, owner: r.owner, group: r.group, admitted: r.admitted, maxWaitMs: r.maxWaitMs, logs: deps.logs, run: r.run },
    // Each asker its own destination: every one of them is handed the result.
    { destinations: [`step:${++steps}`], deliver: async (o) => settle(o.kind === 'done' ? o : { kind: 'not-done', notice: notDoneNotice(o, r.label) }) },
  );
  if (admission.kind === 'refused') return { kind: 'refused', notice: refusalNotice(admission.waiting, r.refusedAs ?? r.label) };
  return { kind: admission.kind, busy: admission.kind === 'queued' && !admission.slotFree, answer };
}

function refusalNotice(n: number, label: string): CardModel {
  const text = `You already have ${n} investigation${n === 1 ? '' : 's'} waiting; ${label} was not started. Ask again when one of them has answered.`;
  return { kind: 'notice', tone: 'warning', text };
}

/** "Who? running…" or "Who? waiting for Log Analytics…", then where the answer will be. */
export function progressText(queued: Extract<QueuedInvestigation, { kind: 'queued' | 'joined' }>, label: string, where: string): string {
  if (queued.kind === 'joined') return queued.followUp ? `${label} is already running for someone else; its answer will be posted here too.` : `${label} is already running; ${where}.`;
  return queued.startsNow ? `${label} running… ${where}.` : `${label} queued: Log Analytics is busy and investigations take turns; ${where}.`;
}

function cardFor(outcome: JobOutcome<InvestigationResultView>, label: string): CardModel {
  return outcome.kind === 'done' ? { kind: 'investigation-result', result: outcome.result } : notDoneNotice(outcome, label);
}

function notDoneNotice(outcome: Exclude<JobOutcome<unknown>, { kind: 'done' }>, label: string): CardModel {
  if (outcome.kind === 'failed') return { kind: 'notice', tone: 'attention', text: `${label} failed: ${outcome.reason.slice(0, 300)}` };
  return {
    kind: 'notice',
    tone: 'attention',
    text: `${label} was dropped: it waited ${durationText(outcome.waitedMs)} for Log Analytics without starting, and its answer would be out of date. Ask again when the queue is shorter.`,
  };
}

/** 300 → "0.3 s", 125000 → "2 min" */
function durationText(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms / 60_000)} min`;
}
