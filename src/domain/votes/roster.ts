/**
 * Who may vote. Rosters list platform user ids (Slack user ids like U0123ABCD, Teams Entra object
 * ids); an entry may be prefixed with its platform ("slack:U0123ABCD") to avoid ambiguity. User
 * groups are not resolved (that needs Slack usergroups / Microsoft Graph calls): list the ids.
 * "*" on a list stands for everyone. With no roster at all, everyone may vote as an analyst here;
 * whether an empty roster lets anyone act at all is the access policy's call (access-policy.ts).
 */
import type { Platform } from '../intent';
import type { VoterRole } from './vote';

export interface Roster {
  analysts: readonly string[];
  leads: readonly string[];
}

export type RosterCheck = { allowed: true; role: VoterRole } | { allowed: false; reason: string };

export const NOT_ON_ROSTER = 'you are not on the triage roster';

export function isRosterConfigured(roster: Roster): boolean {
  return roster.analysts.length > 0 || roster.leads.length > 0;
}

export function checkVoter(roster: Roster, who: { platform: Platform; userId: string }): RosterCheck {
  if (onList(roster.leads, who)) return { allowed: true, role: 'lead' };
  if (!isRosterConfigured(roster) || onList(roster.analysts, who)) return { allowed: true, role: 'analyst' };
  return { allowed: false, reason: NOT_ON_ROSTER };
}

export function onList(list: readonly string[], who: { platform: Platform; userId: string }): boolean {
  const id = who.userId.toLowerCase();
  const qualified = `${who.platform}:${id}`;
  return list.some((entry) => {
    const e = entry.trim().toLowerCase();
    return e === '*' || e === qualified || e === id;
  });
}

