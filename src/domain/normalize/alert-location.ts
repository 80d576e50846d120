/**
 * Where an alert lives in Azure: its ARM id and location, the affected resource, subscription,
 * resource group and Log Analytics workspace, and its links. REST/SDK carry these in
 * `resourceIdentifiers`; continuous export repeats them as top-level fields (AzureResourceId,
 * WorkspaceId, …); the host entity's azureID is the last resort.
 */
import type { AlertLink, WorkspaceRef } from '../alert';
import { dropUndefined, Fields, isObject, unique } from './fields';
import { looksLikeResourceId, parseResourceId } from './resource-ids';

export interface AlertLocation {
  armId?: string;
  location?: string;
  subscriptionId?: string;
  resourceGroup?: string;
  resourceId?: string;
  resourceName?: string;
  workspace?: WorkspaceRef;
  /** The Entra tenant named by an AAD resource identifier (`{"type": "AAD", "aadTenantId": …}`). */
  tenantId?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AZURE_REGION = /^[a-z0-9]{2,40}$/i;
/** Resource types whose name is the machine's name (compared with account NT domains). */
const MACHINE_RESOURCE = /\/providers\/microsoft\.(compute\/virtualmachines|hybridcompute\/machines)\//i;

export function locateAlert(f: Fields, hostResourceIds: string[]): AlertLocation {
  const identifiers = f.list('resourceIdentifiers').filter(isObject).map((i) => new Fields(i));
  const ofType = (type: string) => identifiers.find((i) => (i.text('type') ?? '').toLowerCase() === type);
  const armId = [f.text('id')].find((id) => looksLikeResourceId(id) && /\/alerts\//i.test(id));
  const resourceId = [ofType('azureresource')?.text('azureResourceId'), f.text('azureResourceId'), ...hostResourceIds].find(
    looksLikeResourceId,
  );
  const resource = parseResourceId(resourceId);
  const alert = parseResourceId(armId);
  const workspace = workspaceOf(ofType('loganalytics') ?? f);
  return {
    armId,
    location: [alert.location, portalLocation(f.text('alertUri', 'alertLink'))].find((l) => l && AZURE_REGION.test(l)),
    subscriptionId: resource.subscriptionId ?? f.text('azureResourceSubscriptionId') ?? alert.subscriptionId ?? workspace?.subscriptionId,
    resourceGroup: resource.resourceGroup ?? alert.resourceGroup,
    resourceId,
    resourceName: resource.resourceName,
    workspace,
    tenantId: identifiers.map((i) => i.text('aadTenantId')).find((t) => t !== undefined && GUID.test(t))?.toLowerCase(),
  };
}

/** The affected machine's names for account locality: a VM's resource name is its computer name. */
export function machineNamesOf(location: AlertLocation, compromisedEntity: string | undefined): string[] {
  const names = [compromisedEntity ?? ''];
  if (location.resourceId && MACHINE_RESOURCE.test(location.resourceId)) names.push(location.resourceName ?? '');
  return unique(names.filter((n) => n !== ''));
}

function workspaceOf(f: Fields): WorkspaceRef | undefined {
  const workspaceId = f.text('workspaceId');
  if (!workspaceId) return undefined;
  return dropUndefined({
    workspaceId,
    subscriptionId: f.text('workspaceSubscriptionId'),
    resourceGroup: f.text('workspaceResourceGroup'),
    agentId: f.text('agentId'),
  });
}

/** Defender's portal deep link ends in …/location/<region>: exports have no ARM id, but this. */
function portalLocation(alertUri: string | undefined): string | undefined {
  return alertUri ? /\/location\/([^/?#]+)/i.exec(alertUri)?.[1] : undefined;
}

/** Only http(s) links survive: a `javascript:` href in alert data must never become a link. */
export function webUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  return /^https?:\/\/[^\s]+$/i.test(trimmed) ? trimmed : undefined;
}

export function linksOf(f: Fields): AlertLink[] {
  return f.list('extendedLinks').flatMap((raw) => {
    if (!isObject(raw)) return [];
    const link = new Fields(raw);
    const href = webUrl(link.text('href', 'url'));
    return href ? [{ label: link.text('label', 'category') ?? href, href }] : [];
  });
}
