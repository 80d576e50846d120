/**
 * The normalizer under hostile input: raw alerts of every shape (ARM 2021-11-01 / 2022-01-01, the
 * SDK's flattened shape with Date objects, continuous export with $id/$ref entities, lists and API
 * examples), with hostile text in string leaves, leaves dropped or of the wrong type, and arbitrary
 * JSON. It returns Alerts or refuses with a coded TriageError — never any other exception.
 */
import fc from 'fast-check';
import { ALERT_STATUSES, SEVERITIES, type Alert } from '../../src/domain/alert';
import { TriageError } from '../../src/domain/errors';
import { normalizeAlerts } from '../../src/domain/normalize';
import { hostileRawAlert, rawAlertFrom, mutationPlan } from './raw-alerts';
import { runs } from './hostile-text';

type Outcome = { ok: true; alerts: Alert[] } | { ok: false; error: unknown };

function attempt(raw: unknown): Outcome {
  try {
    return { ok: true, alerts: normalizeAlerts(raw) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** What every normalized alert guarantees to the renderers and query builders. */
function alertProblems(a: Alert): string[] {
  const problems: string[] = [];
  const str = (k: keyof Alert) => typeof a[k] !== 'string' && problems.push(`${String(k)} is ${typeof a[k]}`);
  (['systemAlertId', 'alertType', 'displayName', 'startTime', 'endTime', 'generatedTime', 'description'] as const).forEach(str);
  if (!a.systemAlertId) problems.push('empty systemAlertId');
  if (!SEVERITIES.includes(a.severity)) problems.push(`severity ${String(a.severity)}`);
  if (!ALERT_STATUSES.includes(a.status)) problems.push(`status ${String(a.status)}`);
  for (const k of ['tactics', 'techniques', 'subTechniques', 'remediationSteps', 'links', 'who', 'where', 'what'] as const)
    if (!Array.isArray(a[k])) problems.push(`${k} is not an array`);
  for (const t of [a.startTime, a.endTime, a.generatedTime]) if (t && Number.isNaN(Date.parse(t))) problems.push(`time "${t.slice(0, 40)}" does not parse`);
  for (const e of [...a.who, ...a.where, ...a.what]) if (!e || typeof e !== 'object' || typeof e.kind !== 'string') problems.push('entity without kind');
  try {
    JSON.stringify(a);
  } catch {
    problems.push('alert is not JSON-serializable (cycle?)');
  }
  return problems;
}

function neverCrashes(raw: unknown): boolean {
  const outcome = attempt(raw);
  if (!outcome.ok) {
    if (!(outcome.error instanceof TriageError)) throw outcome.error;
    expect((outcome.error as TriageError).message.length).toBeGreaterThan(0);
    return true;
  }
  for (const a of outcome.alerts) expect({ id: a.systemAlertId, problems: alertProblems(a) }).toEqual({ id: a.systemAlertId, problems: [] });
  return true;
}

describe('normalizer: hostile alerts of every shape', () => {
  it('normalizes or refuses with a TriageError, and every alert it returns is well-formed', () => {
    fc.assert(fc.property(hostileRawAlert, ({ raw }) => neverCrashes(raw)), runs(150));
  });

  it('the generator makes mostly real alerts (the property above is not only about refusals)', () => {
    const outcomes = fc.sample(mutationPlan, { numRuns: 200, seed: 42 }).map((plan) => attempt(rawAlertFrom(plan)));
    const normalized = outcomes.filter((o) => o.ok).length;
    expect(normalized).toBeGreaterThan(100);
  });

  it('arbitrary JSON values and objects never crash it', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => neverCrashes(v)), runs(200));
    fc.assert(fc.property(fc.object({ maxDepth: 4 }), (v) => neverCrashes(v)), runs(200));
  });

  it('objects that claim to be alerts, with arbitrary values in every known field, never crash it', () => {
    const anyValue = fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.date({ noInvalidDate: false }), fc.jsonValue());
    const claims = fc.record(
      {
        systemAlertId: anyValue,
        SystemAlertId: anyValue,
        properties: fc.dictionary(fc.constantFrom('alertType', 'systemAlertId', 'entities', 'resourceIdentifiers', 'startTimeUtc', 'severity', 'status', 'extendedProperties', 'alertDisplayName', 'techniques'), anyValue),
        Entities: fc.array(fc.dictionary(fc.constantFrom('$id', '$ref', 'Type', 'HostName', 'Name', 'NTDomain', 'CommandLine', 'Host', 'Account', 'ImageFile', 'Address'), anyValue), { maxLength: 6 }),
        ExtendedProperties: fc.dictionary(fc.string(), anyValue),
        StartTimeUtc: anyValue,
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(claims, (v) => neverCrashes(v)), runs(200));
  });
});
