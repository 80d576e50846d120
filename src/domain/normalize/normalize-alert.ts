/**
 * One Defender alert in any shape → Alert.
 *   arm:    ARM REST 2021-11-01 / 2022-01-01: { id, name, type, properties: { camelCase… } }
 *   sdk:    @azure/arm-security: the same fields flattened, Date objects for times
 *   export: continuous export / workflow automation: PascalCase, Status "New", ReportedSeverity,
 *           Entities with $id/$ref, workspace fields at the top level
 *   graph, security-alert: Microsoft Graph alerts_v2 and Sentinel SecurityAlert rows, translated
 *           into export fields first (graph-alert.ts, security-alert-row.ts)
 * Fields are read case-insensitively, so one reader serves all of them. Only a missing identity
 * rejects an input; any other missing or malformed field is defaulted or coerced, and one that was
 * there but could not be read is listed in `unusable` (shown on the card). A time that is missing
 * or unreadable is left empty here: normalizeAlerts makes the alert "time unknown" (time-unknown.ts).
 */
import type { Alert, AlertShape, CloudApplicationEntity, HostEntity, ProcessEntity, UnusableField, WhatEntity, WhereEntity } from '../alert';
import { InvalidAlertError } from '../errors';
import { classifyResourceKind } from '../resource-kind';
import { accessKindOf, classifyAccounts } from './account-kinds';
import { linksOf, locateAlert, machineNamesOf, webUrl, type AlertLocation } from './alert-location';
import { groupEntities, toAzureResource } from './entities';
import { asText, cut, dropUndefined, Fields, isObject, textList, type JsonObject } from './fields';
import { fromGraphAlert, isGraphAlert } from './graph-alert';
import { fromSecurityAlertRow, isSecurityAlertRow } from './security-alert-row';
import { readSeverity, readStatus, UNKNOWN_SEVERITY, UNKNOWN_STATUS } from './severity-status';
import { toIsoUtc } from './times';

/** Keys only the PascalCase export shape spells this way. */
const EXPORT_KEYS = ['SystemAlertId', 'AlertDisplayName', 'AlertType', 'ReportedSeverity', 'TimeGenerated'];

export function normalizeOne(input: unknown): Alert {
  if (!isObject(input)) {
    throw new InvalidAlertError(`not a Defender alert: expected a JSON object, got ${describe(input)}`);
  }
  const translated = isGraphAlert(input) ? fromGraphAlert(input) : isSecurityAlertRow(input) ? fromSecurityAlertRow(input) : undefined;
  if (!translated) return normalizeDefenderShape(input);
  return { ...normalizeDefenderShape(translated.fields), ...translated.links, shape: translated.shape };
}

function normalizeDefenderShape(input: JsonObject): Alert {
  const properties = isObject(input.properties) ? input.properties : undefined;
  const f = new Fields(properties, input);
  const systemAlertId = identityOf(f, properties !== undefined);
  const unusable: UnusableField[] = [];
  const times = timesOf(f, unusable);
  const compromisedEntity = f.text('compromisedEntity');
  const alertLocation = locateAlert(f, []);
  const grouped = groupEntities(f.raw('entities'), machineNamesOf(alertLocation, compromisedEntity));
  const { where, what } = grouped;
  // Without a resource identifier, the host entity's azureID is the affected resource.
  const location = alertLocation.resourceId ? alertLocation : locateAlert(f, hostResourceIds(where));
  const alertType = f.text('alertType') ?? 'unknown';
  const extendedProperties = extendedPropertiesOf(f);
  const resourceKind = classifyResourceKind({ alertType, resourceId: location.resourceId, entityTypes: grouped.entityTypes, os: hostOs(where) });
  const cloudApps = what.filter((e): e is CloudApplicationEntity => e.kind === 'cloud-application');
  const who = classifyAccounts(grouped.who, grouped.accountHints, { resourceKind, cloudApps, extended: extendedProperties });
  return dropUndefined({
    systemAlertId,
    armId: location.armId,
    location: location.location,
    alertType,
    displayName: f.text('alertDisplayName', 'displayName') ?? alertType,
    severity: readOrNote(f, ['severity', 'reportedSeverity'], readSeverity, UNKNOWN_SEVERITY, unusable),
    status: readOrNote(f, ['status'], readStatus, UNKNOWN_STATUS, unusable),
    ...times,
    lastModifiedTime: firstTime(f, ['lastModifiedTimeUtc', 'lastModifiedDateTime', 'lastUpdateDateTime'], unusable),
    description: f.text('description') ?? '',
    tactics: textList(f.raw('intent', 'tactics'), /,/).filter((t) => t.toLowerCase() !== 'unknown'),
    techniques: textList(f.raw('techniques'), /,/),
    subTechniques: textList(f.raw('subTechniques'), /,/),
    remediationSteps: textList(f.raw('remediationSteps')),
    extendedProperties,
    portalUrl: webUrl(f.text('alertUri', 'alertLink')),
    links: linksOf(f),
    subscriptionId: location.subscriptionId,
    resourceGroup: location.resourceGroup,
    resourceId: location.resourceId,
    resourceName: location.resourceName ?? compromisedEntity,
    workspace: location.workspace,
    tenantId: location.tenantId,
    compromisedEntity,
    correlationKey: f.text('correlationKey'),
    isIncident: f.bool('isIncident'),
    productName: f.text('productName'),
    vendorName: f.text('vendorName'),
    who,
    where: withAffectedResource(where, location),
    what: withExtendedCommandLine(what, extendedProperties),
    hasEntraIdentity: who.some((a) => a.isEntra),
    shape: shapeOf(input, properties !== undefined),
    unusable: unusable.length ? unusable : undefined,
    resourceKind,
    accessKind: accessKindOf(alertType, extendedProperties),
  });
}

