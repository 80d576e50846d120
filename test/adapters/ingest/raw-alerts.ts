/**
 * Raw Defender alerts for ingest tests, made from Microsoft's published ARM example
 * (test/fixtures/defender): the same shape, each with its own system alert id.
 */
import fs from 'node:fs';
import path from 'node:path';

const FIXTURE = path.resolve(__dirname, '../../fixtures/defender/rest-2022-01-01-list-subscription.json');

interface ArmAlert {
  id: string;
  name: string;
  properties: Record<string, unknown> & { systemAlertId: string; status: string; alertType: string };
}

let template: ArmAlert | undefined;

function base(): ArmAlert {
  template ??= (JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { responses: { '200': { body: { value: ArmAlert[] } } } })
    .responses['200'].body.value[0];
  return JSON.parse(JSON.stringify(template)) as ArmAlert;
}

export const alertIdOf = (i: number) => `2518000000000${String(i).padStart(6, '0')}_ingest-${i}`;

/** ARM REST shape (properties nested), alert number `i`; its own alert type, so no storm groups them. */
export function armAlert(i: number, over: { status?: string; alertType?: string; subscriptionId?: string } = {}): ArmAlert {
  const a = base();
  const id = alertIdOf(i);
  const sub = over.subscriptionId ?? '20ff7fc3-e762-44dd-bd96-b71116dcdc23';
  a.name = id;
  a.id = `/subscriptions/${sub}/resourceGroups/myRg1/providers/Microsoft.Security/locations/westeurope/alerts/${id}`;
  a.properties.systemAlertId = id;
  a.properties.alertType = over.alertType ?? `VM_Test_${i}`;
  a.properties.status = over.status ?? 'Active';
  const t = new Date(Date.parse('2026-11-27T02:00:00Z') + i * 1000).toISOString();
  Object.assign(a.properties, { startTimeUtc: t, endTimeUtc: t, timeGeneratedUtc: t, processingEndTimeUtc: t });
  return a;
}
