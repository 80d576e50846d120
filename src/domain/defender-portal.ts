/**
 * Links into the Microsoft Defender portal, built from ids (never copied from the alert: its
 * `alertWebUrl` / `incidentWebUrl` are data, and an alert must not choose where our buttons lead).
 * Ids that do not look like Defender's make no link.
 */
import type { Alert } from './alert';

export const DEFENDER_PORTAL = 'https://security.microsoft.com';

/** XDR incident ids are numbers. */
const INCIDENT_ID = /^\d{1,20}$/;
/** Graph alert ids: letters, digits, "_" and "-" (e.g. da637578995287051192_756343937). */
const GRAPH_ALERT_ID = /^[A-Za-z0-9_-]{1,200}$/;
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function xdrIncidentUrl(alert: Pick<Alert, 'xdrIncidentId' | 'tenantId'>): string | undefined {
  const id = alert.xdrIncidentId?.trim();
  return id && INCIDENT_ID.test(id) ? `${DEFENDER_PORTAL}/incidents/${id}${tenantQuery(alert.tenantId)}` : undefined;
}

export function xdrAlertUrl(alert: Pick<Alert, 'graphAlertId' | 'tenantId'>): string | undefined {
  const id = alert.graphAlertId?.trim();
  return id && GRAPH_ALERT_ID.test(id) ? `${DEFENDER_PORTAL}/alerts/${id}${tenantQuery(alert.tenantId)}` : undefined;
}

/** The portal opens the right tenant with ?tid= (an analyst may be signed in to several). */
function tenantQuery(tenantId: string | undefined): string {
  const tid = tenantId?.trim();
  return tid && TENANT_ID.test(tid) ? `?tid=${tid.toLowerCase()}` : '';
}
