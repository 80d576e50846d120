/**
 * The access policy table: who may do what, where, from which organisation. Pure; the surfaces'
 * tests (slack-, teams-, web-authorization) show the same table applied to real requests.
 */
import { decideAccess, INTENT_RULES, reopenersText, type AccessPolicy } from '../../src/domain/access-policy';
import type { Actor, Intent, IntentRequest } from '../../src/domain/intent';
import { inspectName } from '../../src/domain/lookalike-text';

const SOC = { platform: 'slack' as const, channelId: 'C0SOC' };
const policy: AccessPolicy = { roster: { analysts: ['U1'], leads: ['slack:L1'] }, emptyRoster: 'nobody', channels: [SOC], slackTeams: ['T1'] };
const who = (userId: string, org: Actor['org'] = { teamIds: ['T1'] }): Actor => ({ platform: 'slack', userId, displayName: userId, org });
const ask = (intent: Intent, actor: Actor, channelId = SOC.channelId): IntentRequest => ({ intent, actor, origin: { platform: 'slack', channelId } });
const investigate: Intent = { kind: 'investigate', alertId: 'a', investigation: 'identity' };
const vote: Intent = { kind: 'vote', alertId: 'a', verdict: 'true-positive' };

describe('access policy', () => {
  it('has a rule for every intent: the roster for what changes state, anyone (in a triage channel) for reading', () => {
    const roster = Object.entries(INTENT_RULES).filter(([, r]) => r.who === 'roster').map(([k]) => k).sort();
    expect(roster).toEqual(['handoff-ack', 'handoff-note', 'snooze', 'vote', 'vote-form']);
  });

  it('in a triage channel: anyone reads, only the roster (analysts and leads) acts', () => {
    expect(decideAccess(ask(investigate, who('U9')), policy)).toEqual({ allowed: true, privately: false });
    expect(decideAccess(ask(vote, who('U9')), policy)).toMatchObject({ allowed: false, reason: 'not-on-roster' });
    expect(decideAccess(ask(vote, who('U1')), policy)).toEqual({ allowed: true, privately: false });
    expect(decideAccess(ask(vote, who('L1')), policy)).toEqual({ allowed: true, privately: false });
    expect(decideAccess(ask({ kind: 'handoff', note: 'hi' }, who('U9')), policy)).toMatchObject({ allowed: false, rule: { what: 'leave handoff notes' } });
  });

  it('elsewhere: only the roster, privately; help for anyone, privately', () => {
    expect(decideAccess(ask(investigate, who('U9'), 'C0GENERAL'), policy)).toMatchObject({ allowed: false, reason: 'outside-triage-channels' });
    expect(decideAccess(ask(investigate, who('U1'), 'C0GENERAL'), policy)).toEqual({ allowed: true, privately: true });
    expect(decideAccess(ask({ kind: 'help' }, who('U9'), 'C0GENERAL'), policy)).toEqual({ allowed: true, privately: true });
  });

  it('an empty roster is nobody or everyone, as the policy says; "*" is everyone', () => {
    const empty = { ...policy, roster: { analysts: [], leads: [] } };
    expect(decideAccess(ask(vote, who('U1')), empty)).toMatchObject({ allowed: false, reason: 'roster-empty' });
    expect(decideAccess(ask(vote, who('U1')), { ...empty, emptyRoster: 'everyone' })).toMatchObject({ allowed: true });
    expect(decideAccess(ask(vote, who('U7')), { ...empty, roster: { analysts: ['*'], leads: [] } })).toMatchObject({ allowed: true });
  });

  it('reopen is the leads’; with no TRIAGE_LEADS the roster’s, and an empty roster is nobody or everyone as for votes', () => {
    const reopen: Intent = { kind: 'reopen', alertId: 'a' };
    expect(INTENT_RULES.reopen.who).toBe('leads');
    expect(decideAccess(ask(reopen, who('L1')), policy)).toEqual({ allowed: true, privately: false });
    expect(decideAccess(ask(reopen, who('U1')), policy)).toMatchObject({ allowed: false, reason: 'not-a-lead' });
    const noLeads = { ...policy, roster: { analysts: ['U1'], leads: [] } };
    expect(decideAccess(ask(reopen, who('U1')), noLeads)).toEqual({ allowed: true, privately: false });
    expect(decideAccess(ask(reopen, who('U9')), noLeads)).toMatchObject({ allowed: false, reason: 'not-on-roster' });
    const empty = { ...policy, roster: { analysts: [], leads: [] } };
    expect(decideAccess(ask(reopen, who('U1')), empty)).toMatchObject({ allowed: false, reason: 'roster-empty' }); // connected mode
    expect(decideAccess(ask(reopen, who('U1')), { ...empty, emptyRoster: 'everyone' })).toEqual({ allowed: true, privately: false }); // local mode
    expect([policy, noLeads, empty, { ...empty, emptyRoster: 'everyone' as const }].map(reopenersText)).toEqual([
      'a lead can reopen it',
      'anyone on the triage roster can reopen it (no TRIAGE_LEADS set)',
      'nobody can reopen it until a triage roster is set (TRIAGE_LEADS, TRIAGE_ANALYSTS)',
      'anyone can reopen it (no triage roster set)',
    ]);
  });

  it("an investigation's queries are read-only like the investigation: anyone in a triage channel, the roster elsewhere", () => {
    const queries: Intent = { kind: 'show-queries', alertId: 'a', investigation: 'identity' };
    expect(decideAccess(ask(queries, who('U9')), policy)).toEqual({ allowed: true, privately: false });
    expect(decideAccess(ask(queries, who('U9'), 'C0GENERAL'), policy)).toMatchObject({ allowed: false, reason: 'outside-triage-channels' });
    expect(decideAccess(ask(queries, who('U1'), 'C0GENERAL'), policy)).toEqual({ allowed: true, privately: true });
  });

  it('serves only our organisations: every workspace in the request ours, or our Enterprise Grid; our Teams tenant', () => {
    expect(decideAccess(ask(investigate, who('U1', { teamIds: ['T1', 'TGUEST'] })), policy)).toMatchObject({ reason: 'foreign-organisation' });
    expect(decideAccess(ask(investigate, who('U1', {})), policy)).toMatchObject({ reason: 'foreign-organisation' });
    expect(decideAccess(ask(investigate, who('U1', { teamIds: ['T7'], enterpriseId: 'E1' })), { ...policy, slackEnterprises: ['E1'] })).toMatchObject({ allowed: true });
    const teams: IntentRequest = { intent: investigate, actor: { platform: 'teams', userId: 'x', displayName: 'x', org: { tenantId: 'OTHER' } }, origin: { platform: 'teams', channelId: '19:c' } };
    expect(decideAccess(teams, { ...policy, channels: undefined, teamsTenants: ['mine'] })).toMatchObject({ reason: 'foreign-organisation' });
    expect(decideAccess({ ...teams, actor: { ...teams.actor, org: { tenantId: 'MINE' } } }, { ...policy, channels: undefined, teamsTenants: ['mine'] })).toMatchObject({ allowed: true });
  });
});

describe('look-alike names', () => {
  it('finds invisible characters and Latin mixed with Cyrillic or Greek in one word, and nothing in ordinary names', () => {
    expect(inspectName('web-vm-01\u200b')).toEqual({ shown: 'web-vm-01⟨U+200B⟩', warnings: ['contains 1 invisible character (U+200B)'] });
    expect(inspectName('p\u0430ypal.com').warnings).toEqual(['mixes Latin and Cyrillic letters in one word (look-alike characters)']);
    expect(inspectName('\u03bfffice\u2066').warnings).toHaveLength(2);
    for (const fine of ['WEB-VM-01\\svc-backup', 'сервер-01', 'alice@contoso.com', 'Ωμέγα-01']) expect(inspectName(fine).warnings).toEqual([]);
  });
});
