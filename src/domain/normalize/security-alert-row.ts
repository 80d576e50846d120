/**
 * A Log Analytics / Microsoft Sentinel `SecurityAlert` row → continuous-export fields.
 *   identity   `VendorOriginalId`, the Defender alert's own id; `SystemAlertId` is Sentinel's id of
 *              the row and is kept as `sentinelAlertId` (a row without a vendor id is its own alert)
 *   severity   `AlertSeverity`; where `ResourceId`; generated `ProcessingEndTime`, because
 *              `TimeGenerated` moves whenever the parent incident changes
 *   JSON text  `Entities`, `ExtendedProperties`, `ExtendedLinks`, `RemediationSteps`, `Techniques`
 *              are JSON strings in the table; `Tactics` is comma-separated (fields.ts parses both)
 */
import type { Alert } from '../alert';
import type { AlertIds } from '../alert-merge';
import { dropUndefined, Fields, type JsonObject } from './fields';
import { looksLikeResourceId } from './resource-ids';
import type { ShapeTranslation } from './shape-translation';

/** Columns only the SecurityAlert table has (the export shape has SystemAlertId and Severity, not these). */
const ROW_COLUMNS = ['VendorOriginalId', 'AlertSeverity', 'AlertName'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isSecurityAlertRow(input: JsonObject): boolean {
  const f = new Fields(input);
  if (f.raw('properties') !== undefined) return false;
  return f.text('Type')?.trim() === 'SecurityAlert' || ROW_COLUMNS.some((c) => f.raw(c) !== undefined);
}

/**
 * The ids a SecurityAlert row knows its alert by: Defender's (`VendorOriginalId`, else the row's own
 * for an alert Sentinel raised) and the row's. Correlate reads its SecurityAlert rows with this too.
 */
export function securityAlertRowIds(row: JsonObject): AlertIds {
  const f = new Fields(row);
  const rowId = f.text('SystemAlertId')?.trim() ?? '';
  const id = f.text('VendorOriginalId')?.trim() || rowId;
  return rowId && rowId !== id ? { systemAlertId: id, sentinelAlertId: rowId } : { systemAlertId: id };
}

export function fromSecurityAlertRow(input: JsonObject): ShapeTranslation {
  const f = new Fields(input);
  const { systemAlertId, sentinelAlertId } = securityAlertRowIds(input);
  const id = systemAlertId || undefined;
  const resourceId = f.text('ResourceId');
  const workspaceId = f.text('TenantId');
  const fields = dropUndefined({
    SystemAlertId: id,
    AlertType: f.text('AlertType'),
    AlertDisplayName: f.text('AlertName', 'DisplayName'),
    Severity: f.text('AlertSeverity', 'Severity'),
    Status: f.text('Status'),
    StartTimeUtc: f.raw('StartTime'),
    EndTimeUtc: f.raw('EndTime'),
    TimeGenerated: f.raw('ProcessingEndTime') ?? f.raw('TimeGenerated'),
    Description: f.raw('Description'),
    RemediationSteps: f.raw('RemediationSteps'),
    Intent: f.raw('Tactics'),
    Techniques: f.raw('Techniques'),
    SubTechniques: f.raw('SubTechniques'),
    Entities: f.raw('Entities'),
    ExtendedProperties: f.raw('ExtendedProperties'),
    ExtendedLinks: f.raw('ExtendedLinks'),
    AzureResourceId: looksLikeResourceId(resourceId?.trim()) ? resourceId?.trim() : undefined,
    AlertUri: f.raw('AlertLink'),
    CompromisedEntity: f.raw('CompromisedEntity'),
    IsIncident: f.raw('IsIncident'),
    ProductName: f.raw('ProductName'),
    VendorName: f.raw('VendorName'),
    // In a Log Analytics row, TenantId is the workspace's id.
    WorkspaceId: workspaceId && GUID.test(workspaceId.trim()) ? workspaceId.trim() : undefined,
    WorkspaceSubscriptionId: f.raw('WorkspaceSubscriptionId'),
    WorkspaceResourceGroup: f.raw('WorkspaceResourceGroup'),
    AgentId: f.raw('SourceComputerId'),
  });
  const links: Partial<Alert> = sentinelAlertId ? { sentinelAlertId } : {};
  return { shape: 'security-alert', fields, links };
}
