/**
 * The customers one bot triages for (a managed security provider's, through Azure Lighthouse):
 * CUSTOMERS, a JSON object of name → tenant, subscriptions, channels, roster, shifts and workspace
 * allowlist. Each alert belongs to the customer whose subscription it is in, else whose tenant.
 *
 *   {"Contoso": {"tenantId": "<guid>", "subscriptions": ["<guid>"], "alertChannel": "slack:C0123",
 *                "handoffChannel": "slack:C0456", "analysts": ["U01"], "leads": ["U02"],
 *                "shifts": "Europe/Berlin 07:00,15:00,23:00", "workspaces": ["<guid>"] | "*", "quorum": 2}}
 *
 * Shaped for per-customer routing and authorization (`customerAccessPolicy`): a customer's roster
 * and channels are the access policy's, for that customer's alerts.
 */
import type { AccessPolicy } from './access-policy';
import type { Alert } from './alert';
import { parseShifts, type ShiftSchedule } from './handoff/shifts';
import type { Platform } from './intent';
import { workspaceIdOf, type WorkspaceAllowlist, type WorkspaceId } from './investigation/workspace-choice';
import type { Route } from './routing';
import type { Roster } from './votes/roster';

export interface Customer {
  name: string;
  /** Entra tenant id, lower-case. */
  tenantId: string;
  /** Subscription ids, lower-case. */
  subscriptions: readonly string[];
  alertRoutes: readonly Route[];
  handoffRoutes: readonly Route[];
  roster: Roster;
  shifts?: ShiftSchedule;
  /** Agreeing votes that decide one of its alerts; absent: VOTE_QUORUM. */
  quorum?: number;
  /** Where this customer's alerts may be investigated; absent: the bot's own LOG_ANALYTICS_WORKSPACES. */
  workspaces?: WorkspaceAllowlist;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PLATFORMS: readonly Platform[] = ['slack', 'teams', 'web'];
const FIELDS = new Set(['tenantId', 'subscriptions', 'alertChannel', 'handoffChannel', 'analysts', 'leads', 'shifts', 'workspaces', 'quorum']);
export const MAX_CUSTOMERS = 500;

export type CustomersParse = { customers: Customer[]; problems: string[] };

/** Every problem at once, each naming the customer and the field ("Contoso.tenantId: …"). */
export function parseCustomers(json: string | undefined): CustomersParse {
  if (json === undefined || json.trim() === '') return { customers: [], problems: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (err) {
    return { customers: [], problems: [`not JSON: ${(err as Error).message.slice(0, 120)}`] };
  }
  if (!isObject(parsed)) return { customers: [], problems: ['must be a JSON object of customer name → settings, e.g. {"Contoso": {"tenantId": "…", …}}'] };
  const entries = Object.entries(parsed);
  if (entries.length > MAX_CUSTOMERS) return { customers: [], problems: [`at most ${MAX_CUSTOMERS} customers (got ${entries.length})`] };
  const problems: string[] = [];
  const customers = entries.flatMap(([name, raw]) => {
    const c = parseCustomer(name.trim(), raw, (field, message) => problems.push(`${name.slice(0, 60)}${field ? `.${field}` : ''}: ${message}`));
    return c ? [c] : [];
  });
  problems.push(...overlaps(customers));
  return { customers: problems.length ? [] : customers, problems };
}

type Report = (field: string | undefined, message: string) => void;

function parseCustomer(name: string, raw: unknown, report: Report): Customer | undefined {
  if (!name) return void report(undefined, 'a customer needs a name');
  if (!isObject(raw)) return void report(undefined, 'must be an object with tenantId, subscriptions, alertChannel, …');
  for (const key of Object.keys(raw)) if (!FIELDS.has(key)) report(key, `unknown field (known: ${[...FIELDS].join(', ')})`);
  const tenantId = guid(raw.tenantId, 'tenantId', report);
  if (!Array.isArray(raw.subscriptions) || !raw.subscriptions.length) report('subscriptions', 'must be a non-empty list of subscription ids');
  const subscriptions = (Array.isArray(raw.subscriptions) ? raw.subscriptions : []).flatMap((s) => guid(s, 'subscriptions', report) ?? []);
  const alertRoutes = routes(raw.alertChannel, 'alertChannel', report, true);
  const handoffRoutes = raw.handoffChannel === undefined ? alertRoutes : routes(raw.handoffChannel, 'handoffChannel', report, true);
  const roster = { analysts: ids(raw.analysts, 'analysts', report), leads: ids(raw.leads, 'leads', report) };
  const shifts = shiftsOf(raw.shifts, report);
  const workspaces = allowlistOf(raw.workspaces, report);
  const quorum = quorumOf(raw.quorum, report);
  if (!tenantId) return undefined;
  return {
    name,
    tenantId,
    subscriptions,
    alertRoutes,
    handoffRoutes,
    roster,
    ...(shifts ? { shifts } : {}),
    ...(workspaces ? { workspaces } : {}),
    ...(quorum ? { quorum } : {}),
  };
}

/** A subscription or tenant claimed by two customers would make an alert's customer a coin toss. */
function overlaps(customers: Customer[]): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  for (const c of customers)
    for (const sub of c.subscriptions) {
      const other = owner.get(sub);
      if (other && other !== c.name) problems.push(`${c.name}.subscriptions: ${sub} is also ${other}'s`);
      owner.set(sub, c.name);
    }
  return problems;
}

/** The customer of the alert's subscription; else of its tenant (a tenant with one customer). */
export function customerOf(alert: Pick<Alert, 'subscriptionId' | 'tenantId'>, customers: readonly Customer[]): Customer | undefined {
  const sub = alert.subscriptionId?.toLowerCase();
  const bySubscription = sub ? customers.find((c) => c.subscriptions.includes(sub)) : undefined;
  if (bySubscription) return bySubscription;
  const tenant = alert.tenantId?.toLowerCase();
  const byTenant = tenant ? customers.filter((c) => c.tenantId === tenant) : [];
  return byTenant.length === 1 ? byTenant[0] : undefined;
}

/** The access policy for one customer's alerts: its roster, its channels; the organisation checks as the bot's. */
export function customerAccessPolicy(customer: Customer, base: Omit<AccessPolicy, 'roster' | 'channels'>): AccessPolicy {
  return { ...base, roster: customer.roster, channels: [...customer.alertRoutes, ...customer.handoffRoutes] };
}

function guid(v: unknown, field: string, report: Report): string | undefined {
  if (typeof v === 'string' && GUID.test(v.trim())) return v.trim().toLowerCase();
  report(field, `"${String(v).slice(0, 40)}" is not an id (a GUID)`);
  return undefined;
}

/** "slack:C0123", or a list of them. */
function routes(v: unknown, field: string, report: Report, required: boolean): Route[] {
  if (v === undefined && !required) return [];
  const list = Array.isArray(v) ? v : [v];
  const out: Route[] = [];
  for (const entry of list) {
    const text = typeof entry === 'string' ? entry.trim() : '';
    const colon = text.indexOf(':');
    const platform = text.slice(0, colon) as Platform;
    const channelId = text.slice(colon + 1).trim();
    if (colon < 1 || !channelId || !PLATFORMS.includes(platform)) report(field, `"${String(entry).slice(0, 60)}" must be platform:channel, e.g. "slack:C0123456789" or "teams:19:abc@thread.tacv2"`);
    else out.push({ platform, channelId });
  }
  return out;
}

function ids(v: unknown, field: string, report: Report): string[] {
  if (v === undefined) return [];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '')) return v.map((x: string) => x.trim());
  report(field, 'must be a list of user ids (as TRIAGE_ANALYSTS)');
  return [];
}

function shiftsOf(v: unknown, report: Report): ShiftSchedule | undefined {
  if (v === undefined) return undefined;
  const parsed = typeof v === 'string' ? parseShifts(v) : undefined;
  if (parsed?.ok) return parsed.schedule;
  report('shifts', parsed && !parsed.ok ? parsed.reason : 'must be "<IANA time zone> HH:MM,…" (as SHIFTS)');
  return undefined;
}

function allowlistOf(v: unknown, report: Report): WorkspaceAllowlist | undefined {
  if (v === undefined) return undefined;
  if (v === '*') return { kind: 'any' };
  if (!Array.isArray(v)) return void report('workspaces', 'must be "*" or a list of workspace ids');
  const list: WorkspaceId[] = [];
  for (const entry of v) {
    const id = workspaceIdOf(typeof entry === 'string' ? entry : undefined);
    if (id) list.push(id);
    else report('workspaces', `"${String(entry).slice(0, 40)}" is not a workspace id (a GUID)`);
  }
  return { kind: 'listed', ids: list };
}

function quorumOf(v: unknown, report: Report): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 50) return v;
  report('quorum', 'must be a whole number from 1 to 50 (as VOTE_QUORUM)');
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
