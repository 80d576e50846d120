/**
 * Intent 'triage-list' (`/triage`): open alerts without a decision, oldest first, with age and
 * how many votes each has, so nobody has to scroll the channel to find what is left.
 */
import { formatDuration } from '../domain/handoff/metrics';
import type { Alert } from '../domain/alert';
import { replayVotes } from '../domain/votes/decision';
import type { AppDeps, UseCase } from './deps';
import { sectionCard } from './handoff-card';

const SCAN_LIMIT = 2000;
const SHOWN = 20;
const CLOSED = new Set(['Resolved', 'Dismissed']);

export const triageList: UseCase<'triage-list'> = async (_request, deps) => {
  const undecided = await undecidedOpenAlerts(deps);
  const now = deps.clock.now().getTime();
  if (!undecided.length) return { reply: { kind: 'notice', tone: 'good', text: 'Nothing to triage: every open alert has a decision.' } };
  const lines = undecided.slice(0, SHOWN).map(({ alert, votes }) => {
    const age = formatDuration(Math.max(0, now - Date.parse(alert.generatedTime)));
    // Sorted and aged by the bot's receipt when the alert had no time of its own: say so.
    const ageText = alert.timeUnknown ? `received ${age} ago (time unknown)` : `age ${age}`;
    return `${alert.severity}: ${alert.displayName.slice(0, 120)} — ${alert.resourceName ?? alert.compromisedEntity ?? 'unknown resource'}, ${ageText}, ${votes} vote(s)`;
  });
  if (undecided.length > SHOWN) lines.push(`… and ${undecided.length - SHOWN} more`);
  return { reply: sectionCard(`To triage: ${undecided.length} open alert(s) without a decision, oldest first`, lines) };
};

export async function undecidedOpenAlerts(deps: AppDeps): Promise<{ alert: Alert; votes: number }[]> {
  const open = (await deps.store.alerts.find({ limit: SCAN_LIMIT })).filter((a) => !CLOSED.has(a.status));
  const histories = await deps.store.votes.histories(open.map((a) => a.systemAlertId));
  return open
    .map((alert) => ({ alert, state: replayVotes(histories.get(alert.systemAlertId) ?? [], deps.settings.voteQuorum) }))
    .filter(({ state }) => !state.decision)
    .sort((x, y) => x.alert.generatedTime.localeCompare(y.alert.generatedTime))
    .map(({ alert, state }) => ({ alert, votes: state.tally.live.length }));
}
