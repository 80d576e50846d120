/**
 * `/investigate`, `/handoff`, `/triage` (each with `help`): parsed with the shared command parser.
 * A bad command is answered in the ack itself; a good one is acked with "working on it" at once
 * (Slack's 3 s), then dispatched and handed to the presenter (app/present.ts): the caller's own
 * answers go back through the command's response_url (response-url-surface.ts: only the caller
 * sees them) and slow results land in the channel through the use case's follow-up.
 */
import { isCommandError, parseCommand } from '../../domain/command-parser';
import type { Actor, Origin } from '../../domain/intent';
import type { AppDeps } from '../../app/deps';
import { answerIntent } from '../../app/answer-intent';
import type { CardModel } from '../../ports/card-model';
import { renderBlockKit } from '../cards/render-block-kit';
import { answeringThrough } from './response-url-surface';

export const SLASH_COMMANDS = ['/investigate', '/handoff', '/triage'] as const;

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
      const app = answeringThrough(deps, payload.user_id, (card) => respond(ephemeral(card)));
      const request = { intent: parsed, actor, origin };
      await answerIntent(request, app);
    } catch (err) {
      deps.logger.error({ err, command: payload.command }, 'slack slash command failed');
      await respond({ response_type: 'ephemeral', text: `That did not work: ${escapeText((err as Error).message.slice(0, 300))}` }).catch(() => undefined);
    }
  };
  return { ack: { response_type: 'ephemeral', text: `Working on it: ${payload.command} ${escapeText((payload.text ?? '').slice(0, 200))}`.trim() }, work };
}

function ephemeral(card: CardModel): EphemeralAnswer {
  const { text, blocks } = renderBlockKit(card);
  return { response_type: 'ephemeral', text, blocks: blocks as unknown[] };
}

/** Slack mrkdwn: the user's own text is echoed back, so `<!channel>` must not become a mention. */
function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
