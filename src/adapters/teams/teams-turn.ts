/**
 * One incoming activity, start to finish: refuse it when it comes from a tenant we do not serve
 * (before anything of it is stored), remember where it came from (conversation reference, who may
 * see cards refresh), post alerts that waited for this channel, then route it: a card action
 * (Action.Execute invoke or Action.Submit fallback), a command, or nothing to answer.
 */
import { Activity } from '@microsoft/agents-activity';
import type { TurnContext } from '@microsoft/agents-hosting';
import { refuseForeignActivity, servesOrganisation } from '../../app/authorize';
import type { AppDeps, Logger } from '../../app/deps';
import type { TeamsConversationStore } from '../../ports/teams-conversations';
import { actorOf, conversationRecord, originOf, refreshIdOf } from './incoming-activity';
import type { RefreshAudience } from './refresh-audience';
import { runCardAction, type ActionOutcome } from './teams-actions';
import { cardInvokeResponse, messageInvokeResponse, teamsCard } from './teams-card';
import { runCommand } from './teams-commands';
import type { TeamsHealth } from './teams-health';
import type { TeamsSurface } from './teams-surface';

export interface TurnDeps {
  conversations: TeamsConversationStore;
  surface: TeamsSurface;
  audience: RefreshAudience;
  health: TeamsHealth;
  logger: Logger;
  app: () => AppDeps;
  now: () => Date;
  answerWithinMs?: number;
  /** Background work started by a turn (thread replies, follow-ups): tests await it. */
  track: (work: Promise<unknown>) => void;
}

export async function onTurn(context: TurnContext, d: TurnDeps): Promise<void> {
  const activity = context.activity;
  if (!servesOrganisation(actorOf(activity), d.app())) return refuseForeignTenant(context, d);
  await remember(activity, d);
  if (activity.type === 'invoke') {
    if (activity.name === 'adaptiveCard/action') await onActionExecute(context, d);
    return;
  }
  if (activity.type !== 'message') return;
  const submitted = submittedAction(activity.value);
  if (submitted) return onSubmit(activity, submitted, d);
  if (activity.text) d.track((await runCommand(activity, d.app())).afterAnswer);
}

async function remember(activity: Activity, d: TurnDeps): Promise<void> {
  const record = conversationRecord(activity, d.now());
  if (!record) return;
  const known = await d.conversations.getConversation(record.conversationId);
  await d.conversations.saveConversation(record);
  // Channel ids are hard to find in the Teams UI: say which one we just learned (for TEAMS_ALERT_CHANNEL).
  if (!known) d.logger.info({ conversationId: record.conversationId, kind: record.kind, name: record.name, teamId: record.teamId }, 'Teams conversation is now known');
  d.health.clear(record.conversationId);
  if (activity.from?.role !== 'bot') d.audience.remember(record.conversationId, refreshIdOf(activity));
  d.track(
    d.surface.drainPending(record.conversationId).catch((err: unknown) => d.logger.error({ err, channelId: record.conversationId }, 'Teams: posting waiting alerts failed')),
  );
}

async function onActionExecute(context: TurnContext, d: TurnDeps): Promise<void> {
  const activity = context.activity;
  const value = (activity.value ?? {}) as { action?: { verb?: unknown; data?: unknown } };
  const outcome = await runCardAction(String(value.action?.verb ?? ''), value.action?.data, request(activity), d.app(), d.answerWithinMs);
  d.track(outcome.afterAnswer);
  const channel = originOf(activity).channelId;
  const answer = outcome.card
    ? cardInvokeResponse(teamsCard(outcome.card, d.audience.users(channel), d.now()))
    : messageInvokeResponse(outcome.message ?? 'Done.');
  await context.sendActivity(Activity.fromObject({ type: 'invokeResponse', value: answer }));
}

/** Action.Submit fallback: no invoke answer exists; the presenter updates the clicked card in place. */
async function onSubmit(activity: Activity, submitted: { verb: string; data: unknown }, d: TurnDeps): Promise<void> {
  const outcome: ActionOutcome = await runCardAction(submitted.verb, submitted.data, request(activity), d.app(), d.answerWithinMs, false);
  d.track(outcome.afterAnswer);
}

/** Another tenant: audited, answered in the turn itself (an invoke answer or a reply), nothing stored. */
async function refuseForeignTenant(context: TurnContext, d: TurnDeps): Promise<void> {
  const activity = context.activity;
  const kind = activity.type === 'invoke' ? `invoke ${String(activity.name ?? '')}` : String(activity.type ?? 'unknown');
  const notice = await refuseForeignActivity(request(activity), kind, d.app());
  const text = notice.kind === 'notice' ? notice.text : 'Not allowed.';
  if (activity.type === 'invoke') await context.sendActivity(Activity.fromObject({ type: 'invokeResponse', value: messageInvokeResponse(text) }));
  else if (activity.type === 'message') await context.sendActivity(Activity.fromObject({ type: 'message', text }));
}

function request(activity: Activity) {
  return { actor: actorOf(activity), origin: originOf(activity) };
}

/** `value` of an Action.Submit from our cards: `{ verb, ...data }` (or `{ verb, data }`). */
function submittedAction(value: unknown): { verb: string; data: unknown } | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.verb !== 'string') return undefined;
  return { verb: v.verb, data: v.data && typeof v.data === 'object' ? v.data : v };
}
