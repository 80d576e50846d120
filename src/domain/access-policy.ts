/**
 * Who may do what, and where: the one table every click and command is checked against
 * (src/app/authorize.ts runs it in handleIntent, before any use case).
 *
 *   anyone in a triage channel    read-only: Who? / Correlate / Analyze, /investigate, an
 *                                 investigation's "Show queries", /triage, the /handoff summary,
 *                                 a card's refresh, help
 *   the roster                    votes (and so decisions and write-back, which follow from votes),
 *   (TRIAGE_ANALYSTS, _LEADS)     snoozes, handoff notes, handoff acknowledgments
 *   leads (TRIAGE_LEADS)          Reopen a decision (the alert is voted again); and once an alert
 *                                 is decided only a lead's vote changes the decision
 *                                 (votes/decision.ts); an analyst's late vote is counted nowhere
 *
 * With TRIAGE_LEADS empty nobody could ever reopen, so then the leads' rule is the roster's: whoever
 * may vote may reopen. An empty roster (no TRIAGE_ANALYSTS, no TRIAGE_LEADS) is what `emptyRoster`
 * says for both: everyone in local mode (no login there), nobody in connected mode — there nobody
 * may vote, snooze or reopen until a roster is set.
 *
 * Where: in a triage channel (TRIAGE_CHANNELS) an allowed intent runs and its results are posted as
 * usual. Anywhere else (another channel, a DM, a Teams personal chat) only the roster is served,
 * and privately: every answer goes to the asker alone. Help is answered anywhere, privately.
 *
 * Only our own organisations are served: Slack workspaces / Enterprise Grid and Teams tenants
 * named in the policy; a platform whose list is not given is not checked (local testing).
 */
import type { ActorOrg, Intent, IntentKind, IntentRequest, Origin, Platform } from './intent';
import type { Route } from './routing';
import { isRosterConfigured, onList, type Roster } from './votes/roster';

export type Audience = 'anyone' | 'roster' | 'leads';

export interface IntentRule {
  who: Audience;
  /** Served outside the triage channels too (privately), whoever asks. */
  anywhere?: boolean;
  /** What the intent does, for refusals: "Only analysts on the triage roster may <what>." */
  what: string;
}

export const INTENT_RULES: Record<IntentKind, IntentRule> = {
  help: { who: 'anyone', anywhere: true, what: 'ask for help' },
  investigate: { who: 'anyone', what: 'run investigations' },
  'show-queries': { who: 'anyone', what: 'see the queries of investigations' },
  'investigate-target': { who: 'anyone', what: 'run investigations' },
  'triage-list': { who: 'anyone', what: 'list the alerts to triage' },
  handoff: { who: 'anyone', what: 'see the shift handoff' },
  refresh: { who: 'anyone', what: 'see alert cards' },
  vote: { who: 'roster', what: 'vote' },
  'vote-form': { who: 'roster', what: 'vote' },
  snooze: { who: 'roster', what: 'snooze alerts' },
  'handoff-note': { who: 'roster', what: 'leave handoff notes' },
  'handoff-ack': { who: 'roster', what: 'acknowledge a handoff' },
  reopen: { who: 'leads', what: 'reopen a decision' },
};

/** The rule for one intent: `/handoff <note>` also leaves a note, so it needs the roster. */
export function ruleFor(intent: Intent): IntentRule {
  if (intent.kind === 'handoff' && intent.note) return INTENT_RULES['handoff-note'];
  return INTENT_RULES[intent.kind];
}

export interface AccessPolicy {
  roster: Roster;
  /** What a roster with nobody on it means: everyone (local mode, which has no login) or nobody. */
  emptyRoster: 'everyone' | 'nobody';
  /** Where commands run and results are posted; undefined: every channel. */
  channels?: readonly Route[];
  /** Organisations served, per platform; undefined: not checked. An empty list serves nobody. */
  slackTeams?: readonly string[];
  slackEnterprises?: readonly string[];
  teamsTenants?: readonly string[];
}

/** Any channel, the roster alone, no organisation check: what tests and the CLI get by default. */
export const OPEN_POLICY: Omit<AccessPolicy, 'roster'> = { emptyRoster: 'everyone' };

