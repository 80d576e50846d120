/**
 * `/investigate`, `/handoff`, `/triage` (each with `help`): parsed with the shared command parser.
 * A bad command is answered in the ack itself; a good one is acked with "working on it" at once
 * (Slack's 3 s), then run; the answer goes back through the command's response_url (only the
 * caller sees it) and slow results land in the channel through the use case's follow-up.
 */
import { isCommandError, parseCommand } from '../../domain/command-parser';
import type { Actor, Origin } from '../../domain/intent';
import type { AppDeps } from '../../app/deps';
import { handleIntent } from '../../app/handle-intent';
import type { CardModel } from '../../ports/card-model';
import type { ChatSurface } from '../../ports/chat-surface';
import { renderBlockKit } from '../cards/render-block-kit';

export const SLASH_COMMANDS = ['/investigate', '/handoff', '/triage'] as const;
/** Slack accepts this many answers per response_url (within 30 minutes). */
const RESPONSE_URL_USES = 5;

/** The parts of a slash command payload this adapter reads. */
export interface SlashCommandPayload {
  command: string;
  text: string;
  user_id: string;
  user_name?: string;
  channel_id: string;
  team_id?: string;
  enterprise_id?: string;
}

export interface EphemeralAnswer {
  response_type: 'ephemeral';
  text: string;
  blocks?: unknown[];
}

export type Respond = (answer: EphemeralAnswer) => Promise<unknown>;

/** What to ack with, and the work to run after the ack (undefined when the ack is the answer). */
export function acceptSlashCommand(
  payload: SlashCommandPayload,
  deps: AppDeps,
): { ack: EphemeralAnswer; work?: (respond: Respond) => Promise<void> } {
  const parsed = parseCommand(`${payload.command} ${payload.text ?? ''}`);
  // The parser's message may quote the user's text: escaped like every echo.
  if (isCommandError(parsed)) return { ack: { response_type: 'ephemeral', text: `${escapeText(parsed.error)} (try \`${payload.command} help\`)` } };
  const actor: Actor = {
    platform: 'slack',
    userId: payload.user_id,
    displayName: payload.user_name ?? payload.user_id,
    org: { teamIds: payload.team_id ? [payload.team_id] : [], enterpriseId: payload.enterprise_id || undefined },
  };
  const origin: Origin = { platform: 'slack', channelId: payload.channel_id };
  const work = async (respond: Respond) => {
    try {
      const result = await handleIntent({ intent: parsed, actor, origin }, answeringThrough(deps, payload.user_id, respond));
      if (result.reply) await respond(ephemeral(result.reply));
      if (result.alertCard?.kind === 'alert') await updateRootInChannel(result.alertCard, payload.channel_id, deps);
      void result.followUp;
    } catch (err) {
      deps.logger.error({ err, command: payload.command }, 'slack slash command failed');
      await respond({ response_type: 'ephemeral', text: `That did not work: ${escapeText((err as Error).message.slice(0, 300))}` }).catch(() => undefined);
    }
  };
  return { ack: { response_type: 'ephemeral', text: `Working on it: ${payload.command} ${escapeText((payload.text ?? '').slice(0, 200))}`.trim() }, work };
}

/**
 * A slash command's private answers (what is asked for outside the triage channels) go back through
 * its response_url: Slack's own way to reach the asker alone, which works even where the bot is
 * not a member (an ephemeral post would not). Slack takes five answers per response_url; the
 * command's own reply is the first, later ones beyond the fifth are ephemeral posts.
 */
function answeringThrough(deps: AppDeps, userId: string, respond: Respond): AppDeps {
  const slack = deps.surfaces.slack;
  if (!slack) return deps;
  let followUps = 0;
  const surface: ChatSurface = {
    platform: 'slack',
    post: (channelId, card, options) => slack.post(channelId, card, options),
    reply: (root, card, options) => slack.reply(root, card, options),
    update: (message, card) => slack.update(message, card),
    findPosted: slack.findPosted ? (channelId, alertId) => slack.findPosted!(channelId, alertId) : undefined,
    async notifyUser(origin, user, card) {
      if (user === userId && ++followUps < RESPONSE_URL_USES) await respond(ephemeral(card));
      else await slack.notifyUser?.(origin, user, card);
    },
  };
  return { ...deps, surfaces: { ...deps.surfaces, slack: surface } };
}

/** The clicker's surface shows the new card (the use case updates the other surfaces). */
async function updateRootInChannel(card: Extract<CardModel, { kind: 'alert' }>, channelId: string, deps: AppDeps): Promise<void> {
  const root = await deps.store.messages.findRoot(card.alert.systemAlertId, 'slack', channelId);
  if (root) await deps.surfaces.slack?.update(root, card);
}

function ephemeral(card: CardModel): EphemeralAnswer {
  const { text, blocks } = renderBlockKit(card);
  return { response_type: 'ephemeral', text, blocks: blocks as unknown[] };
}

/** Slack mrkdwn: the user's own text is echoed back, so `<!channel>` must not become a mention. */
function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
