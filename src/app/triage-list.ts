/**
 * Intent 'triage-list' (`/triage`): open alerts without a decision, oldest first, with age and
 * how many votes each has, so nobody has to scroll the channel to find what is left.
 */
import { formatDuration } from '../domain/handoff/metrics';
import type { AppDeps, UseCase } from './deps';
import { sectionCard } from './handoff-card';
import { openUndecided, throughNow } from './shift-facts';

const SHOWN = 20;

export const triageList: UseCase<'triage-list'> = async (_request, deps) => {
  const { items, total } = await undecidedOpenAlerts(deps);
  const now = deps.clock.now().getTime();
  if (!total) return { reply: { kind: 'notice', tone: 'good', text: 'Nothing to triage: every open alert has a decision.' } };
  const lines = items.map(({ alert, votes }) => {
    const age = formatDuration(Math.max(0, now - Date.parse(alert.generatedTime)));
    // Sorted and aged by the bot's receipt when the alert had no time of its own: say so.
    const ageText = alert.timeUnknown ? `received ${age} ago (time unknown)` : `age ${age}`;
    return `${alert.severity}: ${alert.displayName.slice(0, 120)} — ${alert.resourceName ?? alert.compromisedEntity ?? 'unknown resource'}, ${ageText}, ${votes} vote(s)`;
  });
  if (total > items.length) lines.push(`… and ${total - items.length} more`);
  return { reply: sectionCard(`To triage: ${total} open alert(s) without a decision, oldest first`, lines) };
};

/** The same open-and-undecided alerts a handoff ending now counts (shift-facts.ts), oldest first. */
export async function undecidedOpenAlerts(deps: AppDeps, limit = SHOWN) {
  const open = await openUndecided(deps, throughNow(deps.clock.now()), limit);
  return { items: open.listed.map(({ alert, state }) => ({ alert, votes: state.tally.live.length })), total: open.total };
}
