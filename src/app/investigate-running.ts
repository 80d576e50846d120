/**
 * Which investigations are running on which alert, so the alert card can say "Who? running…" while
 * the queries run, and a second click on the same button does not start them twice. In memory: a
 * restart forgets it, which only drops a "running" label.
 */
import type { InvestigationKind } from '../domain/intent';
import type { CardStateContributor } from './deps';

export const INVESTIGATION_LABELS: Record<InvestigationKind, string> = {
  identity: 'Who?',
  correlation: 'Correlate',
  analyze: 'Analyze',
};

const running = new Map<string, Set<InvestigationKind>>();

/** false when that investigation is already running on the alert. */
export function markRunning(alertId: string, kind: InvestigationKind): boolean {
  const kinds = running.get(alertId) ?? new Set<InvestigationKind>();
  if (kinds.has(kind)) return false;
  kinds.add(kind);
  running.set(alertId, kinds);
  return true;
}

export function markDone(alertId: string, kind: InvestigationKind): void {
  const kinds = running.get(alertId);
  kinds?.delete(kind);
  if (kinds && !kinds.size) running.delete(alertId);
}

export function runningOn(alertId: string): string[] {
  return [...(running.get(alertId) ?? [])].map((k) => `${INVESTIGATION_LABELS[k]} running…`);
}

/** The card says which investigations are running on it. */
export const runningCardState: CardStateContributor = async (alert, state) => {
  const labels = runningOn(alert.systemAlertId);
  if (labels.length) state.running = [...(state.running ?? []), ...labels];
};
