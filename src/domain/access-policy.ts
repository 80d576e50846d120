/**
 * Who may do what, and where: the one table every click and command is checked against
 * (src/app/authorize.ts runs it in handleIntent, before any use case).
 *
 *   anyone in a triage channel    read-only: Who? / Correlate / Analyze, /investigate, /triage,
 *                                 the /handoff summary, a card's refresh, help
 *   the roster                    votes (and so decisions and write-back, which follow from votes),
 *   (TRIAGE_ANALYSTS, _LEADS)     snoozes, handoff notes, handoff acknowledgments
 *   leads (TRIAGE_LEADS)          reopen: once an alert is decided only a lead's vote changes the
 *                                 decision (votes/decision.ts); an analyst's vote is still counted
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

export type Audience = 'anyone' | 'roster';

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
  'investigate-target': { who: 'anyone', what: 'run investigations' },
  'triage-list': { who: 'anyone', what: 'list the alerts to triage' },
  handoff: { who: 'anyone', what: 'see the shift handoff' },
  refresh: { who: 'anyone', what: 'see alert cards' },
  vote: { who: 'roster', what: 'vote' },
  'vote-form': { who: 'roster', what: 'vote' },
  snooze: { who: 'roster', what: 'snooze alerts' },
  'handoff-note': { who: 'roster', what: 'leave handoff notes' },
  'handoff-ack': { who: 'roster', what: 'acknowledge a handoff' },
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

export type RefusalReason = 'foreign-organisation' | 'roster-empty' | 'not-on-roster' | 'outside-triage-channels';

export type AccessDecision =
  | { allowed: true; privately: boolean }
  | { allowed: false; reason: RefusalReason; rule: IntentRule };

export function decideAccess(request: IntentRequest, policy: AccessPolicy): AccessDecision {
  const rule = ruleFor(request.intent);
  if (!isOurOrganisation(request.actor.platform, request.actor.org, policy)) return { allowed: false, reason: 'foreign-organisation', rule };
  const inChannel = isTriageChannel(request.origin, policy);
  const onRoster = isOnRoster(request.actor, policy);
  if (rule.who === 'roster' && !onRoster) return { allowed: false, reason: rosterReason(policy), rule };
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
