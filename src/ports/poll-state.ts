/**
 * What the Defender poller remembers per subscription. The Alerts API has no time filter, so each
 * poll lists everything: the (alert, status) pairs already seen decide what flows on, and the
 * high-water mark (newest generatedTime seen) lets old seen-rows be pruned safely.
 */
export interface SeenAlert {
  alertId: string;
  status: string;
  generatedTime: string;
}

export interface PollStateRepository {
  highWater(subscriptionId: string): Promise<string | undefined>;
  /** Status last seen for each of the given alerts (absent = never seen). */
  seenStatuses(subscriptionId: string, alertIds: string[]): Promise<Map<string, string>>;
  /** Records alerts as seen (upsert) and raises the high-water mark; one transaction. */
  markSeen(subscriptionId: string, alerts: SeenAlert[]): Promise<void>;
  /** Forgets seen alerts generated before `isoTime`; returns how many. */
  pruneSeen(subscriptionId: string, isoTime: string): Promise<number>;
}
