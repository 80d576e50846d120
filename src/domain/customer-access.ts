/**
 * Who may see which customer's alerts, when one bot triages for several customers (CUSTOMERS).
 *
 *   the SOC-wide roster (TRIAGE_ANALYSTS, TRIAGE_LEADS)   every customer's alerts
 *   a customer's roster (its "analysts", "leads")        that customer's alerts only
 *   on no roster at all                                  what the channel shows: a customer's channel
 *                                                        that customer's, a SOC-wide channel all
 *
 * So an analyst of one customer cannot see or act on another's alerts, whatever channel they type
 * in; the access table (access-policy.ts) then applies to the alert's customer's roster and channels
 * as it does to the bot's. Pure: authorize.ts applies it.
 */
import { customerOf, type Customer } from './customers';
import type { Alert } from './alert';
import type { Origin, Platform } from './intent';
import type { Route } from './routing';
import { onList, type Roster } from './votes/roster';

type Who = { platform: Platform; userId: string };

/** The customer whose alert or handoff channel this is. */
export function customerOfChannel(origin: Pick<Origin, 'platform' | 'channelId'>, customers: readonly Customer[]): Customer | undefined {
  const here = (r: Route) => r.platform === origin.platform && r.channelId === origin.channelId;
  return customers.find((c) => c.alertRoutes.some(here) || c.handoffRoutes.some(here));
}

export function customerNamed(name: string | undefined, customers: readonly Customer[]): Customer | undefined {
  return name === undefined ? undefined : customers.find((c) => c.name === name);
}

/** The alert's customer: the one stored with it at ingest, else by its subscription or tenant now. */
export function customerOfAlert(alert: Pick<Alert, 'customer' | 'subscriptionId' | 'tenantId'>, customers: readonly Customer[]): Customer | undefined {
  return customerNamed(alert.customer, customers) ?? customerOf(alert, customers);
}

function onRoster(roster: Roster, who: Who): boolean {
  return onList(roster.analysts, who) || onList(roster.leads, who);
}

/** The customers whose own roster lists this person. */
export function rostersOf(who: Who, customers: readonly Customer[]): Customer[] {
  return customers.filter((c) => onRoster(c.roster, who));
}

/**
 * The customers this person may see: undefined for all (the SOC-wide roster, or nobody's roster:
 * then the channel decides), else the names of the customers whose roster lists them.
 */
export function visibleCustomers(who: Who, customers: readonly Customer[], socRoster: Roster): string[] | undefined {
  if (onRoster(socRoster, who)) return undefined;
  const own = rostersOf(who, customers);
  return own.length ? own.map((c) => c.name) : undefined;
}

/** May this person see or act on the customer's alerts at all (before the access table)? */
export function maySeeCustomer(who: Who, customer: Customer, customers: readonly Customer[], socRoster: Roster): boolean {
  const visible = visibleCustomers(who, customers, socRoster);
  return visible === undefined || visible.includes(customer.name);
}

/** The roster that acts on a customer's alerts: its own and the SOC-wide one. */
export function customerRoster(customer: Customer, socRoster: Roster): Roster {
  return { analysts: [...socRoster.analysts, ...customer.roster.analysts], leads: [...socRoster.leads, ...customer.roster.leads] };
}

/** Where a new alert goes: its customer's alert channels; an alert of no customer where every alert went. */
export function alertRoutesOf(alert: Pick<Alert, 'customer' | 'subscriptionId' | 'tenantId'>, customers: readonly Customer[], defaults: readonly Route[]): readonly Route[] {
  return customerOfAlert(alert, customers)?.alertRoutes ?? defaults;
}

/** The alert with its customer named (ingest): by subscription, else tenant; unchanged without CUSTOMERS. */
export function withCustomer<A extends Pick<Alert, 'customer' | 'subscriptionId' | 'tenantId'>>(alert: A, customers: readonly Customer[]): A {
  if (!customers.length) return alert;
  const customer = customerOf(alert, customers);
  return customer ? { ...alert, customer: customer.name } : alert;
}

/** Correlate never links alerts of two customers: only the others of the alert's own customer (or of none, for an alert of none). */
export function sameCustomerOnly<A extends Pick<Alert, 'customer' | 'subscriptionId' | 'tenantId'>>(alert: A, others: readonly A[], customers: readonly Customer[]): A[] {
  if (!customers.length) return [...others];
  const mine = customerOfAlert(alert, customers)?.name;
  return others.filter((o) => customerOfAlert(o, customers)?.name === mine);
}

/** A short stable tag for ids (a scheduled handoff per customer and shift boundary): FNV-1a of the name. */
export function customerTag(customer: Pick<Customer, 'name'>): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < customer.name.length; i++) {
    h ^= customer.name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}
