/**
 * A slash command's private answers (its own answer, and what is asked for outside the triage
 * channels) go back through its response_url: Slack's own way to reach the asker alone, which works
 * even where the bot is not a member (an ephemeral post would not). Slack takes five answers per
 * response_url; answers beyond those are ephemeral posts. This is the Slack surface with its
 * `notifyUser` for the asker swapped for the response_url; the presenter uses it like any surface.
 */
import type { AppDeps } from '../../app/deps';
import type { CardModel } from '../../ports/card-model';
import type { ChatSurface } from '../../ports/chat-surface';

/** Slack accepts this many answers per response_url (within 30 minutes). */
const RESPONSE_URL_USES = 5;

export function answeringThrough(deps: AppDeps, userId: string, respond: (card: CardModel) => Promise<unknown>): AppDeps {
  const slack = deps.surfaces.slack;
  if (!slack) return deps;
  let uses = 0;
  const surface: ChatSurface = {
    platform: 'slack',
    capabilities: slack.capabilities,
    post: (channelId, card, options) => slack.post(channelId, card, options),
    reply: (root, card, options) => slack.reply(root, card, options),
    update: (message, card) => slack.update(message, card),
    findPosted: slack.findPosted ? (channelId, alertId) => slack.findPosted!(channelId, alertId) : undefined,
    async notifyUser(origin, user, card) {
      if (user === userId && ++uses <= RESPONSE_URL_USES) await respond(card);
      else await slack.notifyUser?.(origin, user, card);
    },
  };
  return { ...deps, surfaces: { ...deps.surfaces, slack: surface } };
}
