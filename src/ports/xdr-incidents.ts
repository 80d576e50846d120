/** Defender XDR incidents (the Defender portal's grouping of alerts), as Correlate needs them. */
import type { Alert } from '../domain/alert';

export interface XdrIncident {
  id: string;
  title?: string;
  status?: string;
  severity?: string;
  /** Every alert of the incident, normalized (the one asked about included). */
  alerts: Alert[];
}

export interface XdrIncidents {
  /** The incident with its alerts; undefined when the portal does not know it. */
  incident(incidentId: string): Promise<XdrIncident | undefined>;
}
