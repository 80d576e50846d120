/**
 * Raw Defender alerts for the benchmarks: Microsoft's published ARM example (2022-01-01, from
 * test/fixtures/defender), each copy with its own system alert id, type, resource and time,
 * so the bot does the same normalize work it does for a real alert.
 */
import fs from 'node:fs';
import path from 'node:path';

const FIXTURE = path.resolve(__dirname, '../../test/fixtures/defender/rest-2022-01-01-list-subscription.json');
const SUBSCRIPTION = '20ff7fc3-e762-44dd-bd96-b71116dcdc23';
export const BENCH_SUBSCRIPTION = SUBSCRIPTION;

export interface ArmAlert {
  id: string;
  name: string;
  type: string;
  properties: Record<string, unknown> & { systemAlertId: string; alertType: string; resourceIdentifiers: Record<string, unknown>[] };
}

let template: string | undefined;

function copyOfTemplate(): ArmAlert {
  template ??= JSON.stringify(
    (JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { responses: { '200': { body: { value: ArmAlert[] } } } }).responses['200'].body.value[0],
  );
  return JSON.parse(template) as ArmAlert;
}

export interface RawAlertSpec {
  /** unique per alert */
  index: number;
  alertType: string;
  /** VM name; the resource id is built from it */
  vm: string;
  /** generated time (ISO) */
  at: string;
  /** id prefix, so runs sharing a store never collide */
  run?: string;
}

export const vmResourceId = (vm: string) => `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-bench/providers/Microsoft.Compute/virtualMachines/${vm}`;

export function benchAlertId(index: number, run = 'bench'): string {
  return `2518000000000${String(index).padStart(7, '0')}_${run}-${index}`;
}

/** One ARM-shaped alert as the Alerts API returns it. */
export function armAlert(spec: RawAlertSpec): ArmAlert {
  const a = copyOfTemplate();
  const id = benchAlertId(spec.index, spec.run);
  a.name = id;
  a.id = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-bench/providers/Microsoft.Security/locations/westeurope/alerts/${id}`;
  const p = a.properties;
  p.systemAlertId = id;
  p.alertType = spec.alertType;
  p.alertDisplayName = `${spec.alertType} on ${spec.vm}`;
  p.compromisedEntity = spec.vm;
  p.resourceIdentifiers[0] = { azureResourceId: vmResourceId(spec.vm), type: 'AzureResource' };
  Object.assign(p, { startTimeUtc: spec.at, endTimeUtc: spec.at, timeGeneratedUtc: spec.at, processingEndTimeUtc: spec.at });
  return a;
}

/** `n` alerts that no storm groups (each its own type and VM), one second apart ending now. */
export function distinctAlerts(n: number, run: string, now = Date.now()): ArmAlert[] {
  // The type names the run too: the same type on the same resource within the storm window would
  // make a later run's alerts join an earlier run's storm groups (updates and thread replies
  // instead of the posts being measured).
  const type = `VM_Bench_${run.replace(/[^A-Za-z0-9]/g, '_')}`;
  return Array.from({ length: n }, (_, i) =>
    armAlert({ index: i, run, alertType: `${type}_${i}`, vm: `vm-${i}`, at: new Date(now - (n - i) * 1000).toISOString() }),
  );
}

/**
 * Alert `i` of `n` retained in a subscription, for the poll and correlate benchmarks: 50 types on
 * one VM per 200 alerts (500 VMs for 100,000), so a VM sees about 13 alerts a day when they are
 * spread over 30 days; all at `at`, or with `spreadDays` spread evenly over that many days before it.
 */
export function retainedAlert(i: number, o: { n: number; run: string; at: string; spreadDays?: number }): ArmAlert {
  const at = o.spreadDays ? new Date(Date.parse(o.at) - Math.floor((i / o.n) * o.spreadDays * 86_400_000)).toISOString() : o.at;
  const vm = i % Math.max(10, Math.min(500, Math.round(o.n / 200)));
  const alert = armAlert({ index: i, run: o.run, alertType: `VM_${o.run}_${i % 50}`, vm: `vm-${vm}`, at });
  // Each VM's alerts name its own attacker IP (the sample's 192.0.2.1 on every alert would relate them all).
  alert.properties.entities = [{ address: `198.18.${Math.floor(vm / 250)}.${vm % 250}`, type: 'ip' }];
  // …and its own correlation key (the sample's one key on every alert would too).
  alert.properties.correlationKey = `bench-${o.run}-vm-${vm}`;
  return alert;
}