function hostOs(where: WhereEntity[]): string | undefined {
  const host = where.find((w): w is HostEntity => w.kind === 'host');
  return host ? [host.osFamily, host.osVersion].filter(Boolean).join(' ') : undefined;
}

export const MAX_ALERT_ID = 256;

/** SystemAlertId; for the ARM envelope its `name` (the last segment of the alert's ARM id). */
function identityOf(f: Fields, hasArmEnvelope: boolean): string {
  const scalar = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '');
  const isArmAlert = hasArmEnvelope || /alerts$/i.test(scalar(f.raw('type')));
  const id = scalar(f.raw('systemAlertId')) || (isArmAlert ? scalar(f.raw('name')) : '');
  if (!id) throw new InvalidAlertError('not a Defender alert: no systemAlertId/SystemAlertId/name found');
  // Every button on the card carries the id: an unbounded one would break the card's size limits.
  if (id.length > MAX_ALERT_ID) {
    throw new InvalidAlertError(`not a Defender alert id: ${id.length} characters (Defender's are under 100; at most ${MAX_ALERT_ID} accepted)`);
  }
  return id;
}

/** Start, end and generated time as the alert gives them; '' for one it does not (see time-unknown.ts). */
function timesOf(f: Fields, unusable: UnusableField[]): Pick<Alert, 'startTime' | 'endTime' | 'generatedTime'> {
  const generated = firstTime(f, ['timeGeneratedUtc', 'timeGenerated', 'processingEndTimeUtc', 'processingEndTime'], unusable);
  const start = firstTime(f, ['startTimeUtc', 'startTime'], unusable) ?? generated;
  const end = firstTime(f, ['endTimeUtc', 'endTime'], unusable) ?? start;
  return { startTime: start ?? '', endTime: end ?? '', generatedTime: generated ?? start ?? '' };
}

/** The first of `names` that holds a usable time; one present but unreadable is noted as unusable. */
function firstTime(f: Fields, names: string[], unusable: UnusableField[]): string | undefined {
  for (const name of names) {
    const raw = f.raw(name);
    if (raw === undefined) continue;
    const time = toIsoUtc(raw);
    if (time) return time;
    note(unusable, name, raw, 'not a time: ignored');
  }
  return undefined;
}

/** A severity or status read from the first of `names` present; one that names none is noted and defaulted. */
function readOrNote<T extends string>(f: Fields, names: string[], read: (text: string | undefined) => T | undefined, fallback: T, unusable: UnusableField[]): T {
  const name = names.find((n) => f.text(n) !== undefined);
  if (name === undefined) return fallback;
  const text = f.text(name);
  const value = read(text);
  if (value !== undefined) return value;
  note(unusable, name, text, `shown as ${fallback}`);
  return fallback;
}

function note(unusable: UnusableField[], field: string, raw: unknown, instead: string): void {
  unusable.push({ field, value: cut(asText(raw) ?? '', UNUSABLE_VALUE_MAX), instead });
}

/** Enough of an unusable value to recognise it. */
const UNUSABLE_VALUE_MAX = 80;

function extendedPropertiesOf(f: Fields): Record<string, string> {
  const raw: JsonObject = f.object('extendedProperties') ?? {};
  // fromEntries defines keys as data, so a "__proto__" key stays a key instead of a prototype.
  return Object.fromEntries(Object.entries(raw).flatMap(([key, value]) => {
    const text = asText(value);
    return text === undefined ? [] : [[key, text]];
  }));
}

function hostResourceIds(where: WhereEntity[]): string[] {
  return where.flatMap((w) => (w.kind === 'host' && w.azureResourceId ? [w.azureResourceId] : []));
}

/** The affected resource belongs under "where" unless a host or resource entity already names it. */
function withAffectedResource(where: WhereEntity[], location: AlertLocation): WhereEntity[] {
  const id = location.resourceId?.toLowerCase();
  if (!id) return where;
  const named = where.some((w) => (w.kind === 'host' ? w.azureResourceId : w.kind === 'kubernetes' ? undefined : w.resourceId)?.toLowerCase() === id);
  return named ? where : [...where, toAzureResource(location.resourceId ?? '')];
}

/**
 * Many Defender alerts name the command line only in their extended properties ("Command line",
 * "Suspicious Command Line"): make it a process then, so the card shows it and Analyze can read it.
 */
function withExtendedCommandLine(what: WhatEntity[], extended: Record<string, string>): WhatEntity[] {
  if (what.some((e) => e.kind === 'process' && e.commandLine)) return what;
  const keyOf = (name: string) => Object.keys(extended).find((k) => k.replace(/[\s_-]+/g, '').toLowerCase() === name);
  const commandKey = ['commandline', 'suspiciouscommandline', 'processcommandline'].map(keyOf).find((k) => k !== undefined);
  const commandLine = commandKey ? extended[commandKey] : undefined;
  if (!commandLine?.trim()) return what;
  const imageKey = ['processname', 'processpath', 'suspiciousprocess'].map(keyOf).find((k) => k !== undefined);
  const process: ProcessEntity = { kind: 'process', commandLine };
  const imageFile = imageKey ? extended[imageKey] : undefined;
  return [...what, imageFile ? { ...process, imageFile } : process];
}

function shapeOf(input: JsonObject, hasArmEnvelope: boolean): AlertShape {
  if (hasArmEnvelope) return 'arm';
  return EXPORT_KEYS.some((key) => key in input) ? 'export' : 'sdk';
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}
