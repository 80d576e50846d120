/**
 * Pure storm rules: which alerts belong together, and where a new one goes.
 */
import { primaryHostName, type Alert } from '../alert';

/** Same alert type on the same resource. Lowercased: resource ids are case-insensitive in Azure. */
export function stormKey(alert: Alert): string {
  const resource = alert.resourceId ?? primaryHostName(alert) ?? alert.compromisedEntity ?? 'unknown-resource';
  return `${alert.alertType}|${resource}`.toLowerCase();
}

export interface StormContext {
  /** a group of this key still open (its last alert within the window) */
  openGroupId?: number;
  /** the group an active snooze of this key was set on */
  snoozedGroupId?: number;
  /** ungrouped alerts of this key within the window before this one */
  recentSingles: number;
  /** the earliest of those: its card becomes the group card when the storm starts */
  earliestSingleId?: string;
  threshold: number;
}

export type StormDecision =
  | { role: 'single' }
  /** this alert's own card is the group card (a storm with no earlier card to adopt) */
  | { role: 'anchor' }
  /** the storm starts: the earliest single's card becomes the group card, this alert goes to its thread */
  | { role: 'start-group'; anchorAlertId: string }
  | { role: 'member'; groupId: number };

export function decidePlacement(ctx: StormContext): StormDecision {
  // A snoozed storm keeps collecting into the snoozed group, even past the window, so its counter stays true.
  if (ctx.snoozedGroupId !== undefined) return { role: 'member', groupId: ctx.snoozedGroupId };
  if (ctx.openGroupId !== undefined) return { role: 'member', groupId: ctx.openGroupId };
  if (ctx.recentSingles + 1 >= ctx.threshold) {
    // The storm's first card turns into the group card in place: no second card in the channel.
    return ctx.earliestSingleId ? { role: 'start-group', anchorAlertId: ctx.earliestSingleId } : { role: 'anchor' };
  }
  return { role: 'single' };
}
