/**
 * Attacker-controlled alert text must come back out of the parser as exactly one string literal
 * holding the original value, in a query with the same syntax shape as a benign alert's.
 */
import fc from 'fast-check';
import type { Alert } from '../../../src/domain/alert';
import { defaultSettings } from '../../../src/app/deps';
import { correlationQueriesFor, identityQueriesFor, iocQueries, kqlString, subjectFromAlert, type CatalogueQuery } from '../../../src/domain/investigation';
import { analyzeKql } from './kusto-analyzer';
import { flagshipPowerShellAlert } from './flagship';

const HOSTILE = [
  "it's",
  'back\\slash',
  "trailing backslash\\",
  "\\'",
  "'''",
  'line\nbreak\r\nand\ttab',
  "' | union * | take 1000000 //",
  "x' or 1==1 //",
  '// just a comment',
  '*/ /* block',
  '"double" quotes',
  'naïve — 日本語 😀',
  'bidi \u202eexe.txt',
  'separator \u2028 here \u2029',
  'nul \u0000 and bell \u0007',
  'lone surrogate \ud800 here',
  '{{template}} ${x} $(whoami)',
];

type Field = 'host' | 'account' | 'upn' | 'commandLine' | 'resourceId';

function withField(alert: Alert, field: Field, value: string): Alert {
  switch (field) {
    case 'host':
      return { ...alert, compromisedEntity: value, where: alert.where.map((w) => (w.kind === 'host' ? { ...w, hostName: value } : w)) };
    case 'account':
      return { ...alert, who: alert.who.map((a) => ({ ...a, name: value })) };
    case 'upn':
      return { ...alert, who: [{ kind: 'account', name: 'alice', upn: value, isLocal: false, isEntra: true }], hasEntraIdentity: true };
    case 'commandLine':
      return { ...alert, what: alert.what.map((w) => (w.kind === 'process' ? { ...w, commandLine: value } : w)) };
    case 'resourceId':
      return { ...alert, resourceId: value };
  }
}

const benignValue = (field: Field) => `benign-${field}-value`;

function queriesFor(alert: Alert): CatalogueQuery[] {
  const subject = subjectFromAlert(alert);
  return [...identityQueriesFor(subject, defaultSettings), ...correlationQueriesFor(subject, defaultSettings)];
}

const FIELDS: Field[] = ['host', 'account', 'upn', 'commandLine', 'resourceId'];

describe('hostile entity values in generated KQL', () => {
  const base = flagshipPowerShellAlert();
  const benignByField = new Map(FIELDS.map((f) => [f, queriesFor(withField(base, f, benignValue(f)))]));
  const analyses = new Map<string, ReturnType<typeof analyzeKql>>();
  // Syntax only: shape and literals come from the parse; kql-validity.test.ts binds every query to the real columns.
  const analyze = (q: string) => analyses.get(q) ?? analyses.set(q, analyzeKql(q, { syntaxOnly: true })).get(q)!;

  test.each(FIELDS.flatMap((f) => HOSTILE.map((v) => [f, v] as [Field, string])))('%s = %j', (field, value) => {
    const benign = benignByField.get(field)!;
    const hostile = queriesFor(withField(base, field, value));
    expect(hostile.map((q) => q.name)).toEqual(benign.map((q) => q.name));
    let carried = 0;
    hostile.forEach((q, i) => {
      if (!q.query.includes(benignValue(field)) && q.query === benign[i]!.query) return; // field not used here
      const h = analyze(q.query);
      const b = analyze(benign[i]!.query);
      expect(h.errors).toEqual([]);
      expect(h.shape).toBe(b.shape);
      // Same literals, position by position, with the benign value swapped for the hostile one.
      expect(h.stringLiterals).toEqual(b.stringLiterals.map((lit) => (lit === benignValue(field) ? value : lit)));
      const holding = h.stringLiterals.filter((lit) => lit === value).length;
      expect(holding).toBeLessThanOrEqual(1);
      carried += holding;
    });
    expect(carried).toBeGreaterThan(0);
  });

  test.each(HOSTILE)('IOC lists keep %j as one literal', (value) => {
    const benign = iocQueries({ ips: [], urls: ['http://benign.example/'], domains: ['benign.example'], hashes: [] }, base.endTime);
    const hostile = iocQueries({ ips: [], urls: [value], domains: ['benign.example'], hashes: [] }, base.endTime);
    hostile.forEach((q, i) => {
      const h = analyze(q.query);
      const b = analyze(benign[i]!.query);
      expect(h.errors).toEqual([]);
      expect(h.shape).toBe(b.shape);
      expect(h.stringLiterals.filter((l) => l === value).length).toBe(1);
    });
  });

  test('a value that is not an IP address never reaches a query as an IP', () => {
    const withIp = (address: string): Alert => ({ ...base, what: [...base.what, { kind: 'ip', address }] });
    const without = queriesFor(base).map((q) => q.query);
    for (const bad of ["1.2.3.4' | union *", '999.1.1.1', '1.2.3.4\n', '::1::2']) expect(queriesFor(withIp(bad)).map((q) => q.query)).toEqual(without);
    expect(queriesFor(withIp('198.51.100.99')).some((q) => q.query.includes("'198.51.100.99'"))).toBe(true);
  });

  test('any string survives kqlString as exactly its own value (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (value) => {
        const { errors, stringLiterals } = analyzeKql(`print x = ${kqlString(value)}`, { syntaxOnly: true });
        return errors.length === 0 && stringLiterals.length === 1 && stringLiterals[0] === value;
      }),
      { numRuns: 300 },
    );
  });
});
