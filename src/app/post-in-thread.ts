/**
 * Posts an answer in an alert's thread on the surface the request came from (or on every surface
 * the alert was posted to, when there is no origin, e.g. a state change from Defender).
 */
import type { Origin } from '../domain/intent';
import type { CardModel } from '../ports/card-model';
import type { MessageRef } from '../ports/chat-surface';
import type { AppDeps } from './deps';

export async function postInAlertThread(
  deps: AppDeps,
  alertId: string,
  card: CardModel,
  origin?: Origin,
): Promise<MessageRef[]> {
  const refs = (await deps.store.messages.listForAlert(alertId)).filter(
    (r) => r.role === 'root' && (!origin || (r.platform === origin.platform && r.channelId === origin.channelId)),
  );
  const posted: MessageRef[] = [];
  for (const root of refs) {
    const surface = deps.surfaces[root.platform];
    if (surface) posted.push(await surface.reply(root, card, { alertId }));
  }
  if (!refs.length && origin) {
    // Asked from outside the alert's thread (e.g. /investigate in another channel): answer there.
    const surface = deps.surfaces[origin.platform];
    if (surface) {
      const root: MessageRef | undefined = origin.threadId
        ? { platform: origin.platform, channelId: origin.channelId, messageId: origin.threadId, threadId: origin.threadId }
        : undefined;
      posted.push(root ? await surface.reply(root, card, { alertId }) : await surface.post(origin.channelId, card, { alertId }));
    }
  }
  return posted;
}
