/**
 * What an alert is owed, written to the durable outbox before anything is sent: a card per routed
 * channel, or, inside an alert storm, a reply in the group card's thread plus a counter update of
 * the group card (a snoozed member gets only the counter update). Idempotent, so a source that
 * delivers an alert again (webhook retry, next poll, Event Hubs replay) never causes a second post.
 */
import type { Alert } from '../domain/alert';
import { stormKey } from '../domain/storm/storm-rules';
import type { OutboxEntry } from '../ports/outbox';
import type { StormPlacement, StormRules } from '../ports/storm-repository';
import type { AppDeps, Route } from './deps';

export const DEFAULT_STORM_RULES: StormRules = { windowMinutes: 30, threshold: 2 };

export function stormRules(deps: AppDeps): StormRules {
  return {
    windowMinutes: deps.settings.stormWindowMinutes ?? DEFAULT_STORM_RULES.windowMinutes,
    threshold: deps.settings.stormThreshold ?? DEFAULT_STORM_RULES.threshold,
  };
}

export async function enqueueDelivery(alert: Alert, deps: AppDeps): Promise<number> {
  const now = deps.clock.now();
  const placement = await deps.store.storms.place(
    { alertId: alert.systemAlertId, stormKey: stormKey(alert), alertTime: alert.generatedTime || alert.startTime, now: now.toISOString() },
    stormRules(deps),
  );
  const routes = await deps.routes(alert);
  const entries = routes.flatMap((route) => entriesFor(placement, route));
  await deps.store.outbox.enqueue(entries, now.getTime());
  return entries.length;
}

function entriesFor(placement: StormPlacement, route: Route): OutboxEntry[] {
  const base = { alertId: placement.alertId, platform: route.platform, channelId: route.channelId };
  if (placement.role !== 'member' || !placement.anchorAlertId) return [{ ...base, kind: 'post' }];
  const anchor = placement.anchorAlertId;
  const update: OutboxEntry = { alertId: anchor, platform: route.platform, channelId: route.channelId, kind: 'update', anchorAlertId: anchor };
  return placement.snoozed ? [update] : [{ ...base, kind: 'reply', anchorAlertId: anchor }, update];
}

/** Re-render an alert's card wherever it was posted (coalesced with other pending updates of it). */
export async function enqueueCardUpdate(alert: Alert, deps: AppDeps): Promise<void> {
  const alertId = alert.systemAlertId;
  const routes = await deps.routes(alert);
  const entries: OutboxEntry[] = routes.map((r) => ({ alertId, platform: r.platform, channelId: r.channelId, kind: 'update' }));
  await deps.store.outbox.enqueue(entries, deps.clock.now().getTime());
}
