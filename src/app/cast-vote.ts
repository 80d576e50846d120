/**
 * Intent 'vote': an analyst votes a verdict and severity on an alert. Off-roster voters are refused
 * and nothing is recorded. The answer is immediate (the voter's own notice and the refreshed alert card,
 * shown wherever the alert is: app/present.ts); the thread reply,
 * decision announcement and write-back to Defender follow in the background.
 */
import { SEVERITIES, type Severity } from '../domain/alert';
import type { Origin } from '../domain/intent';
import { decisionChanged, replayVotes, type Decision, type TriageState } from '../domain/votes/decision';
import { reopenersText } from '../domain/access-policy';
import { checkVoter } from '../domain/votes/roster';
import type { Vote, VoteRecord } from '../domain/votes/vote';
import type { CardModel } from '../ports/card-model';
import { alertCard } from './alert-card';
import { accessPolicyOf } from './access-policy-of';
import type { AppDeps, UseCase } from './deps';
import { presentInThread } from './present';
import { auditActor, verdictLabel } from './triage-state';
import { writeBackDecision } from './write-back-decision';

export const castVote: UseCase<'vote'> = async ({ intent, actor, origin }, deps) => {
  const alert = await deps.store.alerts.get(intent.alertId);
  if (!alert) return { reply: notice('warning', 'This alert is not known to the bot (it may have been purged); nothing was recorded.') };
  const check = checkVoter({ analysts: deps.settings.analysts, leads: deps.settings.leads }, actor);
  if (!check.allowed) return { reply: notice('warning', `Vote not recorded: ${check.reason}.`) };
  const severity = intent.severity === undefined ? alert.severity : parseSeverity(intent.severity);
  if (!severity) return { reply: notice('warning', `Vote not recorded: severity must be one of ${SEVERITIES.join(', ')}.`) };

  const vote: Vote = {
    alertId: alert.systemAlertId,
    voter: { platform: actor.platform, userId: actor.userId, displayName: actor.displayName },
    role: check.role,
    verdict: intent.verdict,
    severity,
    comment: intent.comment,
    at: deps.clock.now().toISOString(),
  };
  const recorded = await deps.store.votes.record(vote);
  const before = replayVotes(recorded.before, deps.settings.voteQuorum);
  if (recorded.unchanged) {
    // A replayed click (same person, same vote): no new history, audit entry or thread post — and
    // a replayed late vote is still told it was not counted.
    const text = before.late.some((v) => v.seq === recorded.vote.seq) && before.decision ? lateVoteText(before.decision, deps) : `Your vote is already ${verdictLabel(vote.verdict)} / ${severity}; nothing changed.`;
    return { reply: notice('info', text), alertCard: await alertCard(alert.systemAlertId, deps) };
  }
  const after = replayVotes(recorded.after, deps.settings.voteQuorum);
  if (before.decision && check.role !== 'lead') {
    // Too late: the history keeps the vote, the tally and the decision ignore it, nobody is notified.
    await deps.store.audit.append({ at: vote.at, actor: auditActor(vote.voter), action: 'late-vote', alertId: alert.systemAlertId, before: null, after: voteSummary(recorded.vote) });
    return { reply: notice('info', lateVoteText(before.decision, deps)), alertCard: await alertCard(alert.systemAlertId, deps) };
  }
  const decided = decisionChanged(before.decision, after.decision) ? after.decision : undefined;
  await auditVote(recorded.vote, before, deps);
  if (decided) await auditDecision(alert.systemAlertId, before.decision, decided, recorded.vote, deps);

  const card = await alertCard(alert.systemAlertId, deps);
  return {
    reply: notice('good', `Your vote: ${verdictLabel(vote.verdict)} / ${severity}`),
    alertCard: card,
    followUp: announce(recorded.vote, decided, origin, deps),
  };
};

async function announce(vote: VoteRecord, decided: Decision | undefined, origin: Origin, deps: AppDeps) {
  const comment = vote.comment ? ` — “${vote.comment}”` : '';
  await presentInThread(deps, vote.alertId, notice('info', `@${vote.voter.displayName} voted ${verdictLabel(vote.verdict)} / ${vote.severity}${comment}`), origin);
  if (!decided) return;
  await presentInThread(deps, vote.alertId, notice('good', decisionText(decided)));
  if (deps.settings.writeBack && deps.writeBack) await writeBackDecision(vote.alertId, decided, deps);
}

/** What a voter is told when the alert was decided before their vote. */
export function lateVoteText(d: Decision, deps: AppDeps): string {
  const who = reopenersText(accessPolicyOf(deps));
  return `Your vote was not counted: this alert was already decided (${verdictLabel(d.verdict)} / ${d.severity}, by ${d.decidedBy.map((v) => v.displayName).join(', ')} at ${d.at.slice(11, 16)} UTC). To change it, ${who}.`;
}

export function decisionText(d: Decision): string {
  const who = d.decidedBy.map((v) => `@${v.displayName}`).join(', ');
  const how = d.how === 'lead' ? `by lead ${who}` : `by ${who} (quorum)`;
  return `Decided: ${verdictLabel(d.verdict)} / ${d.severity}, ${how}.`;
}

async function auditVote(vote: VoteRecord, before: TriageState, deps: AppDeps) {
  const previous = before.tally.live.find((v) => v.voter.platform === vote.voter.platform && v.voter.userId === vote.voter.userId);
  await deps.store.audit.append({
    at: vote.at,
    actor: auditActor(vote.voter),
    action: 'vote',
    alertId: vote.alertId,
    before: previous ? voteSummary(previous) : null,
    after: voteSummary(vote),
  });
}

async function auditDecision(alertId: string, before: Decision | undefined, after: Decision, vote: VoteRecord, deps: AppDeps) {
  await deps.store.audit.append({
    at: vote.at,
    actor: auditActor(vote.voter),
    action: 'decision',
    alertId,
    before: before ? decisionSummary(before) : null,
    after: decisionSummary(after),
  });
}

const voteSummary = (v: VoteRecord) => ({ verdict: v.verdict, severity: v.severity, comment: v.comment ?? null, role: v.role, seq: v.seq });

const decisionSummary = (d: Decision) => ({
  verdict: d.verdict,
  severity: d.severity,
  how: d.how,
  decidedBy: d.decidedBy.map((v) => auditActor(v)),
});

function parseSeverity(text: string): Severity | undefined {
  return SEVERITIES.find((s) => s.toLowerCase() === text.trim().toLowerCase());
}

function notice(tone: 'info' | 'good' | 'warning', text: string): CardModel {
  return { kind: 'notice', tone, text };
}
