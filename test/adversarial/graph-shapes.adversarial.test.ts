/**
 * Hostile Graph alerts and SecurityAlert rows, by hand: the attacks specific to these shapes —
 * portal URLs that point elsewhere, ids built to escape a link, evidence by the thousand or nested
 * deep, JSON-string columns that are huge, malformed or deep, hostile text inside them — through
 * normalize, both renderers and every query builder. Plus a property over objects that claim to be
 * Graph alerts or rows with arbitrary values in every field the translators read.
 */
import fc from 'fast-check';
import { renderAdaptiveCard } from '../../src/adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../src/adapters/cards/render-block-kit';
import { defaultSettings } from '../../src/app/deps';
import type { Alert } from '../../src/domain/alert';
import { TriageError } from '../../src/domain/errors';
import { allQueriesFor } from '../../src/domain/investigation';
import { normalizeAlert, normalizeAlerts } from '../../src/domain/normalize';
import type { CardModel } from '../../src/ports/card-model';
import { flagshipRaw } from '../helpers/flagship-shapes';
import { MARKER, runs } from './hostile-text';
import { readKql } from './kql-tokens';
import { adaptiveCardProblems, slackProblems } from './output-checks';

const card = (alert: Alert): CardModel => ({ kind: 'alert', alert, state: { status: 'Active' } });
const hostile = `${MARKER}' | where 1==1 //\n<!channel> [click](https://evil.example) \${ALERT} <script>x</script>`;

function outputs(alert: Alert): { links: string[]; problems: string[] } {
  const slack = renderBlockKit(card(alert));
  const teams = renderAdaptiveCard(card(alert));
  const problems = [...slackProblems(slack).map((p) => `slack: ${p}`), ...adaptiveCardProblems(teams).map((p) => `teams: ${p}`)];
  for (const q of allQueriesFor(alert, defaultSettings)) {
    const reading = readKql(q.query);
    if (reading.errors.length) problems.push(`kql ${q.name}: ${reading.errors.join('; ')}`);
    if (reading.outsideLiterals.toUpperCase().includes(MARKER)) problems.push(`kql ${q.name}: alert text outside a literal`);
  }
  const links = [...JSON.stringify(teams).matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]!);
  return { links, problems };
}

function refusedOrClean(raw: unknown): string[] {
  let alerts: Alert[];
  try {
    alerts = normalizeAlerts(raw);
  } catch (err) {
    return err instanceof TriageError ? [] : [`crashed: ${String(err)}`];
  }
  return alerts.flatMap((a) => outputs(a).problems);
}

describe('hostile Graph alerts', () => {
  it('alertWebUrl / incidentWebUrl pointing elsewhere never become a button; ours are built from the ids', () => {
    const raw = { ...flagshipRaw('graph'), alertWebUrl: 'https://security.microsoft.com.evil.example/alerts/x', incidentWebUrl: 'javascript:alert(1)' };
    const { links, problems } = outputs(normalizeAlert(raw));
    expect(problems).toEqual([]);
    expect(links.some((l) => l.includes('evil') || l.startsWith('javascript'))).toBe(false);
    expect(links).toContain('https://security.microsoft.com/incidents/4127?tid=0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0');
  });

  it('ids and tenant built to escape the link make no link at all', () => {
    const raw = { ...flagshipRaw('graph'), id: 'x/../../evil?', incidentId: '4127/../../../phish', tenantId: 'a"&b' };
    const alert = normalizeAlert(raw);
    const { links, problems } = outputs(alert);
    expect(problems).toEqual([]);
    expect(links.filter((l) => l.startsWith('https://security.microsoft.com'))).toEqual([]);
  });

  it('hostile text in every Graph string (title, incident title, evidence) stays text', () => {
    const raw = flagshipRaw('graph') as Record<string, unknown> & { evidence: Record<string, unknown>[] };
    const evidence = raw.evidence.map((e) => JSON.parse(JSON.stringify(e).replace(/"(svc-backup|web-vm-01|WEB-VM-01)"/g, JSON.stringify(hostile))) as Record<string, unknown>);
    const hostileRaw = { ...raw, title: hostile, description: hostile, category: hostile, incidentDisplayName: hostile, detectorId: hostile, evidence };
    expect(refusedOrClean(hostileRaw)).toEqual([]);
  });

  it('5,000 evidence items, unknown kinds and nesting 2,000 deep: bounded, and the alert still reads', () => {
    const raw = flagshipRaw('graph') as Record<string, unknown> & { evidence: unknown[] };
    let deep: Record<string, unknown> = { '@odata.type': '#microsoft.graph.security.ipEvidence', ipAddress: '203.0.113.9' };
    for (let i = 0; i < 2000; i++) deep = { '@odata.type': '#microsoft.graph.security.containerEvidence', name: `c${i}`, image: deep, pod: deep };
    const many = Array.from({ length: 5000 }, (_, i) => ({ '@odata.type': i % 2 ? '#microsoft.graph.security.ipEvidence' : '#microsoft.graph.security.mailboxEvidence', ipAddress: `10.0.${i % 250}.${i % 200}`, primaryAddress: hostile }));
    const started = performance.now();
    const alert = normalizeAlert({ ...raw, evidence: [...raw.evidence, deep, ...many] });
    expect(performance.now() - started).toBeLessThan(5000);
    expect(alert.systemAlertId).toBe(raw.providerAlertId);
    expect(alert.what.length).toBeLessThanOrEqual(600);
    expect(outputs(alert).problems).toEqual([]);
  });

  it('an overlong providerAlertId is refused, naming its length', () => {
    expect(() => normalizeAlert({ ...flagshipRaw('graph'), providerAlertId: 'x'.repeat(2200) })).toThrow(/2200 characters/);
  });
});

