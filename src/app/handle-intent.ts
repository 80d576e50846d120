/**
 * The single entry point for every click and command on every surface: authorizes the request
 * (authorize.ts: who may do what, where, from which organisation), then routes the Intent to its
 * use case (deps.features: the composition root's, app/features.ts), whose posts are confined to the triage channels (confined-surfaces.ts). A use case that
 * has not landed yet answers so, visibly, instead of failing silently.
 */
import type { Intent, IntentRequest } from '../domain/intent';
import { accessPolicyOf, authorize } from './authorize';
import { confinedDeps } from './confined-surfaces';
import type { AppDeps, UseCase, UseCaseResult } from './deps';
import { USE_CASES } from './features';
import { notAvailable } from './not-available';

export async function handleIntent(request: IntentRequest, deps: AppDeps): Promise<UseCaseResult> {
  try {
    const authorization = await authorize(request, deps);
    if (!authorization.ok) return authorization.result;
    const useCase = (deps.features?.useCases ?? USE_CASES)[request.intent.kind] as UseCase<Intent['kind']> | undefined;
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
