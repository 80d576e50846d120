/**
 * Pure storm rules: which alerts belong together, and where a new one goes.
 */
import { primaryHostName, type Alert } from '../alert';

/** Same alert type on the same resource. Lowercased: resource ids are case-insensitive in Azure. */
export function stormKey(alert: Alert): string {
  const resource = alert.resourceId ?? primaryHostName(alert) ?? alert.compromisedEntity ?? 'unknown-resource';
  return `${alert.alertType}|${resource}`.toLowerCase();
}

/** An alert's place in its storm: alone, the group card, or in the group card's thread. */
export type StormRole = 'single' | 'anchor' | 'member';

/** What the store knows about an alert's storm key when the alert arrives (read in one transaction). */
export interface StormFacts {
  alertId: string;
  /** the alert's own time (ms): the window is measured between alerts */
  alertAt: number;
  /** an active snooze of this key: who set it, and the group it was set on (when that group exists) */
  snooze?: { by: string; groupId?: number };
  /** a group of this key still open (its last alert within the window) */
  openGroupId?: number;
  /** ungrouped alerts of this key within the window around this one */
  recentSingles: number;
  /** the earliest of those: its card becomes the group card when the storm starts */
  earliestSingle?: { alertId: string; alertAt: number };
  threshold: number;
}

/** What happens to the group: nothing, a new group (maybe adopting an earlier card), or one more member. */
export type StormGroupChange =
  | { kind: 'none' }
  | {
      kind: 'create';
      anchorAlertId: string;
      /** alerts in the group once created (the adopted singles and this one) */
      count: number;
      firstAt: number;
      lastAt: number;
      /** an earlier single's card that becomes the group card (its placement turns into the anchor) */
      adopt?: string;
    }
  | { kind: 'join'; groupId: number; snoozed: boolean; at: number };

/** A complete placement: the repository writes exactly this, deciding nothing. */
export interface StormPlan {
  placement: { role: StormRole; snoozed: boolean; snoozedBy?: string };
  group: StormGroupChange;
}

/** Where a new alert goes, and every write that takes. */
export function planPlacement(facts: StormFacts): StormPlan {
  const at = facts.alertAt;
  // A snoozed storm keeps collecting into the snoozed group, even past the window, so its counter stays true.
  const joinId = facts.snooze?.groupId ?? facts.openGroupId;
  if (joinId !== undefined) {
    const snoozed = facts.snooze !== undefined;
    return { placement: { role: 'member', snoozed, snoozedBy: snoozed ? facts.snooze?.by : undefined }, group: { kind: 'join', groupId: joinId, snoozed, at } };
  }
  if (facts.recentSingles + 1 < facts.threshold) return { placement: { role: 'single', snoozed: false }, group: { kind: 'none' } };
  const count = facts.recentSingles + 1;
  const earliest = facts.earliestSingle;
  // The storm's first card turns into the group card in place: no second card in the channel.
  if (earliest) {
    const firstAt = Math.min(earliest.alertAt, at);
    return {
      placement: { role: 'member', snoozed: false },
      group: { kind: 'create', anchorAlertId: earliest.alertId, count, firstAt, lastAt: Math.max(firstAt, at), adopt: earliest.alertId },
    };
  }
  // A storm with no earlier card to adopt: this alert's own card is the group card.
  return { placement: { role: 'anchor', snoozed: false }, group: { kind: 'create', anchorAlertId: facts.alertId, count, firstAt: at, lastAt: at } };
}
