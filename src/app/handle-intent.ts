/**
 * The single entry point for every click and command on every surface: authorizes the request
 * (authorize.ts: who may do what, where, from which organisation), then routes the Intent to its
 * use case, whose posts are confined to the triage channels (confined-surfaces.ts). A use case that
 * has not landed yet answers so, visibly, instead of failing silently.
 */
import type { Intent, IntentRequest } from '../domain/intent';
import { accessPolicyOf, authorize } from './authorize';
import { castVote } from './cast-vote';
import { confinedDeps } from './confined-surfaces';
import type { AppDeps, UseCase, UseCaseResult } from './deps';
import { acknowledgeHandoff, addHandoffNote, requestHandoff } from './handoff';
import { investigate } from './investigate';
import { investigateTarget } from './investigate-target';
import { notAvailable } from './not-available';
import { refreshCard } from './refresh-card';
import { reopenDecision } from './reopen-decision';
import { showQueries } from './show-queries';
import { showHelp } from './show-help';
import { triageList } from './triage-list';

type Registry = { [K in Intent['kind']]?: UseCase<K> };

/** Use cases register here; the composition root may add more (e.g. from feature modules). */
export const useCases: Registry = {
  help: showHelp,
  vote: castVote,
  reopen: reopenDecision,
  handoff: requestHandoff,
  'handoff-note': addHandoffNote,
  'handoff-ack': acknowledgeHandoff,
  'triage-list': triageList,
  investigate,
  'show-queries': showQueries,
  'investigate-target': investigateTarget,
  refresh: refreshCard,
};

export function registerUseCase<K extends Intent['kind']>(kind: K, useCase: UseCase<K>): void {
  (useCases as Record<string, unknown>)[kind] = useCase;
}

export async function handleIntent(request: IntentRequest, deps: AppDeps): Promise<UseCaseResult> {
  try {
    const authorization = await authorize(request, deps);
    if (!authorization.ok) return authorization.result;
    const useCase = useCases[request.intent.kind] as UseCase<Intent['kind']> | undefined;
    if (!useCase) return { ...(await notAvailable(request.intent)), private: authorization.privately };
    // The customer's deps (CUSTOMERS), or `deps` itself: authorize decided whose request it is.
    const scoped = authorization.deps;
    const result = await useCase(request as never, confinedDeps(scoped, request, accessPolicyOf(scoped)));
    if (authorization.privately) result.private = true;
    if (result.followUp) result.followUp = guard(result.followUp, request, deps);
    return result;
  } catch (err) {
    deps.logger.error({ err, intent: request.intent.kind }, 'use case failed');
    return { reply: { kind: 'notice', tone: 'attention', text: `That did not work: ${(err as Error).message}` } };
  }
}

/** Background work must never become an unhandled rejection; its failure is logged and shown. */
function guard(work: Promise<void>, request: IntentRequest, deps: AppDeps): Promise<void> {
  return work.catch((err: unknown) => {
    deps.logger.error({ err, intent: request.intent.kind }, 'background work failed');
  });
}
