/**
 * Intent 'reopen': a lead ends an alert's decision so it is voted again (who may is the access
 * policy's leads rule, checked before this runs: domain/access-policy.ts). Recorded in the alert's
 * triage history (a 'reopen' entry, under the same per-alert lock as votes) and in the audit log;
 * the card gets its vote buttons back and the thread says who reopened it.
 */
import { onList } from '../domain/votes/roster';
import { replayVotes } from '../domain/votes/decision';
import type { CardModel } from '../ports/card-model';
import { alertCard, refreshAlertCard } from './alert-card';
import type { UseCase } from './deps';
import { presentInThread } from './present';
import { auditActor, verdictLabel } from './triage-state';

export const reopenDecision: UseCase<'reopen'> = async ({ intent, actor, origin }, deps) => {
  const alert = await deps.store.alerts.get(intent.alertId);
  if (!alert) return { reply: notice('warning', 'This alert is not known to the bot; nothing was reopened.') };
  const role = onList(deps.settings.leads, actor) ? 'lead' : 'analyst';
  const current = replayVotes(await deps.store.votes.history(alert.systemAlertId), deps.settings.voteQuorum).decision;
  if (!current) return { reply: notice('info', 'This alert has no decision to reopen; vote on it.'), alertCard: await alertCard(alert.systemAlertId, deps) };
  const at = deps.clock.now().toISOString();
  const voter = { platform: actor.platform, userId: actor.userId, displayName: actor.displayName };
  const recorded = await deps.store.votes.record({ alertId: alert.systemAlertId, voter, role, verdict: current.verdict, severity: current.severity, at, kind: 'reopen' });
  // Another reopening (or nothing to reopen any more) may have come first, inside the same lock.
  const before = replayVotes(recorded.before, deps.settings.voteQuorum).decision;
  if (!before) return { reply: notice('info', 'Someone reopened this alert just before you.'), alertCard: await alertCard(alert.systemAlertId, deps) };
  const was = `${verdictLabel(before.verdict)} / ${before.severity}`;
  await deps.store.audit.append({ at, actor: auditActor(voter), action: 'reopen', alertId: alert.systemAlertId, before: { verdict: before.verdict, severity: before.severity, how: before.how }, after: null });
  const card = await alertCard(alert.systemAlertId, deps);
  return {
    reply: notice('good', `Reopened (was ${was}). The alert is undecided again; earlier votes no longer count.`),
    alertCard: card,
    followUp: (async () => {
      await presentInThread(deps, alert.systemAlertId, notice('info', `@${actor.displayName} reopened the decision (${was}); vote again.`), origin);
      await refreshAlertCard(alert.systemAlertId, deps, card);
    })(),
  };
};

function notice(tone: 'info' | 'good' | 'warning', text: string): CardModel {
  return { kind: 'notice', tone, text };
}
