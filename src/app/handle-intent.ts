/**
 * The single entry point for every click and command on every surface: routes an Intent to its
 * use case. A use case that has not landed yet answers so, visibly, instead of failing silently.
 */
import type { Intent, IntentRequest } from '../domain/intent';
import { castVote } from './cast-vote';
import type { AppDeps, UseCase, UseCaseResult } from './deps';
import { acknowledgeHandoff, addHandoffNote, requestHandoff } from './handoff';
import { investigate } from './investigate';
import { investigateTarget } from './investigate-target';
import { notAvailable } from './not-available';
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
};

export function registerUseCase<K extends Intent['kind']>(kind: K, useCase: UseCase<K>): void {
  (useCases as Record<string, unknown>)[kind] = useCase;
}

export async function handleIntent(request: IntentRequest, deps: AppDeps): Promise<UseCaseResult> {
  const useCase = useCases[request.intent.kind] as UseCase<Intent['kind']> | undefined;
  if (!useCase) return notAvailable(request.intent);
  try {
    const result = await useCase(request as never, deps);
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
