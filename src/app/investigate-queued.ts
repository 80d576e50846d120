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
    { key: r.key, lane: r.lane, owner: r.owner, maxWaitMs: r.maxWaitMs, logs: deps.logs, run: r.run },
    { destinations: r.destinations, deliver: async (outcome) => void (await r.deliver(cardFor(outcome, r.label))) },
  );
  switch (admission.kind) {
    case 'refused': {
      const n = admission.waiting;
      const text = `You already have ${n} investigation${n === 1 ? '' : 's'} waiting; ${r.label} was not started. Ask again when one of them has answered.`;
      return { kind: 'refused', notice: { kind: 'notice', tone: 'warning', text } };
    }
    case 'joined':
      return { kind: 'joined', followUp: admission.sameDestination ? undefined : admission.done };
    case 'queued':
      return { kind: 'queued', startsNow: admission.waitingAhead === 0 && admission.slotFree, followUp: admission.done };
  }
}

/** "Who? running…" or "Who? waiting for Log Analytics…", then where the answer will be. */
export function progressText(queued: Extract<QueuedInvestigation, { kind: 'queued' | 'joined' }>, label: string, where: string): string {
  if (queued.kind === 'joined') return queued.followUp ? `${label} is already running for someone else; its answer will be posted here too.` : `${label} is already running; ${where}.`;
  return queued.startsNow ? `${label} running… ${where}.` : `${label} queued: Log Analytics is busy and investigations take turns; ${where}.`;
}

function cardFor(outcome: JobOutcome<InvestigationResultView>, label: string): CardModel {
  switch (outcome.kind) {
    case 'done':
      return { kind: 'investigation-result', result: outcome.result };
    case 'dropped':
      return {
        kind: 'notice',
        tone: 'attention',
        text: `${label} was dropped: it waited ${durationText(outcome.waitedMs)} for Log Analytics without starting, and its answer would be out of date. Ask again when the queue is shorter.`,
      };
    case 'failed':
      return { kind: 'notice', tone: 'attention', text: `${label} failed: ${outcome.reason.slice(0, 300)}` };
  }
}

/** 300 → "0.3 s", 125000 → "2 min" */
function durationText(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms / 60_000)} min`;
}
