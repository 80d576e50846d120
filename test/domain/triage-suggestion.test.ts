/**
 * The triage rule table: every rule has a case that fires and one that must not; the flagship's
 * findings (as the demo workspace's investigations give them) make the suggestion the issue asks for.
 */
import type { CaseFindings, CommandFindings, RelatedFindings, WhoFindings } from '../../src/domain/case-findings';
import { SUGGESTION_RULES, suggestionText, suggestTriage, type Facts } from '../../src/domain/triage-suggestion';

const who = (over: Partial<WhoFindings> = {}): WhoFindings => ({ kind: 'identity', localOnly: false, ...over });
const related = (over: Partial<RelatedFindings> = {}): RelatedFindings => ({ kind: 'correlation', count: 0, names: [], ...over });
const command = (over: Partial<CommandFindings> = {}): CommandFindings => ({ kind: 'analyze', behaviours: [], iocs: [], downloads: [], ...over });

export const FLAGSHIP_FINDINGS: CaseFindings = {
  who: who({ localOnly: true, account: 'svc-backup', accountKind: 'local account', how: 'by RDP', logonType: 10, ip: '198.51.100.23', ipClass: 'known-bad', ipThreat: 'rdp-brute-force', failedBefore: 40 }),
  related: related({ count: 1, names: ['Successful RDP brute force attack'], earliest: { name: 'Successful RDP brute force attack', time: '2026-11-26T02:14:00Z', severity: 'High' } }),
  command: command({
    behaviours: ['execution-policy-bypass', 'no-profile', 'hidden-window', 'download-cradle', 'process-start'],
    iocs: [
      { ioc: '203.0.113.45', type: 'ip', class: 'unknown' },
      { ioc: 'http://203.0.113.45/update.exe', type: 'url', class: 'unknown' },
    ],
    downloads: ['update.exe'],
  }),
};

/** Each rule: facts it must fire on, and close facts it must not. */
const CASES: Record<string, { fires: Facts; not: Facts }> = {
  'local-account-no-entra': { fires: { who: who({ localOnly: true }) }, not: { who: who({ localOnly: false }) } },
  'rdp-logon-after-failures': {
    fires: { who: who({ logonType: 10, ip: '198.51.100.23', failedBefore: 40 }) },
    not: { who: who({ logonType: 10, ip: '198.51.100.23', failedBefore: 2 }) },
  },
  'logon-from-known-bad-ip': {
    fires: { who: who({ logonType: 3, ip: '198.51.100.23', ipClass: 'known-bad' }) },
    not: { who: who({ logonType: 3, ip: '198.51.100.23', ipClass: 'unknown' }) },
  },
  'earlier-brute-force-alert': {
    fires: { related: related({ count: 1, names: ['Successful RDP brute force attack'] }) },
    not: { related: related({ count: 1, names: ['Suspicious screensaver process executed'] }) },
  },
  'download-and-execute': {
    fires: { command: command({ behaviours: ['download-cradle', 'process-start'] }) },
    not: { command: command({ behaviours: ['download-cradle'] }) },
  },
  'known-bad-ioc': {
    fires: { command: command({ iocs: [{ ioc: '192.0.2.66', type: 'ip', class: 'known-bad' }] }) },
    not: { command: command({ iocs: [{ ioc: '203.0.113.45', type: 'ip', class: 'unknown' }] }) },
  },
  'obfuscated-command': {
    fires: { command: command({ behaviours: ['encoded-command'] }) },
    not: { command: command({ behaviours: ['execution-policy-bypass', 'process-start'] }) },
  },
  'benign-infrastructure-only': {
    fires: { command: command({ iocs: [{ ioc: '168.63.129.16', type: 'ip', class: 'benign-infrastructure' }] }) },
    not: { command: command({ iocs: [{ ioc: '168.63.129.16', type: 'ip', class: 'benign-infrastructure' }, { ioc: '203.0.113.45', type: 'ip', class: 'unknown' }] }) },
  },
  'nothing-found': {
    fires: { who: who(), related: related(), command: command() },
    not: { who: who(), related: related() }, // Analyze did not answer: not "nothing found"
  },
};

describe('the triage rule table', () => {
  test('every rule has its cases', () => {
    expect(Object.keys(CASES).sort()).toEqual(SUGGESTION_RULES.map((r) => r.id).sort());
  });

  test.each(SUGGESTION_RULES.map((r) => [r.id, r] as const))('%s fires on its case and not on the near miss', (id, rule) => {
    expect(rule.fires(CASES[id]!.fires)).toEqual(expect.any(String));
    expect(rule.fires(CASES[id]!.not)).toBeUndefined();
  });

  test('the flagship: true positive, Medium, with its reasons and follow-up', () => {
    const s = suggestTriage(FLAGSHIP_FINDINGS)!;
    expect(s).toMatchObject({ verdict: 'true-positive', severity: 'Medium' });
    expect(s.reasons.map((r) => r.rule)).toEqual(['local-account-no-entra', 'rdp-logon-after-failures', 'earlier-brute-force-alert', 'download-and-execute']);
    expect(suggestionText(s)).toBe(
      'Suggested: true positive, Medium — a local account with no Entra identity, an RDP logon from 198.51.100.23 (known bad: rdp-brute-force) after 40 failures, ' +
        'an earlier brute-force alert on the same entities ("Successful RDP brute force attack"), then a download-and-execute from 203.0.113.45 (unknown — not safe); ' +
        'follow-up: detonate update.exe in a sandbox',
    );
  });

  test('the strongest verdict and the highest severity of the fired rules; nothing to suggest without a verdict', () => {
    const known = suggestTriage({ command: command({ behaviours: ['download-cradle', 'process-start'], iocs: [{ ioc: '192.0.2.66', type: 'ip', class: 'known-bad' }], downloads: ['a.exe'] }) })!;
    expect(known).toMatchObject({ verdict: 'true-positive', severity: 'High', followUps: [] }); // a known-bad source needs no detonation to decide
    expect(suggestTriage({ who: who({ localOnly: true }) })).toBeUndefined();
    expect(suggestTriage({ who: { kind: 'identity', failed: 'Log Analytics timed out' } })).toBeUndefined();
  });
});
