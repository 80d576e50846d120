/**
 * Alert text is attacker-controlled and Defender's shapes drift: a malformed field never costs an
 * alert, and input that is not an alert fails with an InvalidAlertError that names what is missing.
 */
import fc from 'fast-check';
import { ALERT_STATUSES, SEVERITIES, type Alert } from '../../../src/domain/alert';
import { InvalidAlertError } from '../../../src/domain/errors';
import { alertItems, normalizeAlert, normalizeAlerts } from '../../../src/domain/normalize';
import { COERCED_OBJECT_MAX } from '../../../src/domain/normalize/fields';

const minimal = { SystemAlertId: 'x1', StartTimeUtc: '2026-11-26T02:16:04Z' };

describe('malformed fields are coerced, the alert is kept', () => {
  it('an object where a string belongs becomes its JSON text, cut', () => {
    const huge = { nested: 'y'.repeat(50_000) };
    const alert = normalizeAlert({ ...minimal, AlertDisplayName: { text: '<b>hi</b>' }, Description: huge, CompromisedEntity: ['a', 'b'] });
    expect(alert.displayName).toBe('{"text":"<b>hi</b>"}');
    expect(alert.description.length).toBeLessThanOrEqual(COERCED_OBJECT_MAX);
    expect(alert.description).toMatch(/^\{"nested":"yyy.*…\[cut\]$/);
    expect(alert.compromisedEntity).toBe('["a","b"]');
  });

  it('entities that are not a list, not objects, or carry objects in their fields', () => {
    expect(normalizeAlert({ ...minimal, Entities: 'nonsense' }).what).toEqual([]);
    expect(normalizeAlert({ ...minimal, Entities: { Type: 'ip' } }).what).toEqual([]);
    const alert = normalizeAlert({
      ...minimal,
      Entities: [null, 7, 'x', [], { Type: 'process', CommandLine: { evil: true }, ProcessId: 42 }, { Type: 'account', Name: { a: 1 } }],
    });
    expect(alert.what).toEqual([{ kind: 'process', commandLine: '{"evil":true}', processId: '42' }]);
    expect(alert.who[0]).toMatchObject({ name: '{"a":1}', isLocal: false });
  });

  it('Entities given as JSON text (the SecurityAlert table) are parsed', () => {
    const alert = normalizeAlert({ ...minimal, Entities: JSON.stringify([{ $id: '1', Address: '203.0.113.45', Type: 'ip' }]) });
    expect(alert.what).toEqual([{ kind: 'ip', address: '203.0.113.45' }]);
  });

  it('$ref cycles, self references and dangling references neither loop nor throw', () => {
    const alert = normalizeAlert({
      ...minimal,
      Entities: [
        { $id: '1', HostName: 'h', Type: 'host', Self: { $ref: '1' } },
        { $id: '2', Type: 'process', ProcessId: '1', ImageFile: { $ref: '9' }, Account: { $ref: '3' }, ParentProcess: { $ref: '2' } },
        { $id: '3', Name: 'u', Type: 'account', Host: { $ref: '2' } },
        { $ref: '2' },
        { $ref: 'missing' },
      ],
    });
    expect(alert.where).toEqual([{ kind: 'host', hostName: 'h' }]);
    expect(alert.what).toEqual([{ kind: 'process', processId: '1', accountName: 'u' }]);
    expect(alert.who).toHaveLength(1);
  });

  it('file hashes referenced by a file stay with the file; unknown entity types are kept as "other"', () => {
    const alert = normalizeAlert({
      ...minimal,
      Entities: [
        { $id: '1', Algorithm: 'SHA256', Value: 'ab12', Type: 'filehash' },
        { $id: '2', Name: 'update.exe', Directory: 'C:\\Users\\Public', FileHashes: [{ $ref: '1' }], Type: 'file' },
        { $id: '3', Key: 'HKLM\\Run', Hive: 'HKEY_LOCAL_MACHINE', Nested: { a: 1 }, Type: 'registry-key' },
        { $id: '4', Url: 'http://203.0.113.45/update.exe', Type: 'url' },
        { $id: '5', DomainName: 'evil.example', Type: 'dns' },
        { $id: '6', ResourceId: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/st', Type: 'azure-resource' },
      ],
    });
    expect(alert.what).toEqual([
      { kind: 'file', name: 'update.exe', directory: 'C:\\Users\\Public', hashes: [{ algorithm: 'SHA256', value: 'ab12' }] },
      { kind: 'other', type: 'registry-key', summary: 'Key: HKLM\\Run, Hive: HKEY_LOCAL_MACHINE' },
      { kind: 'url', url: 'http://203.0.113.45/update.exe' },
      { kind: 'domain', domain: 'evil.example' },
    ]);
    expect(alert.where).toEqual([{ kind: 'azure-resource', resourceId: expect.stringMatching(/storageAccounts\/st$/) }]);
  });

  it('a "__proto__" or "constructor" in the data stays data', () => {
    const raw = JSON.parse('{"SystemAlertId":"p","StartTimeUtc":"2026-11-26T02:16:04Z","Severity":"constructor","Status":"__proto__","ExtendedProperties":{"__proto__":{"polluted":"yes"},"toString":"x"}}');
    const alert = normalizeAlert(raw);
    expect(alert.severity).toBe('Medium');
    expect(alert.status).toBe('Active');
    expect(Object.keys(alert.extendedProperties)).toEqual(['__proto__', 'toString']);
    expect(alert.extendedProperties['__proto__']).toBe('{"polluted":"yes"}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('only http(s) links survive: javascript: and data: hrefs are dropped', () => {
    const alert = normalizeAlert({
      ...minimal,
      AlertUri: 'javascript:alert(1)',
      ExtendedLinks: [
        { Label: 'ok', Href: 'https://learn.microsoft.com/x' },
        { Label: 'bad', Href: 'javascript:alert(1)' },
        { Label: 'bad2', Href: 'data:text/html,<script>' },
        { Label: 'bad3', Href: { x: 1 } },
      ],
    });
    expect(alert.portalUrl).toBeUndefined();
    expect(alert.links).toEqual([{ label: 'ok', href: 'https://learn.microsoft.com/x' }]);
  });

  it('a command line only in the extended properties becomes a process; one in an entity is not repeated', () => {
    const commandLine = 'cmd.exe /c whoami';
    const onlyExtended = normalizeAlert({ ...minimal, ExtendedProperties: { 'Suspicious Command Line': commandLine, 'Process Path': 'c:\\cmd.exe' } });
    expect(onlyExtended.what).toEqual([{ kind: 'process', commandLine, imageFile: 'c:\\cmd.exe' }]);
    const both = normalizeAlert({ ...minimal, ExtendedProperties: { 'command line': commandLine }, Entities: [{ Type: 'process', CommandLine: commandLine }] });
    expect(both.what).toEqual([{ kind: 'process', commandLine }]);
    expect(normalizeAlert({ ...minimal, ExtendedProperties: { 'command line': '  ' } }).what).toEqual([]);
  });

  it('a 100 KB command line is kept whole: cutting is the renderer\'s job, Analyze needs all of it', () => {
    const commandLine = `powershell -enc ${'A'.repeat(100_000)}`;
    const alert = normalizeAlert({ ...minimal, Entities: [{ Type: 'process', CommandLine: commandLine }] });
    expect(alert.what[0]).toEqual({ kind: 'process', commandLine });
  });

  it('severity and status are read case-insensitively; unknown severity is Medium, unknown status Active', () => {
    const cases: Array<[string | undefined, string | undefined, Alert['severity'], Alert['status']]> = [
      ['HIGH', 'new', 'High', 'Active'],
      ['informational', 'In Progress', 'Informational', 'InProgress'],
      ['low', 'DISMISSED', 'Low', 'Dismissed'],
      ['Critical', 'resolved', 'High', 'Resolved'],
      ['severe', 'weird', 'Medium', 'Active'],
      [undefined, undefined, 'Medium', 'Active'],
    ];
    for (const [severity, status, expectedSeverity, expectedStatus] of cases) {
      const alert = normalizeAlert({ ...minimal, Severity: severity, Status: status });
      expect([alert.severity, alert.status]).toEqual([expectedSeverity, expectedStatus]);
    }
  });

  it('times: 7-digit fractions, zoneless (read as UTC), Date objects; missing end = start; bad start falls back', () => {
    expect(normalizeAlert({ ...minimal, StartTimeUtc: '2026-11-26T02:16:04.1234567Z' }).startTime).toBe('2026-11-26T02:16:04.123Z');
    expect(normalizeAlert({ ...minimal, StartTimeUtc: '2026-11-26T02:16:04' }).startTime).toBe('2026-11-26T02:16:04.000Z');
    expect(normalizeAlert({ ...minimal, StartTimeUtc: '2026-11-26 02:16:04' }).startTime).toBe('2026-11-26T02:16:04.000Z');
    expect(normalizeAlert({ ...minimal, StartTimeUtc: '2026-11-26T03:16:04+01:00' }).startTime).toBe('2026-11-26T02:16:04.000Z');
    expect(normalizeAlert({ systemAlertId: 'd', startTimeUtc: new Date('2026-11-26T02:16:04Z') }).startTime).toBe('2026-11-26T02:16:04.000Z');
    const alert = normalizeAlert({ SystemAlertId: 'f', StartTimeUtc: 'yesterday', TimeGenerated: '2026-11-26T02:17:00Z' });
    expect(alert).toMatchObject({ startTime: '2026-11-26T02:17:00.000Z', endTime: '2026-11-26T02:17:00.000Z', generatedTime: '2026-11-26T02:17:00.000Z' });
  });

  it('intent, techniques and remediation steps from arrays, comma lists or JSON text', () => {
    const alert = normalizeAlert({
      ...minimal,
      Intent: 'Execution,  Persistence,Unknown',
      Techniques: '["T1059","T1105"]',
      RemediationSteps: '["step 1","step 2"]',
    });
    expect(alert.tactics).toEqual(['Execution', 'Persistence']);
    expect(alert.techniques).toEqual(['T1059', 'T1105']);
    expect(alert.remediationSteps).toEqual(['step 1', 'step 2']);
  });
});

describe('an alert with an identity is never refused for its times or other fields', () => {
  const receivedAt = '2026-12-07T10:00:00.000Z';

  it('no time at all: "time unknown", its times the time the bot received it', () => {
    const alert = normalizeAlert({ SystemAlertId: 'x', Severity: 'Critical', AlertDisplayName: 'Ransomware' }, { receivedAt });
    expect(alert).toMatchObject({ systemAlertId: 'x', severity: 'High', timeUnknown: true, receivedTime: receivedAt });
    expect([alert.startTime, alert.endTime, alert.generatedTime]).toEqual([receivedAt, receivedAt, receivedAt]);
    expect(alert.unusable).toBeUndefined();
  });

  it('times that are there but unusable: time unknown, and each listed as unusable', () => {
    const alert = normalizeAlert({ SystemAlertId: 'x', StartTimeUtc: 'yesterday', TimeGenerated: { at: 5 }, EndTimeUtc: 99 }, { receivedAt });
    expect(alert).toMatchObject({ timeUnknown: true, startTime: receivedAt });
    expect(alert.unusable).toEqual([
      { field: 'timeGenerated', value: '{"at":5}', instead: 'not a time: ignored' },
      { field: 'startTimeUtc', value: 'yesterday', instead: 'not a time: ignored' },
      { field: 'endTimeUtc', value: '99', instead: 'not a time: ignored' },
    ]);
  });

  it('one usable time is enough: no "time unknown"', () => {
    const alert = normalizeAlert({ SystemAlertId: 'x', EndTimeUtc: '2026-11-26T02:16:04Z' }, { receivedAt });
    expect(alert.timeUnknown).toBeUndefined();
    expect([alert.startTime, alert.endTime, alert.generatedTime]).toEqual(Array(3).fill('2026-11-26T02:16:04.000Z'));
  });

  it('an unreadable severity or status is shown as Medium / Active, and listed as unusable', () => {
    const alert = normalizeAlert({ ...minimal, Severity: 'Catastrophic', Status: { state: 'closed' } });
    expect(alert).toMatchObject({ severity: 'Medium', status: 'Active' });
    expect(alert.unusable).toEqual([
      { field: 'severity', value: 'Catastrophic', instead: 'shown as Medium' },
      { field: 'status', value: '{"state":"closed"}', instead: 'shown as Active' },
    ]);
  });

  it('an unusable value is cut before it is kept', () => {
    const alert = normalizeAlert({ ...minimal, Severity: 'z'.repeat(10_000) });
    expect(alert.unusable![0]!.value.length).toBeLessThanOrEqual(80);
  });
});

describe('input that is not an alert', () => {
  it.each([
    [null, 'expected a JSON object, got null'],
    [42, 'expected a JSON object, got a number'],
    ['alert', 'expected a JSON object, got a string'],
    [{}, 'no systemAlertId/SystemAlertId/name found'],
    [{ name: 'package', version: '1.0.0' }, 'no systemAlertId/SystemAlertId/name found'],
    [{ SystemAlertId: { nested: 1 }, StartTimeUtc: '2026-11-26T02:16:04Z' }, 'no systemAlertId/SystemAlertId/name found'],
  ])('%j → InvalidAlertError', (input, message) => {
    expect(() => normalizeAlert(input)).toThrow(InvalidAlertError);
    expect(() => normalizeAlert(input)).toThrow(message);
  });

  it('names the item of a list that is not an alert', () => {
    expect(() => normalizeAlerts({ value: [minimal, { foo: 1 }] })).toThrow('item 2: not a Defender alert: no systemAlertId/SystemAlertId/name found');
  });

  it('normalizeAlert wants exactly one; lists and wrappers unwrap', () => {
    expect(() => normalizeAlert([minimal, minimal])).toThrow('expected one alert, found 2');
    expect(() => normalizeAlert([])).toThrow('expected one alert, found 0');
    expect(normalizeAlerts({ value: [] })).toEqual([]);
    expect(normalizeAlerts([[minimal], { value: [minimal] }])).toHaveLength(2);
    expect(alertItems({ responses: { '200': { body: { value: [minimal, minimal] } } } })).toEqual([minimal, minimal]);
    const alertWithListFields = { ...minimal, value: [1, 2], responses: { '200': { body: [] } } };
    expect(normalizeAlerts(alertWithListFields).map((a) => a.systemAlertId)).toEqual(['x1']);
  });
});

describe('property: nothing throws but InvalidAlertError', () => {
  const expectOnlyInvalidAlertError = (input: unknown): void => {
    try {
      const alerts = normalizeAlerts(input);
      alerts.forEach(expectWellFormed);
    } catch (err) {
      if (!(err instanceof InvalidAlertError)) throw err;
    }
  };

  it('random JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), expectOnlyInvalidAlertError), { numRuns: 500 });
  });

  const anyField = fc.oneof(fc.jsonValue(), fc.date({ noInvalidDate: false }), fc.constant(undefined));
  const fieldNames = [
    'AlertDisplayName', 'alertType', 'Severity', 'reportedSeverity', 'status', 'EndTimeUtc', 'TimeGenerated', 'Description',
    'Intent', 'techniques', 'RemediationSteps', 'ExtendedProperties', 'extendedLinks', 'AlertUri', 'AzureResourceId',
    'resourceIdentifiers', 'WorkspaceId', 'CompromisedEntity', 'IsIncident', 'Entities', 'id', 'type',
  ];

  it('an alert with an id and a time survives any value in any other field', () => {
    const alertLike = fc.record(Object.fromEntries(fieldNames.map((n) => [n, anyField])));
    fc.assert(
      fc.property(alertLike, (fields) => {
        const alerts = normalizeAlerts({ ...fields, SystemAlertId: 'p1', StartTimeUtc: '2026-11-26T02:16:04Z' });
        expect(alerts).toHaveLength(1);
        alerts.forEach(expectWellFormed);
      }),
      { numRuns: 300 },
    );
  });

  it('random entity graphs with $id/$ref links survive', () => {
    const ref = fc.record({ $ref: fc.constantFrom('1', '2', '3', '4') });
    const entity = fc.record(
      {
        $id: fc.constantFrom('1', '2', '3', '4'),
        Type: fc.constantFrom('host', 'account', 'process', 'file', 'filehash', 'ip', 'url', 'dns', 'mailbox', 7),
        Name: anyField,
        HostName: anyField,
        CommandLine: anyField,
        Host: fc.oneof(ref, anyField),
        Account: fc.oneof(ref, anyField),
        ImageFile: fc.oneof(ref, anyField),
        FileHashes: fc.array(fc.oneof(ref, anyField), { maxLength: 3 }),
      },
      { requiredKeys: ['Type'] },
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(entity, ref), { maxLength: 8 }), (entities) => {
        const [alert] = normalizeAlerts({ ...minimal, Entities: entities });
        expectWellFormed(alert as Alert);
      }),
      { numRuns: 300 },
    );
  });
});

function expectWellFormed(alert: Alert): void {
  expect(SEVERITIES).toContain(alert.severity);
  expect(ALERT_STATUSES).toContain(alert.status);
  expect(typeof alert.systemAlertId).toBe('string');
  expect(typeof alert.displayName).toBe('string');
  expect(typeof alert.description).toBe('string');
  for (const list of [alert.tactics, alert.techniques, alert.subTechniques, alert.remediationSteps]) {
    for (const item of list) expect(typeof item).toBe('string');
  }
  for (const value of Object.values(alert.extendedProperties)) expect(typeof value).toBe('string');
  for (const account of alert.who) expect(typeof account.name).toBe('string');
  expect(Number.isNaN(Date.parse(alert.startTime))).toBe(false);
  expect(JSON.parse(JSON.stringify(alert))).toEqual(alert);
}
