/**
 * What every entry point calls once it has decoded a click or command: dispatch it (handleIntent:
 * authorize, run the use case) and present the result (present.ts: who sees what, where). The slow
 * part of the use case comes back for whoever tracks background work; it is already guarded.
 */
import type { IntentRequest } from '../domain/intent';
import type { AppDeps } from './deps';
import { handleIntent } from './handle-intent';
import { presentResult, type InteractionResponse } from './present';

export async function answerIntent(request: IntentRequest, deps: AppDeps, response?: InteractionResponse): Promise<{ followUp: Promise<void> }> {
  return presentResult(await handleIntent(request, deps), { ...request, response }, deps);
}
