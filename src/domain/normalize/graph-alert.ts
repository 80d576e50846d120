/**
 * A Microsoft Graph security alert (`/security/alerts_v2`, the Defender portal's view) → the
 * fields of the continuous-export shape, which normalize-alert.ts reads like every other shape.
 *   identity   `providerAlertId` (the Defender for Cloud alert name), else Graph's own `id`
 *   times      first/last activity → start/end; `createdDateTime` → generated
 *   what/who   `evidence[]` through graph-evidence.ts; `category` → tactic; `mitreTechniques`
 *   links      Graph `id`, `tenantId`, `incidentId` kept on the Alert (and `incidentDisplayName`, which
 *              the Graph poller adds from /security/incidents/{id}); the portal links are built
 *              from them (portal-links.ts), never copied from `alertWebUrl` / `incidentWebUrl`
 */
import type { Alert, AlertStatus } from '../alert';
import { InvalidAlertError } from '../errors';
import { asText, dropUndefined, Fields, textList, unique, type JsonObject } from './fields';
import { evidenceEntities, evidenceProperties, primaryDeviceName, primaryResourceId } from './graph-evidence';
import type { ShapeTranslation } from './shape-translation';

const GRAPH_ALERT_TYPE = /^#?microsoft\.graph\.security\.alert$/i;
/** Graph writes these where it knows nothing: absence, not a value. */
const UNKNOWN = new Set(['unknown', 'unknownfuturevalue']);

/** A Graph alert: typed as one, or carrying Graph's own `providerAlertId` (no ARM envelope). */
export function isGraphAlert(input: JsonObject): boolean {
  const f = new Fields(input);
  if (f.raw('properties') !== undefined) return false;
  return GRAPH_ALERT_TYPE.test(f.text('@odata.type') ?? '') || f.raw('providerAlertId') !== undefined;
}

export function fromGraphAlert(input: JsonObject): ShapeTranslation {
  const f = new Fields(input);
  const graphId = f.text('id');
  const id = f.text('providerAlertId') ?? graphId;
  if (!id) throw new InvalidAlertError('not a Defender alert: a Graph alert with neither providerAlertId nor id');
  const evidence = f.raw('evidence');
  const techniques = textList(f.raw('mitreTechniques'));
  const fields = dropUndefined({
    SystemAlertId: id,
    AlertType: known(f.text('detectorId')) ?? f.text('title'),
    AlertDisplayName: f.text('title'),
    Severity: known(f.text('severity')),
    Status: statusOf(f),
    StartTimeUtc: f.raw('firstActivityDateTime') ?? f.raw('createdDateTime'),
    EndTimeUtc: f.raw('lastActivityDateTime'),
    TimeGenerated: f.raw('createdDateTime'),
    Description: f.text('description'),
    RemediationSteps: (f.text('recommendedActions') ?? '').split(/\r?\n/),
    Intent: known(f.text('category')),
    // "T1059.001" names technique T1059 too (ARM lists both).
    Techniques: unique(techniques.map((t) => t.split('.')[0] ?? t)),
    SubTechniques: techniques.filter((t) => t.includes('.')),
    Entities: evidenceEntities(evidence),
    AzureResourceId: primaryResourceId(evidence),
    CompromisedEntity: primaryDeviceName(evidence),
    ProductName: productOf(f.text('serviceSource')),
    VendorName: 'Microsoft',
    ExtendedProperties: { ...evidenceProperties(evidence), ...xdrProperties(f) },
  });
  const links: Partial<Alert> = dropUndefined({
    graphAlertId: graphId,
    tenantId: f.text('tenantId'),
    xdrIncidentId: f.text('incidentId'),
    xdrIncidentTitle: f.text('incidentDisplayName'),
  });
  return { shape: 'graph', fields, links };
}

/** XDR has no "dismissed": a false positive is resolved with classification falsePositive. */
function statusOf(f: Fields): AlertStatus | string | undefined {
  const status = known(f.text('status'));
  if (status?.toLowerCase() === 'resolved' && f.text('classification')?.toLowerCase() === 'falsepositive') return 'Dismissed';
  return status;
}

function productOf(serviceSource: string | undefined): string {
  if (!serviceSource || serviceSource.toLowerCase() === 'microsoftdefenderforcloud' || UNKNOWN.has(serviceSource.toLowerCase())) {
    return 'Microsoft Defender for Cloud';
  }
  return serviceSource;
}

/** What the Defender portal adds: the plan that detected it, and the XDR triage state, as labelled facts. */
function xdrProperties(f: Fields): Record<string, string> {
  const entries: [string, string | undefined][] = [
    ['Detection source', known(f.text('detectionSource'))],
    ['XDR classification', known(f.text('classification'))],
    ['XDR determination', known(f.text('determination'))],
    ['XDR assigned to', f.text('assignedTo')],
  ];
  return Object.fromEntries(entries.filter((e): e is [string, string] => e[1] !== undefined));
}

function known(value: string | undefined): string | undefined {
  const text = asText(value)?.trim();
  return text && !UNKNOWN.has(text.toLowerCase()) ? text : undefined;
}
