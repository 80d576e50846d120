/**
 * `/investigate <alert id | host | ip | account> [window]`: the investigations on demand. An alert id
 * runs Who?, Correlate and Analyze on that alert, over its own time (like its buttons). A host, IP or
 * account (classified by shape and by what the store and workspace know: target-classification.ts)
 * gets Who? and Correlate over the window ending now (default 24 h), and Analyze when there is
 * something to look up in threat intelligence (an IP, or the IOCs of the alerts about it). An empty
 * window says how far back the nearest data is. Answers go back where the command was typed.
 *
 * Everything it asks of Log Analytics takes its turn in the queue (investigate-queued.ts): the
 * lookup that classifies a host or account, then each investigation. One command counts once
 * toward the asker's cap; identical commands share the lookup and the runs (answered where each
 * was asked); whatever waits longer than the window is dropped, and the asker told.
 */
import { isIpAddress, parseDuration, windowEndingAt } from '../domain/investigation';
import type { Intent, InvestigationKind, IntentRequest } from '../domain/intent';
import type { CardModel } from '../ports/card-model';
import type { AppDeps, UseCase, UseCaseResult } from './deps';
import { investigate, queueAlertInvestigation } from './investigate';
import { ownerOf, progressText, queueInvestigation, queueStep, type QueuedInvestigation, type StepAnswer } from './investigate-queued';
import { INVESTIGATION_LABELS } from './investigate-running';
import { presentInThread } from './present';
import { classifyTarget, describeTarget, type ClassifiedTarget } from './target-classification';
import { hasIocs, runOnTarget, safely, subjectOf, withHint } from './target-investigations';

const DEFAULT_WINDOW_MS = 24 * 3_600_000;
const ALL: InvestigationKind[] = ['identity', 'correlation', 'analyze'];
/** How long the answer waits for the lookup when Log Analytics has a free slot, to say what the target is (Slack has acked already). */
const LOOKUP_WAIT_MS = 2500;

/** One /investigate as typed: the unit of the asker's cap. */
interface Command {
  request: IntentRequest & { intent: Extract<Intent, { kind: 'investigate-target' }> };
  target: string;
  ms: number;
  span: string;
  owner: string;
  group: string;
}

let commands = 0;

export const investigateTarget: UseCase<'investigate-target'> = async (request, deps) => {
  const { intent } = request;
  const target = intent.target.trim();
  if (!target || target.length > 300) return { reply: notice('Usage: investigate <alert id | host | ip | account> [window like 2h, 90m, 1d]', 'warning') };
  const ms = intent.window ? parseDuration(intent.window) : DEFAULT_WINDOW_MS;
  if (ms === undefined) return { reply: notice(`"${intent.window!.slice(0, 40)}" is not a window; use e.g. 30m, 2h, 1d or 1w (at most 30 days).`, 'warning') };
  const owner = ownerOf(request.actor);
  const command: Command = { request, target, ms, span: intent.window ?? '24h', owner, group: `${owner}#${++commands}` };
  if (!(await needsLookup(target, deps))) return investigateClassified(await classifyTarget(target, deps), command, false, deps);

  const label = `investigate ${target} (last ${command.span})`;
  const step = queueStep(
    { key: `lookup:${target.toLowerCase()}`, lane: 'interactive', owner, group: command.group, label, maxWaitMs: ms, run: (logs) => classifyTarget(target, { ...deps, logs }) },
    deps,
  );
  if (step.kind === 'refused') return { reply: step.notice };
  const early = step.busy ? undefined : await within(step.answer, LOOKUP_WAIT_MS);
  if (early) return afterLookup(early, command, deps);
  // Still waiting for its turn: say so now; the answers (or why there are none) follow where it was asked.
  const followUp = step.answer.then(async (answer) => {
    const result = await afterLookup(answer, command, deps);
    // Its answers say what they are; only a drop or a refusal needs telling.
    if (result.reply && (answer.kind === 'not-done' || !result.followUp)) await presentInThread(deps, undefined, result.reply, request.origin);
    await result.followUp;
  });
  return { reply: notice(progressText({ kind: 'queued', startsNow: !step.busy, followUp }, label, 'the answers will follow'), 'info'), followUp };
};

/** The store or the target's shape says what it is, or there is no workspace to ask. */
async function needsLookup(target: string, deps: AppDeps): Promise<boolean> {
  return Boolean(deps.logs) && !isIpAddress(target) && !(await deps.store.alerts.get(target));
}

async function afterLookup(answer: StepAnswer<ClassifiedTarget>, command: Command, deps: AppDeps): Promise<UseCaseResult> {
  if (answer.kind === 'not-done') return { reply: answer.notice };
  return investigateClassified(answer.result, command, true, deps);
}

