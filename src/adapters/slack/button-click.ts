/**
 * A button or select on a Slack message (block_actions), after Bolt has acked it: decode it with
 * the shared codec, dispatch it, and hand the result to the presenter (app/present.ts), which
 * decides who sees what. Whatever fails, the clicker is told; never silence.
 *
 * Card inputs (the severity select, action_id `dtb.input.<id>`) do nothing when picked: their
 * value joins the data of the button clicked next, read from the payload's `state.values` (or the
 * select's initial option when Slack sends no state), as Adaptive Cards merge inputs into action data.
 */
import { inputIdFromActionId, verbFromActionId } from '../cards/slack-action-id';
import { decodeAction } from '../../domain/action-codec';
import type { Actor, IntentRequest, Origin } from '../../domain/intent';
import type { AppDeps } from '../../app/deps';
import { answerIntent } from '../../app/answer-intent';
import { present } from '../../app/present';
import type { CardModel } from '../../ports/card-model';
import type { ChatSurface } from '../../ports/chat-surface';

/** The parts of a block_actions payload this adapter reads. */
export interface BlockActionsBody {
  user: { id: string; name?: string; username?: string; team_id?: string };
  /** The workspace the click came from (null on an org-wide install), and the Enterprise Grid. */
  team?: { id?: string } | null;
  enterprise?: { id?: string } | null;
  channel?: { id: string };
  container?: { channel_id?: string; message_ts?: string; thread_ts?: string; is_ephemeral?: boolean };
  message?: { ts: string; thread_ts?: string; blocks?: unknown[] };
  actions: { action_id: string; value?: string; selected_option?: { value: string }; type?: string }[];
  /** Every stateful element of the message as the clicker sees it: block_id → action_id → state. */
  state?: { values?: Record<string, Record<string, { type?: string; selected_option?: { value?: unknown } | null }>> };
}

export async function handleButtonClick(body: BlockActionsBody, deps: AppDeps, ownSurface: ChatSurface): Promise<void> {
  const action = body.actions[0];
  const origin = originOf(body);
  if (!action) return;
  if (!origin) {
    // No channel to answer in (a click outside a message, e.g. in a modal): nothing we post uses those.
    deps.logger.warn({ actionId: action.action_id.slice(0, 80) }, 'slack: block action without a channel ignored');
    return;
  }
  const verb = verbFromActionId(action.action_id);
  // Link buttons and picks in a select send block_actions too; they need the ack and nothing else.
  if (!verb) return;
  // The composition root's surface (wrapped for metrics) answers; this app's own when there is none.
  const app: AppDeps = deps.surfaces.slack ? deps : { ...deps, surfaces: { ...deps.surfaces, slack: ownSurface } };
  const actor = actorOf(body);
  const tell = (card: CardModel) => present([{ to: 'actor', card }], { actor, origin }, app);
  try {
    const decoded = decodeAction(verb, withInputs(action.selected_option?.value ?? action.value, inputValues(body)));
    if (!decoded.ok) return void (await tell(problem(`That button could not be read (${decoded.reason}). Nothing was changed.`)));
    const request: IntentRequest = { intent: decoded.intent, actor, origin };
    await answerIntent(request, app);
  } catch (err) {
    deps.logger.error({ err, verb }, 'slack button click failed');
    await tell(problem(`That did not work: ${(err as Error).message}`)).catch((e: unknown) =>
      deps.logger.error({ err: e }, 'could not tell the user about a failed click'),
    );
  }
}

/**
 * The card inputs' values (input id → value): what the clicker selected, else the initial option
 * the card was rendered with (what they see when they have not touched the select).
 */
export function inputValues(body: BlockActionsBody): Record<string, string> {
  const values: Record<string, string> = {};
  for (const element of messageElements(body.message?.blocks)) {
    const id = typeof element.action_id === 'string' ? inputIdFromActionId(element.action_id) : undefined;
    const initial = (element.initial_option as { value?: unknown } | undefined)?.value;
    if (id && typeof initial === 'string') values[id] = initial;
  }
  for (const block of Object.values(body.state?.values ?? {})) {
    for (const [actionId, state] of Object.entries(block ?? {})) {
      const id = inputIdFromActionId(actionId);
      const selected = state?.selected_option?.value;
      if (id && typeof selected === 'string') values[id] = selected;
    }
  }
  return values;
}

function messageElements(blocks: unknown[] | undefined): Record<string, unknown>[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((b) => {
    const elements = (b as { elements?: unknown } | null)?.elements;
    return Array.isArray(elements) ? elements.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null) : [];
  });
}

/** A button's value (JSON of its data) with the inputs merged in; a value that is not JSON stays as it is (and fails to decode). */
function withInputs(value: string | undefined, inputs: Record<string, string>): unknown {
  if (!value || Object.keys(inputs).length === 0) return value;
  try {
    const data: unknown = JSON.parse(value);
    return data && typeof data === 'object' && !Array.isArray(data) ? { ...data, ...inputs } : value;
  } catch {
    return value;
  }
}

export function actorOf(body: BlockActionsBody): Actor {
  const teamIds = [...new Set([body.team?.id, body.user.team_id].filter((t): t is string => typeof t === 'string' && t.length > 0))];
  const enterpriseId = body.enterprise?.id || undefined;
  return { platform: 'slack', userId: body.user.id, displayName: body.user.name ?? body.user.username ?? body.user.id, org: { teamIds, enterpriseId } };
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

function problem(text: string): CardModel {
  return { kind: 'notice', tone: 'attention', text };
}
