/**
 * Raw Graph alerts_v2 alerts for poller, write-back and replica tests, made from the flagship's
 * Graph fixture (test/fixtures/graph): alert number `i` has its own Defender id (the same ids as
 * test/adapters/ingest/raw-alerts.ts's ARM alerts), Graph id, alert type and times.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { alertIdOf } from '../adapters/ingest/raw-alerts';

const FIXTURE = path.resolve(__dirname, '../fixtures/graph/flagship-2-suspicious-powershell.graph.json');
let template: string | undefined;

export const TENANT = '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0';
export const graphIdOf = (i: number) => `dc${alertIdOf(i)}`;

export interface GraphAlertOptions {
  status?: 'new' | 'inProgress' | 'resolved';
  severity?: string;
  incidentId?: string;
  serviceSource?: string;
  /** ISO time; default 2026-11-27T02:00:00Z + i seconds */
  lastUpdate?: string;
}

export function graphAlert(i: number, o: GraphAlertOptions = {}): Record<string, unknown> & { id: string; lastUpdateDateTime: string } {
  template ??= readFileSync(FIXTURE, 'utf8');
  const a = JSON.parse(template) as Record<string, unknown>;
  const t = new Date(Date.parse('2026-11-27T02:00:00Z') + i * 1000).toISOString();
  return {
    ...a,
    id: graphIdOf(i),
    providerAlertId: alertIdOf(i),
    detectorId: `VM_Test_${i}`,
    status: o.status ?? 'new',
    severity: o.severity ?? 'medium',
    incidentId: o.incidentId ?? String(5000 + i),
    serviceSource: o.serviceSource ?? 'microsoftDefenderForCloud',
    tenantId: TENANT,
    createdDateTime: t,
    firstActivityDateTime: t,
    lastActivityDateTime: t,
    lastUpdateDateTime: o.lastUpdate ?? t,
  } as Record<string, unknown> & { id: string; lastUpdateDateTime: string };
}
