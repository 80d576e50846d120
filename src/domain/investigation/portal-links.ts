/**
 * Links the bot makes out of data (a Sentinel incident's IncidentUrl) lead only to Microsoft's
 * portals: https, a known Microsoft portal host, no credentials or port, rebuilt from its parts
 * (path and fragment only), never passed on as the data had it.
 */
const MICROSOFT_PORTAL_HOSTS = new Set(['portal.azure.com', 'security.microsoft.com', 'portal.azure.us', 'portal.azure.cn', 'ms.portal.azure.com']);

export function microsoftPortalLink(value: string): string | undefined {
  if (value.length > 2000) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port || !MICROSOFT_PORTAL_HOSTS.has(url.hostname.toLowerCase())) return undefined;
  return `https://${url.hostname.toLowerCase()}${url.pathname}${url.hash}`;
}
