/**
 * The triage feature's background work, started by the composition root: the handoff at each
 * shift boundary (when SHIFTS is set) and the retry loop for decisions written back to Defender.
 */
import type { AppDeps } from './deps';
import { customerDeps } from './customer-scope';
import { startHandoffScheduler } from './handoff-scheduler';
import { startWriteBackRetry } from './write-back-decision';

export function startTriageBackground(deps: AppDeps): () => void {
  const stops: (() => void)[] = [];
  if (deps.settings.shifts) stops.push(startHandoffScheduler(deps, deps.settings.shifts));
  // CUSTOMERS: each customer's handoff at its own shift boundaries, of its alerts, to its handoff channel.
  for (const customer of deps.settings.customers ?? []) {
    const scoped = customerDeps(deps, customer);
    if (scoped.settings.shifts) stops.push(startHandoffScheduler(scoped, scoped.settings.shifts));
  }
  if (deps.settings.writeBack) {
    if (deps.writeBack) stops.push(startWriteBackRetry(deps));
    else deps.logger.warn({}, 'WRITE_BACK is on but no Defender connection is configured: decisions are not written back');
  }
  return () => stops.forEach((stop) => stop());
}
