/**
 * A button or select on a Slack message (block_actions), after Bolt has acked it: decode it with
 * the shared codec, run the use case, and show the outcome — the clicker's answer as an ephemeral
 * message in the thread (or a thread reply when it is a result everyone should see), the alert's
 * card updated in place. Whatever fails, the clicker is told; never silence.
 */
import { decodeAction, isOurVerb, verbFromActionId } from '../../domain/action-codec';
import type { Actor, IntentRequest, Origin } from '../../domain/intent';
import type { AppDeps } from '../../app/deps';
import { handleIntent } from '../../app/handle-intent';
import type { CardModel } from '../../ports/card-model';
import type { MessageRef } from '../../ports/chat-surface';
import type { SlackSurface } from './slack-surface';

/** The parts of a block_actions payload this adapter reads. */
export interface BlockActionsBody {
  user: { id: string; name?: string; username?: string };
  channel?: { id: string };
  container?: { channel_id?: string; message_ts?: string; thread_ts?: string; is_ephemeral?: boolean };
  message?: { ts: string; thread_ts?: string };
  actions: { action_id: string; value?: string; selected_option?: { value: string }; type?: string }[];
}

export async function handleButtonClick(body: BlockActionsBody, deps: AppDeps, surface: SlackSurface): Promise<void> {
  const action = body.actions[0];
  const origin = originOf(body);
  if (!action) return;
  if (!origin) {
    // No channel to answer in (a click outside a message, e.g. in a modal): nothing we post uses those.
    deps.logger.warn({ actionId: action.action_id.slice(0, 80) }, 'slack: block action without a channel ignored');
    return;
  }
  const verb = verbFromActionId(action.action_id);
  // Link buttons send block_actions too; they need the ack and nothing else.
  if (!isOurVerb(verb)) return;
  const actor = actorOf(body);
  const tell = (card: CardModel) => surface.notifyUser(origin, actor.userId, card);
  try {
    const decoded = decodeAction(verb, action.selected_option?.value ?? action.value);
    if (!decoded.ok) return await tell(problem(`That button could not be read (${decoded.reason}). Nothing was changed.`));
    const request: IntentRequest = { intent: decoded.intent, actor, origin };
    const result = await handleIntent(request, deps);
    // The clicker's answer first: it is what tells them the click landed.
    if (result.reply) await answer(result.reply, origin, actor, surface);
    if (result.alertCard) await updateAlertCard(result.alertCard, origin, deps, surface);
    void result.followUp;
  } catch (err) {
    deps.logger.error({ err, verb }, 'slack button click failed');
    await tell(problem(`That did not work: ${(err as Error).message}`)).catch((e: unknown) =>
      deps.logger.error({ err: e }, 'could not tell the user about a failed click'),
    );
  }
}

export function actorOf(body: BlockActionsBody): Actor {
  return { platform: 'slack', userId: body.user.id, displayName: body.user.name ?? body.user.username ?? body.user.id };
}

export function originOf(body: BlockActionsBody): Origin | undefined {
  const channelId = body.channel?.id ?? body.container?.channel_id;
  if (!channelId) return undefined;
  const ts = body.message?.ts ?? body.container?.message_ts;
  const threadId = body.message?.thread_ts ?? body.container?.thread_ts ?? ts;
  // An ephemeral message cannot be updated or threaded under: only its thread (if any) is kept.
  if (body.container?.is_ephemeral) return { platform: 'slack', channelId, threadId: body.container.thread_ts };
  return { platform: 'slack', channelId, messageId: ts, threadId };
}

/** Results everyone in the thread should see go to the thread; acknowledgements only to the clicker. */
async function answer(reply: CardModel, origin: Origin, actor: Actor, surface: SlackSurface): Promise<void> {
  if (reply.kind === 'investigation-result' && origin.threadId) {
    const root: MessageRef = { platform: 'slack', channelId: origin.channelId, messageId: origin.threadId, threadId: origin.threadId };
    await surface.reply(root, reply);
    return;
  }
  await surface.notifyUser(origin, actor.userId, reply);
}

/**
 * The clicker's surface shows the new card (the use case updates the alert's other surfaces): the
 * alert's root in this channel, or the clicked message itself when it is a root this store does
 * not know (posted before a database reset).
 */
async function updateAlertCard(card: CardModel, origin: Origin, deps: AppDeps, surface: SlackSurface): Promise<void> {
  if (card.kind !== 'alert') return;
  const known = await deps.store.messages.findRoot(card.alert.systemAlertId, 'slack', origin.channelId);
  const clickedRoot = origin.messageId && origin.messageId === origin.threadId ? origin.messageId : undefined;
  const root = known?.messageId ?? clickedRoot;
  if (root) await surface.update({ platform: 'slack', channelId: origin.channelId, messageId: root, threadId: root }, card);
}

function problem(text: string): CardModel {
  return { kind: 'notice', tone: 'attention', text };
}