describe('hostile SecurityAlert rows', () => {
  it('JSON-string columns that are huge, malformed or 5,000 deep: kept as text or dropped, never a crash', () => {
    const row = flagshipRaw('row');
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const cases = [
      { ...row, Entities: '[{"$id":"1","Type":"host","HostName":' },
      { ...row, Entities: deep, ExtendedProperties: deep, Techniques: deep },
      { ...row, ExtendedProperties: JSON.stringify({ __proto__: { polluted: 'yes' }, 'Command line': 'x'.repeat(1_000_000) }) },
      { ...row, RemediationSteps: '{"not":"a list"}', Tactics: 42, AlertSeverity: { high: true } },
    ];
    for (const raw of cases) expect(refusedOrClean(raw)).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('hostile text inside the JSON-string entities and properties stays text, and out of KQL', () => {
    const row = flagshipRaw('row');
    const entities = (row.Entities as string).replace(/svc-backup|web-vm-01/g, hostile.replace(/["\\\n]/g, ''));
    expect(refusedOrClean({ ...row, Entities: entities, AlertName: hostile, CompromisedEntity: hostile, ExtendedProperties: JSON.stringify({ 'Command line': hostile }) })).toEqual([]);
  });

  it('a hostile VendorOriginalId cannot take over a link or an id-sized button', () => {
    expect(refusedOrClean({ ...flagshipRaw('row'), VendorOriginalId: `${'a'.repeat(250)}<@U123>` })).toEqual([]);
    expect(() => normalizeAlert({ ...flagshipRaw('row'), VendorOriginalId: 'v'.repeat(300) })).toThrow(/300 characters/);
  });
});

describe('objects claiming to be Graph alerts or rows', () => {
  const anyValue = fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.jsonValue());
  const evidence = fc.array(
    fc.dictionary(fc.constantFrom('@odata.type', 'userAccount', 'vmMetadata', 'deviceDnsName', 'processCommandLine', 'imageFile', 'ipAddress', 'resourceId', 'loggedOnUsers', 'storageResource', 'namespace', 'image'), anyValue),
    { maxLength: 6 },
  );
  const graph = fc.record(
    {
      '@odata.type': fc.constantFrom('#microsoft.graph.security.alert', 'x'),
      providerAlertId: anyValue,
      id: anyValue,
      severity: anyValue,
      status: anyValue,
      classification: anyValue,
      incidentId: anyValue,
      tenantId: anyValue,
      firstActivityDateTime: anyValue,
      createdDateTime: anyValue,
      mitreTechniques: anyValue,
      recommendedActions: anyValue,
      evidence: fc.oneof(evidence, anyValue),
    },
    { requiredKeys: ['@odata.type'] },
  );
  const row = fc.record(
    { Type: fc.constant('SecurityAlert'), VendorOriginalId: anyValue, SystemAlertId: anyValue, AlertSeverity: anyValue, StartTime: anyValue, ProcessingEndTime: anyValue, Entities: anyValue, ExtendedProperties: anyValue, ResourceId: anyValue, Tactics: anyValue, TenantId: anyValue },
    { requiredKeys: ['Type'] },
  );

  it('normalize or refuse with a TriageError; what they give renders and queries cleanly', () => {
    fc.assert(fc.property(fc.oneof(graph, row), (v) => expect(refusedOrClean(v)).toEqual([])), runs(150));
  });
});
