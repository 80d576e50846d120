/**
 * Every generated query parses and type-checks against the real Log Analytics columns, with no
 * error diagnostic, and is bounded in time and in rows.
 */
import type { Alert } from '../../../src/domain/alert';
import { defaultSettings } from '../../../src/app/deps';
import {
  allQueriesFor,
  correlationQueriesFor,
  identityQueriesFor,
  iocQueries,
  subjectFromTarget,
  type CatalogueQuery,
} from '../../../src/domain/investigation';
import { analyzeKql } from './kusto-analyzer';
import { flagshipBruteForceAlert, flagshipPowerShellAlert } from './flagship';

const window = { start: '2026-11-26T00:00:00.000Z', end: '2026-11-26T04:00:00.000Z' };

function entraAlert(): Alert {
  const a = flagshipPowerShellAlert();
  return {
    ...a,
    who: [{ kind: 'account', name: 'alice', upn: 'alice@contoso.com', aadUserId: 'x', isLocal: false, isEntra: true }],
    what: [...a.what, { kind: 'file', name: 'update.exe', hashes: [{ algorithm: 'SHA256', value: 'a'.repeat(64) }] }, { kind: 'domain', domain: 'evil.example.com' }],
    hasEntraIdentity: true,
  };
}

const cases: [string, () => CatalogueQuery[]][] = [
  ['flagship PowerShell alert (all)', () => allQueriesFor(flagshipPowerShellAlert(), defaultSettings)],
  ['brute-force alert (all)', () => allQueriesFor(flagshipBruteForceAlert(), defaultSettings)],
  ['Entra account alert (all)', () => allQueriesFor(entraAlert(), defaultSettings)],
  ['/investigate host', () => [...identityQueriesFor(subjectFromTarget('web-vm-01', window), defaultSettings), ...correlationQueriesFor(subjectFromTarget('web-vm-01', window), defaultSettings)]],
  ['/investigate ip', () => [...identityQueriesFor(subjectFromTarget('198.51.100.23', window), defaultSettings), ...correlationQueriesFor(subjectFromTarget('198.51.100.23', window), defaultSettings)]],
  ['/investigate ipv6', () => identityQueriesFor(subjectFromTarget('2001:db8::1', window), defaultSettings)],
  ['/investigate account', () => [...identityQueriesFor(subjectFromTarget('WEB-VM-01\\svc-backup', window), defaultSettings), ...correlationQueriesFor(subjectFromTarget('WEB-VM-01\\svc-backup', window), defaultSettings)]],
  ['/investigate upn', () => identityQueriesFor(subjectFromTarget('alice@contoso.com', window), defaultSettings)],
  ['IOC lookup', () => iocQueries({ ips: ['203.0.113.45', '2001:db8::1'], urls: ['http://203.0.113.45/update.exe'], domains: ['evil.example.com'], hashes: ['d41d8cd98f00b204e9800998ecf8427e'] }, '2026-11-26T02:16:04.000Z')],
];

describe('generated KQL', () => {
  test.each(cases)('%s: every query has no error diagnostic', (_name, build) => {
    const queries = build();
    expect(queries.length).toBeGreaterThan(0);
    for (const q of queries) {
      const { errors } = analyzeKql(q.query);
      expect({ name: q.name, errors }).toEqual({ name: q.name, errors: [] });
    }
  });

  test.each(cases)('%s: every query is bounded in time and rows', (_name, build) => {
    for (const q of build()) {
      expect(q.query).toMatch(/\| where TimeGenerated between \(datetime\([^)]+\) \.\. datetime\([^)]+\)\)/);
      expect(q.query).toMatch(/\| (take|top|summarize) /);
      // The last operator limits rows (top N / take N), so a summarize over many keys is bounded too.
      expect(q.query.split('\n').pop()).toMatch(/^\| (top|take) \d+/);
      expect(Date.parse(q.timespan.start)).toBeLessThan(Date.parse(q.timespan.end));
    }
  });

  test('the Entra alert adds a SigninLogs query; the local-account alert does not', () => {
    expect(allQueriesFor(entraAlert(), defaultSettings).map((q) => q.name)).toContain('entra-signins');
    expect(allQueriesFor(flagshipPowerShellAlert(), defaultSettings).map((q) => q.name)).not.toContain('entra-signins');
  });

  test('a query with an unknown column is reported (the checker is live)', () => {
    expect(analyzeKql('SecurityEvent | where NoSuchColumn == 1 | take 1').errors.length).toBeGreaterThan(0);
  });
});
