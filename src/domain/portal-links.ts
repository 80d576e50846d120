/**
 * Links we vouch for. Our own buttons ("Open in Defender portal", "Open resource in Azure portal")
 * lead only to Microsoft's portal of the configured cloud, and are built from ids the alert carries
 * (subscription, resource group, alert name, location, resource id), each checked against its
 * shape, never copied from the alert's own `alertUri`. Links the alert brings (`extendedLinks`, an
 * `alertUri` elsewhere) are the alert's: shown with their host (as the URL parser writes it, so an
 * internationalised look-alike shows as its punycode xn--…), never with a label of their choosing.
 */
import type { Alert } from './alert';

/** The Azure portals of the public and sovereign clouds (Azure Government, Azure China). */
export const AZURE_PORTALS = ['https://portal.azure.com', 'https://portal.azure.us', 'https://portal.azure.cn'] as const;
export const DEFAULT_AZURE_PORTAL = AZURE_PORTALS[0];

/** Hosts of Microsoft's security portals: an alert link there is still the alert's, but on a portal host. */
const MICROSOFT_PORTAL_HOSTS = new Set(['portal.azure.com', 'portal.azure.us', 'portal.azure.cn', 'security.microsoft.com', 'security.microsoft.us', 'security.apps.mil']);

const PORTAL_OF_ARM_HOST: Record<string, string> = {
  'management.azure.com': 'https://portal.azure.com',
  'management.usgovcloudapi.net': 'https://portal.azure.us',
  'management.chinacloudapi.cn': 'https://portal.azure.cn',
};

/** The portal of the cloud an ARM endpoint belongs to; an unknown endpoint (a test server) gets the public portal. */
export function portalForArmEndpoint(armEndpoint: string | undefined): string {
  if (!armEndpoint) return DEFAULT_AZURE_PORTAL;
  try {
    return PORTAL_OF_ARM_HOST[new URL(armEndpoint).hostname.toLowerCase()] ?? DEFAULT_AZURE_PORTAL;
  } catch {
    return DEFAULT_AZURE_PORTAL;
  }
}

/** Only a known Azure portal: anything else falls back to the public one. */
export function knownPortal(portal: string | undefined): string {
  const base = (portal ?? '').replace(/\/+$/, '').toLowerCase();
  return (AZURE_PORTALS as readonly string[]).includes(base) ? base : DEFAULT_AZURE_PORTAL;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RESOURCE_GROUP = /^[-\w.()]{1,90}$/;
const ALERT_NAME = /^[\w-]{1,200}$/;
const REGION = /^[a-z0-9]{2,40}$/i;

export interface PortalLink {
  title: string;
  url: string;
}

/** Defender for Cloud's own alert page, from the alert's name, subscription, resource group and location. */
export function defenderAlertUrl(alert: Alert, portal: string): string | undefined {
  const name = alertName(alert);
  const { subscriptionId, resourceGroup, location } = alert;
  if (!name || !subscriptionId || !GUID.test(subscriptionId) || !resourceGroup || !RESOURCE_GROUP.test(resourceGroup) || !location || !REGION.test(location)) return undefined;
  const path = ['alertId', name, 'subscriptionId', subscriptionId, 'resourceGroup', resourceGroup, 'referencedFrom', 'alertDeepLink', 'location', location];
  return `${knownPortal(portal)}/#blade/Microsoft_Azure_Security/AlertBlade/${path.map(encodeURIComponent).join('/')}`;
}

/** The Azure portal page of an ARM resource id (only well-formed ids make a link). */
export function resourceUrl(resourceId: string | undefined, portal: string): string | undefined {
  if (!resourceId || resourceId.length > 1000 || !/^\/subscriptions\/[0-9a-f-]{36}(\/[^/\s?#]+)+$/i.test(resourceId)) return undefined;
  const path = resourceId.split('/').map(encodeURIComponent).join('/');
  return `${knownPortal(portal)}/#@/resource${path}`;
}

/** The alert's ARM name (the last segment of its ARM id), else a SystemAlertId in Defender's `<ticks>_<guid>` form. */
function alertName(alert: Alert): string | undefined {
  const fromArm = alert.armId ? /\/alerts\/([^/?#]+)$/i.exec(alert.armId)?.[1] : undefined;
  const name = fromArm ?? alert.systemAlertId;
  return ALERT_NAME.test(name) ? name : undefined;
}

export interface AlertOwnLink {
  host: string;
  url: string;
}

/**
 * The links the alert brings, https only, each with the host it really leads to. The alert's
 * `alertUri` is left out when our own Defender button stands for it (same portal page family).
 */
export function alertOwnLinks(alert: Alert, ownDefenderLink: boolean): AlertOwnLink[] {
  const hrefs = alert.links.map((l) => l.href);
  if (alert.portalUrl && !(ownDefenderLink && isMicrosoftPortal(alert.portalUrl))) hrefs.unshift(alert.portalUrl);
  const out: AlertOwnLink[] = [];
  for (const href of hrefs) {
    const url = httpsUrl(href);
    if (url && !out.some((l) => l.url === url.href)) out.push({ host: url.hostname, url: url.href });
  }
  return out;
}

function isMicrosoftPortal(href: string): boolean {
  const url = httpsUrl(href);
  return Boolean(url && MICROSOFT_PORTAL_HOSTS.has(url.hostname));
}

function httpsUrl(href: string): URL | undefined {
  const text = href.trim();
  if (!/^https:\/\//i.test(text) || text.length > 2000) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname && !url.username && !url.password ? url : undefined;
  } catch {
    return undefined;
  }
}
