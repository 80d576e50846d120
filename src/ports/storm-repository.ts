/**
 * Alert storms and snoozes. Alerts of one type on one resource (one storm key) arriving within a
 * window are grouped: once the threshold is reached, one alert's card becomes the group card (with
 * a live counter) and later ones are members that go to its thread. A snooze on a storm key keeps
 * its members out of the channel until it expires, but they are still stored, counted on the
 * group card and listed for the handoff: never dropped.
 */
import type { StormRole } from '../domain/storm/storm-rules';

export type { StormRole };

export interface StormPlacement {
  alertId: string;
  stormKey: string;
  role: StormRole;
  /** member / anchor: the alert whose card is the group card. */
  anchorAlertId?: string;
  /** placed while a snooze was active: stored and counted, not posted. */
  snoozed: boolean;
  snoozedBy?: string;
  /** when placed (ISO) */
  placedAt: string;
}

export interface StormGroupInfo {
  anchorAlertId: string;
  stormKey: string;
  /** every alert in the group, the anchor included */
  count: number;
  snoozedCount: number;
  firstAt: string;
  lastAt: string;
}

export interface Snooze {
  stormKey: string;
  /** the group card the snooze was set from */
  anchorAlertId: string;
  until: string;
  by: string;
  setAt: string;
}

/** A snooze as the handoff lists it: with the alerts it held back in the period asked about. */
export interface SnoozeReport extends Snooze {
  /** alerts of this storm key placed while snoozed (stored and counted, not posted) in the period */
  held: number;
}

export interface StormRules {
  windowMinutes: number;
  threshold: number;
}

export interface PlaceRequest {
  alertId: string;
  stormKey: string;
  /** the alert's own time (ISO): the window is measured between alerts */
  alertTime: string;
  /** wall-clock now (ISO): decides whether a snooze is active */
  now: string;
}

export interface StormRepository {
  /** Idempotent: an alert placed before keeps its first placement. */
  place(request: PlaceRequest, rules: StormRules): Promise<StormPlacement>;
  placement(alertId: string): Promise<StormPlacement | undefined>;
  /** The group whose card is this alert's (undefined when the alert is not an anchor). */
  groupOfAnchor(anchorAlertId: string): Promise<StormGroupInfo | undefined>;
  setSnooze(snooze: Snooze): Promise<void>;
  activeSnooze(stormKey: string, nowIso: string): Promise<Snooze | undefined>;
  /** Alerts kept out of the channel by a snooze, placed at or after `sinceIso` (for the handoff). */
  snoozedSince(sinceIso: string, limit?: number): Promise<StormPlacement[]>;
  /**
   * For the handoff: every storm key snoozed at some time in [sinceIso, untilIso) or holding alerts
   * placed then, with its latest snooze (who, until when) and how many alerts were held in that period.
   */
  snoozesDuring(sinceIso: string, untilIso: string): Promise<SnoozeReport[]>;
}
