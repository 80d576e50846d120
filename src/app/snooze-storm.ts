/**
 * Intent 'snooze' (button on a group card: verb `dtb.snooze`, data {alertId, minutes}): keeps new
 * alerts of that type on that resource out of the channel until the snooze expires. They are still
 * stored, counted on the group card and listed for the handoff (store.storms.snoozesDuring). The
 * snooze names who set it and when it ends, on the card and in the audit log.
 *
 * The roster check is authorize.ts's; this use case refuses (audited) what only it can tell: a
 * snooze that does not name a storm's group card (a single alert's card, a forged id), and one
 * longer than SNOOZE_MAX_HOURS. Button data comes from the client, so neither is ever trusted.
 */
import { stormKey } from '../domain/storm/storm-rules';
import { alertCard } from './alert-card';
import { refuse } from './authorize';
import { DEFAULT_SNOOZE_MAX_HOURS, type UseCase } from './deps';

export const snoozeStorm: UseCase<'snooze'> = async (request, deps) => {
  const { intent, actor } = request;
  const maxHours = deps.settings.snoozeMaxHours ?? DEFAULT_SNOOZE_MAX_HOURS;
  if (intent.minutes > maxHours * 60) {
    return refuse(request, deps, { reason: 'snooze-too-long', text: `A snooze may last at most ${maxHours} hours (SNOOZE_MAX_HOURS); nothing was snoozed.` });
  }
  const alert = await deps.store.alerts.get(intent.alertId);
  const group = alert ? await deps.store.storms.groupOfAnchor(alert.systemAlertId) : undefined;
  if (!alert || !group || group.count < 2) {
    return refuse(request, deps, {
      reason: 'not-a-group-card',
      text: "Only a storm's group card (several alerts of one type on one resource) can be snoozed; a single alert's card cannot. Nothing was snoozed.",
    });
  }
  const now = deps.clock.now();
  const key = stormKey(alert);
  const until = new Date(now.getTime() + intent.minutes * 60_000).toISOString();
  const by = actor.displayName || actor.userId;
  const before = await deps.store.storms.activeSnooze(key, now.toISOString());
  const snooze = { stormKey: key, anchorAlertId: alert.systemAlertId, until, by, setAt: now.toISOString() };
  await deps.store.storms.setSnooze(snooze);
  await deps.store.audit.append({
    at: now.toISOString(),
    actor: `${actor.platform}:${actor.userId}`,
    action: 'snooze',
    alertId: alert.systemAlertId,
    before: before ?? null,
    after: { ...snooze, minutes: intent.minutes },
  });
  return {
    // No alert text here: the notice is rendered as markdown.
    reply: {
      kind: 'notice',
      tone: 'good',
      title: 'Snoozed',
      text: `This alert type on this resource is snoozed for ${intent.minutes} minutes, until ${until} UTC. New alerts are still stored, counted on this card and listed in the handoff.`,
    },
    alertCard: await alertCard(alert.systemAlertId, deps),
  };
};
