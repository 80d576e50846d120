/**
 * XdrIncidents over Graph: GET /security/incidents/{id}?$expand=alerts (permission
 * SecurityIncident.Read.All). An alert of the incident that cannot be read is left out, not fatal.
 */
import type { Alert } from '../../domain/alert';
import { normalizeAlert } from '../../domain/normalize';
import type { XdrIncident, XdrIncidents } from '../../ports/xdr-incidents';
import { GraphRequestError, type GraphSecurityClient } from './graph-security-client';

export class GraphXdrIncidents implements XdrIncidents {
  constructor(private readonly client: Pick<GraphSecurityClient, 'getIncident'>) {}

  async incident(incidentId: string): Promise<XdrIncident | undefined> {
    let raw: { displayName?: unknown; status?: unknown; severity?: unknown; alerts?: unknown };
    try {
      raw = ((await this.client.getIncident(incidentId, true)) ?? {}) as typeof raw;
    } catch (err) {
      if (err instanceof GraphRequestError && err.status === 404) return undefined;
      throw err;
    }
    const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
    const alerts = (Array.isArray(raw.alerts) ? raw.alerts : []).flatMap((a): Alert[] => {
      try {
        return [normalizeAlert(a)];
      } catch {
        return [];
      }
    });
    return { id: incidentId, title: text(raw.displayName), status: text(raw.status), severity: text(raw.severity), alerts };
  }
}
