/**
 * One bot, several customers (CUSTOMERS): the settings a request or an alert is handled with are
 * its customer's — the customer's roster beside the SOC-wide one, its quorum, shifts and handoff
 * channels, its channels as the triage channels (beside the SOC-wide ones), and a scope that keeps
 * /triage and the handoff to its alerts. The use cases read `deps.settings` as ever and need no
 * change. Without CUSTOMERS every function here returns `deps` as it is.
 *
 * authorize.ts decides a request's customer (the alert's, else the channel's, else the customers
 * the asker may see); the card and the outbox use `depsForAlert`.
 */
import { customerNamed, customerOfAlert, customerOfChannel, customerRoster, customerTag, visibleCustomers } from '../domain/customer-access';
import type { Customer } from '../domain/customers';
import type { Alert } from '../domain/alert';
import type { IntentRequest } from '../domain/intent';
import type { Route } from '../domain/routing';
import type { AppDeps, AppSettings } from './deps';

export function customersOf(deps: Pick<AppDeps, 'settings'>): readonly Customer[] {
  return deps.settings.customers ?? [];
}

/** The SOC-wide roster (TRIAGE_ANALYSTS, TRIAGE_LEADS): whatever a customer adds, this stays. */
export function socRoster(settings: AppSettings) {
  return { analysts: settings.analysts, leads: settings.leads };
}

/** The deps for one customer's alerts. */
export function customerDeps(deps: AppDeps, customer: Customer): AppDeps {
  const s = deps.settings;
  const roster = customerRoster(customer, socRoster(s));
  const channels = dedupe([...customer.alertRoutes, ...customer.handoffRoutes, ...(s.access?.channels ?? [])]);
  const settings: AppSettings = {
    ...s,
    analysts: [...roster.analysts],
    leads: [...roster.leads],
    voteQuorum: customer.quorum ?? s.voteQuorum,
    shifts: customer.shifts ?? s.shifts,
    handoffRoutes: [...customer.handoffRoutes],
    access: { ...(s.access ?? { emptyRoster: 'nobody' }), channels },
    scope: { customers: [customer.name] },
  };
  return { ...deps, settings, ...(customer.workspaces && deps.workspaces ? { workspaces: { ...deps.workspaces, allow: customer.workspaces } } : {}) };
}

/** The deps an alert is shown and decided with: its customer's, or the bot's own. */
export function depsForAlert(alert: Pick<Alert, 'customer' | 'subscriptionId' | 'tenantId'>, deps: AppDeps): AppDeps {
  const customers = customersOf(deps);
  if (!customers.length) return deps;
  const customer = customerOfAlert(alert, customers);
  return customer ? customerDeps(deps, customer) : deps;
}

export type RequestScope =
  | { kind: 'soc'; deps: AppDeps }
  | { kind: 'customer'; customer: Customer; deps: AppDeps; /** the alert the intent names is this customer's */ byAlert: boolean };

/**
 * The customer a request is about: the alert's when the intent names one; else the channel's; else,
 * in a SOC-wide channel, the customers the asker may see (all, for the SOC-wide roster).
 */
export async function scopeOfRequest(request: IntentRequest, deps: AppDeps): Promise<RequestScope> {
  const customers = customersOf(deps);
  if (!customers.length) return { kind: 'soc', deps };
  const { intent, origin, actor } = request;
  if ('alertId' in intent) {
    const alert = await deps.store.alerts.get(intent.alertId);
    const customer = alert ? customerOfAlert(alert, customers) : undefined;
    if (customer) return { kind: 'customer', customer, deps: customerDeps(deps, customer), byAlert: true };
  }
  const here = customerOfChannel(origin, customers);
  if (here) return { kind: 'customer', customer: here, deps: customerDeps(deps, here), byAlert: false };
  const visible = visibleCustomers(actor, customers, socRoster(deps.settings));
  if (!visible) return { kind: 'soc', deps };
  const settings: AppSettings = { ...deps.settings, scope: { customers: visible } };
  return { kind: 'soc', deps: { ...deps, settings } };
}

/** A customer's alert by name (the card names it), for the card and the handoff title. */
export function customerByName(name: string | undefined, deps: Pick<AppDeps, 'settings'>): Customer | undefined {
  return customerNamed(name, customersOf(deps));
}

/** Whose handoff or list it is, for titles: absent without CUSTOMERS. */
export function scopeLabel(settings: AppSettings): string | undefined {
  if (!settings.customers?.length) return undefined;
  const names = settings.scope?.customers;
  if (!names) return 'all customers';
  return names.length ? names.join(', ').slice(0, 120) : 'no customer';
}

/** A scheduled handoff's id per customer, so each customer's boundary is claimed once (handoff-scheduler.ts). */
export function handoffIdSuffix(settings: AppSettings): string {
  const names = settings.scope?.customers;
  return settings.customers?.length && names?.length === 1 ? `-${customerTag({ name: names[0] })}` : '';
}

function dedupe(routes: Route[]): Route[] {
  return routes.filter((r, i) => routes.findIndex((o) => o.platform === r.platform && o.channelId === r.channelId) === i);
}
