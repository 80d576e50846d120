/**
 * Alert storms on the card: a group card shows how many alerts it stands for, and an active
 * snooze shows who set it and until when. One of the card's contributors (app/card-state.ts).
 */
import { DEFAULT_SNOOZE_MAX_HOURS, type CardStateContributor } from './deps';

export const stormCardState: CardStateContributor = async (alert, state, deps) => {
  const group = await deps.store.storms.groupOfAnchor(alert.systemAlertId);
  if (!group) return;
  state.groupCount = group.count;
  state.snoozeMaxMinutes = (deps.settings.snoozeMaxHours ?? DEFAULT_SNOOZE_MAX_HOURS) * 60;
  if (group.snoozedCount > 0) state.snoozedCount = group.snoozedCount;
  const snooze = await deps.store.storms.activeSnooze(group.stormKey, deps.clock.now().toISOString());
  if (snooze) state.snooze = { until: snooze.until, by: snooze.by };
};
