/**
 * Posts the ended shift's handoff at each shift boundary. Several replicas may run it: the handoff
 * id is derived from the boundary, and only the replica that claims it in the store posts.
 */
import { previousShift, shiftAt, type ShiftSchedule } from '../domain/handoff/shifts';
import type { AppDeps } from './deps';
import { handoffIdSuffix } from './customer-scope';
import { postHandoff } from './handoff';

/** Checks at most this often; a boundary is posted within one tick of passing. */
const TICK_MS = 30_000;
/** How late after a boundary a starting replica still posts its handoff. */
const CATCH_UP_MS = 15 * 60_000;

export function startHandoffScheduler(deps: AppDeps, shifts: ShiftSchedule, tickMs = TICK_MS): () => void {
  // A boundary passed just before a (re)start is still posted; the store's claim prevents duplicates.
  const started = shiftAt(shifts, deps.clock.now()).start.getTime();
  let lastEnd = deps.clock.now().getTime() - started < CATCH_UP_MS ? started - 1 : started;
  const tick = async () => {
    const now = deps.clock.now();
    const ended = previousShift(shifts, now);
    if (ended.end.getTime() <= lastEnd) return;
    lastEnd = ended.end.getTime();
    await postScheduledHandoff(deps, shifts, now);
  };
  const timer = setInterval(() => {
    tick().catch((err: unknown) => deps.logger.error({ err }, 'scheduled handoff failed'));
  }, tickMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The handoff for the shift that ended last before `now`, to the configured handoff routes. */
export async function postScheduledHandoff(deps: AppDeps, shifts: ShiftSchedule, now: Date): Promise<boolean> {
  const shift = previousShift(shifts, now);
  const routes = deps.settings.handoffRoutes ?? [];
  if (!routes.length) {
    deps.logger.warn({ shift: shift.label }, 'shift ended but no handoff channel is configured (HANDOFF_CHANNELS)');
    return false;
  }
  const id = `s${shift.end.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}${handoffIdSuffix(deps.settings)}`;
  return postHandoff(deps, { id, shift, postedBy: 'scheduler', routes });
}