export type RefusalReason = 'foreign-organisation' | 'roster-empty' | 'not-on-roster' | 'not-a-lead' | 'outside-triage-channels';

export type AccessDecision =
  | { allowed: true; privately: boolean }
  | { allowed: false; reason: RefusalReason; rule: IntentRule };

export function decideAccess(request: IntentRequest, policy: AccessPolicy): AccessDecision {
  const rule = ruleFor(request.intent);
  if (!isOurOrganisation(request.actor.platform, request.actor.org, policy)) return { allowed: false, reason: 'foreign-organisation', rule };
  const inChannel = isTriageChannel(request.origin, policy);
  const onRoster = isOnRoster(request.actor, policy);
  if (rule.who === 'roster' && !onRoster) return { allowed: false, reason: rosterReason(policy), rule };
  if (rule.who === 'leads' && !isLeadOrStandIn(request.actor, policy)) return { allowed: false, reason: hasLeads(policy) ? 'not-a-lead' : rosterReason(policy), rule };
  if (inChannel) return { allowed: true, privately: false };
  if (rule.anywhere || onRoster) return { allowed: true, privately: true };
  return { allowed: false, reason: 'outside-triage-channels', rule };
}

export function isTriageChannel(origin: Pick<Origin, 'platform' | 'channelId'>, policy: Pick<AccessPolicy, 'channels'>): boolean {
  if (!policy.channels) return true;
  return policy.channels.some((c) => c.platform === origin.platform && c.channelId === origin.channelId);
}

/** On the roster (analyst or lead); a roster of "*" is everyone, an empty one what the policy says. */
export function isOnRoster(who: { platform: Platform; userId: string }, policy: Pick<AccessPolicy, 'roster' | 'emptyRoster'>): boolean {
  if (!isRosterConfigured(policy.roster)) return policy.emptyRoster === 'everyone';
  return onList(policy.roster.analysts, who) || onList(policy.roster.leads, who);
}

/** A lead; with no TRIAGE_LEADS set, whoever is on the roster (see the table above). */
export function isLeadOrStandIn(who: { platform: Platform; userId: string }, policy: Pick<AccessPolicy, 'roster' | 'emptyRoster'>): boolean {
  return hasLeads(policy) ? onList(policy.roster.leads, who) : isOnRoster(who, policy);
}

/** The card's and the late voter's line on who may reopen a decision: the leads' rule, in words. */
export function reopenersText(policy: Pick<AccessPolicy, 'roster' | 'emptyRoster'>): string {
  if (hasLeads(policy)) return 'a lead can reopen it';
  if (isRosterConfigured(policy.roster)) return 'anyone on the triage roster can reopen it (no TRIAGE_LEADS set)';
  if (policy.emptyRoster === 'everyone') return 'anyone can reopen it (no triage roster set)';
  return 'nobody can reopen it until a triage roster is set (TRIAGE_LEADS, TRIAGE_ANALYSTS)';
}

function hasLeads(policy: Pick<AccessPolicy, 'roster'>): boolean {
  return policy.roster.leads.length > 0;
}

/**
 * Slack: served when its Enterprise Grid is ours, or when every workspace in the payload is ours
 * (a Slack Connect guest brings their own workspace id). Teams: when the tenant is ours.
 */
export function isOurOrganisation(platform: Platform, org: ActorOrg | undefined, policy: AccessPolicy): boolean {
  if (platform === 'slack') {
    if (!policy.slackTeams && !policy.slackEnterprises) return true;
    if (org?.enterpriseId && policy.slackEnterprises?.includes(org.enterpriseId)) return true;
    const teams = org?.teamIds ?? [];
    return teams.length > 0 && teams.every((t) => policy.slackTeams?.includes(t) ?? false);
  }
  if (platform === 'teams') {
    if (!policy.teamsTenants) return true;
    const tenant = org?.tenantId?.toLowerCase();
    return Boolean(tenant) && policy.teamsTenants.some((t) => t.toLowerCase() === tenant);
  }
  return true;
}

function rosterReason(policy: AccessPolicy): RefusalReason {
  return isRosterConfigured(policy.roster) ? 'not-on-roster' : 'roster-empty';
}