/** Queues the investigations of a classified target; `admitted`: the command's lookup already passed the cap. */
async function investigateClassified(classified: ClassifiedTarget, command: Command, admitted: boolean, deps: AppDeps): Promise<UseCaseResult> {
  const { request, ms, span } = command;
  const { intent } = request;
  const c = classified.target;
  if (c.kind === 'alert-id') {
    if (intent.investigation) return investigate({ ...request, intent: { kind: 'investigate', alertId: c.alertId, investigation: intent.investigation } }, deps);
    const alert = (await deps.store.alerts.get(c.alertId))!;
    const described = `Who?, Correlate and Analyze on alert "${alert.displayName.slice(0, 120)}" (around its own time)`;
    const asked = { lane: 'interactive', owner: command.owner, origin: request.origin, group: command.group, refusedAs: described } as const;
    return answer(await queueInOrder(ALL, admitted, (kind, after, first) => queueAlertInvestigation(alert, kind, { ...asked, admitted: !first, after }, deps)), described);
  }
  const window = windowEndingAt(deps.clock.now(), ms);
  const subject = subjectOf(classified, window);
  const kinds = intent.investigation ? [intent.investigation] : ALL.filter((k) => k !== 'analyze' || hasIocs(classified));
  // The /investigate window is the whole search window: no extra minutes before and after.
  const scoped: AppDeps = { ...deps, settings: { ...deps.settings, investigationWindowBeforeMinutes: 0, investigationWindowAfterMinutes: 0, correlationWindowHours: 0 } };
  const name = describeTarget(c);
  const unknown = classified.known ? '' : ` (not a host or account the alerts or the workspace know — searched as typed)`;
  const described = `${kinds.map((k) => INVESTIGATION_LABELS[k]).join(', ')} on ${name}${unknown} (last ${span})`;
  const queued = await queueInOrder(kinds, admitted, (kind, after, first) =>
    queueInvestigation(
      {
        key: `target:${kind}:${name.toLowerCase()}:${ms}`,
        lane: 'interactive',
        owner: command.owner,
        group: command.group,
        admitted: !first,
        refusedAs: described,
        label: `${INVESTIGATION_LABELS[kind]} on ${name} (last ${span})`,
        maxWaitMs: ms,
        destinations: [`${request.origin.platform}:${request.origin.channelId}:${request.origin.threadId ?? ''}`],
        run: async (logs) => {
          const result = await safely(kind, () => runOnTarget(kind, subject, classified, window.end, { ...scoped, logs }));
          return kind === 'identity' ? withHint(result, classified, span, deps) : result;
        },
        deliver: async (card) => {
          await after.catch(() => undefined);
          await presentInThread(deps, undefined, card, request.origin);
        },
      },
      deps,
    ),
  );
  return answer(queued, described);
}

/**
 * Queues each investigation in turn; each is posted after the one before it (Who?, then Correlate,
 * then Analyze), though they run side by side. Only the first faces the cap (unless the command's
 * lookup did); a refusal there stops the rest.
 */
async function queueInOrder(
  kinds: InvestigationKind[],
  admitted: boolean,
  queue: (kind: InvestigationKind, after: Promise<unknown>, first: boolean) => QueuedInvestigation | Promise<QueuedInvestigation>,
): Promise<QueuedInvestigation[]> {
  const queued: QueuedInvestigation[] = [];
  let after: Promise<unknown> = Promise.resolve();
  for (const kind of kinds) {
    const q = await queue(kind, after, queued.length === 0 && !admitted);
    if (q.kind === 'refused') return [q];
    queued.push(q);
    after = q.followUp ?? after;
  }
  return queued;
}

/** One answer for the command: refused, or running / waiting / already running, then the answers. */
function answer(queued: QueuedInvestigation[], described: string): UseCaseResult {
  const [first] = queued;
  if (!first || first.kind === 'refused') return { reply: first?.kind === 'refused' ? first.notice : notice(`${described}: nothing to run.`, 'info') };
  const followUps = queued.flatMap((q) => (q.kind !== 'refused' && q.followUp ? [q.followUp] : []));
  const followUp = followUps.length ? Promise.all(followUps).then(() => undefined) : undefined;
  // Its own run started at once when the first of them did (the others wait behind that one, not behind the queue).
  const own = queued.find((q) => q.kind === 'queued');
  const progress = own?.kind === 'queued' ? { kind: 'queued' as const, startsNow: own.startsNow, followUp: followUp! } : { kind: 'joined' as const, followUp };
  return { reply: notice(progressText(progress, described, 'the answers will follow'), 'info'), followUp };
}

function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function notice(text: string, tone: 'info' | 'warning'): CardModel {
  return { kind: 'notice', tone, text };
}
