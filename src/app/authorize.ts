/**
 * The one authorization check, run by handleIntent for every intent on every surface (Slack
 * buttons and slash commands, Teams Action.Execute / Submit / commands, the local channel) before
 * any use case runs. The policy is the table in domain/access-policy.ts; this file applies it to
 * the configured settings, and turns a refusal into an audit entry and a plain answer that says
 * why and whom to ask.
 *
 * It also decides where results go: `privately` means every answer goes to the asker alone
 * (confined-surfaces.ts carries that out for the use case's own posts).
 *
 * With CUSTOMERS it first decides whose request it is (customer-scope.ts): the alert's customer,
 * else the channel's; an analyst on another customer's roster only is refused ('other-customer'),
 * audited like every refusal; the rest of the check runs on that customer's roster and channels,
 * and the use case gets the customer's deps (`deps` of the authorization).
 */
import { decideAccess, isOurOrganisation, type AccessPolicy, type RefusalReason } from '../domain/access-policy';
import type { Actor, IntentRequest } from '../domain/intent';
import type { CardModel } from '../ports/card-model';
import { accessPolicyOf } from './access-policy-of';
import type { AppDeps, UseCaseResult } from './deps';
import { auditActor } from './triage-state';
import { customersOf, scopeOfRequest, socRoster, type RequestScope } from './customer-scope';
import { maySeeCustomer } from '../domain/customer-access';

/** `deps`: what the use case runs with (its customer's settings, with CUSTOMERS). */
export type Authorization = { ok: true; privately: boolean; deps: AppDeps } | { ok: false; result: UseCaseResult };

export { accessPolicyOf };

export async function authorize(request: IntentRequest, deps: AppDeps): Promise<Authorization> {
  const scope = await scopeOfRequest(request, deps);
  if (scope.kind === 'customer' && !maySeeCustomer(request.actor, scope.customer, customersOf(deps), socRoster(deps.settings)))
    return { ok: false, result: await refuse(request, deps, { reason: 'other-customer', text: otherCustomerText(scope) }) };
  const policy = accessPolicyOf(scope.deps);
  const decision = decideAccess(request, policy);
  if (decision.allowed) return { ok: true, privately: decision.privately, deps: scope.deps };
  return { ok: false, result: await refuse(request, deps, { reason: decision.reason, text: refusalText(decision.reason, decision.rule.what, request.actor, policy) }) };
}

/** Customer names come from CUSTOMERS (the operator's), never from an alert. */
function otherCustomerText(scope: Extract<RequestScope, { kind: 'customer' }>): string {
  const what = scope.byAlert ? `This alert is ${scope.customer.name}'s` : `This channel is ${scope.customer.name}'s`;
  return `${what}, and you are on another customer's triage roster only: you may not see or act on ${scope.customer.name}'s alerts; nothing was done. Ask a SOC lead if you need access.`;
}

/** What a use case refuses on its own (e.g. a snooze that is not on a group card), audited the same way. */
export interface Refusal {
  reason: RefusalReason | 'not-a-group-card' | 'snooze-too-long' | 'other-customer';
  text: string;
}

/** Records the refusal in the audit log and answers the asker (privately) with why and what to ask for. */
export async function refuse(request: IntentRequest, deps: AppDeps, refusal: Refusal): Promise<UseCaseResult> {
  const { intent } = request;
  const alertId = 'alertId' in intent ? intent.alertId.slice(0, 200) : undefined;
  await auditRefusal(request, { intent: intent.kind }, refusal.reason, alertId, deps);
  return { reply: refusalNotice(refusal.text), private: true };
}

/**
 * Before a platform adapter keeps anything from a request (Teams stores conversation references):
 * is it from an organisation this bot serves? The same check authorize() makes for every intent.
 */
export function servesOrganisation(actor: Actor, deps: AppDeps): boolean {
  return isOurOrganisation(actor.platform, actor.org, accessPolicyOf(deps));
}

/** A request from another organisation that is not an intent (e.g. Teams installing the app there): audited and answered. */
export async function refuseForeignActivity(request: Omit<IntentRequest, 'intent'>, activity: string, deps: AppDeps): Promise<CardModel> {
  await auditRefusal(request, { activity: activity.slice(0, 60) }, 'foreign-organisation', undefined, deps);
  return refusalNotice(refusalText('foreign-organisation', '', request.actor, accessPolicyOf(deps)));
}

async function auditRefusal(
  { actor, origin }: Omit<IntentRequest, 'intent'>,
  what: Record<string, string>,
  reason: Refusal['reason'],
  alertId: string | undefined,
  deps: AppDeps,
): Promise<void> {
  deps.logger.warn({ ...what, reason, platform: actor.platform, userId: actor.userId.slice(0, 100) }, 'request refused');
  await deps.store.audit.append({
    at: deps.clock.now().toISOString(),
    actor: auditActor(actor),
    action: 'refused',
    alertId,
    before: null,
    after: { ...what, reason, channel: `${origin.platform}:${origin.channelId.slice(0, 200)}`, ...orgOf(actor) },
  });
}

export function refusalNotice(text: string): CardModel {
  return { kind: 'notice', tone: 'warning', title: 'Not allowed', text };
}

function refusalText(reason: RefusalReason, what: string, actor: Actor, policy: AccessPolicy): string {
  const id = `${actor.platform}:${safeId(actor.userId)}`;
  switch (reason) {
    case 'foreign-organisation':
      return 'This bot serves only its own organisation (Slack workspace or Teams tenant); nothing was done. Ask the SOC team that runs it if you need access.';
    case 'roster-empty':
      return `Only analysts on the triage roster may ${what}, and the roster is empty; nothing was done. Ask the bot's administrator to add your id (${id}) to TRIAGE_ANALYSTS.`;
    case 'not-on-roster':
      return `Only analysts on the triage roster may ${what}; nothing was done. Ask a triage lead to add your id (${id}) to TRIAGE_ANALYSTS.`;
    case 'not-a-lead':
      return `Only a triage lead (TRIAGE_LEADS) may ${what}; nothing was done. Ask a lead to do it.`;
    case 'outside-triage-channels':
      return `This works only in the triage channels (${channelList(policy)}); nothing was done. Ask there, or ask to be added to TRIAGE_ANALYSTS (your id: ${id}) to get answers privately elsewhere.`;
  }
}

function channelList(policy: AccessPolicy): string {
  const channels = (policy.channels ?? []).map((c) => `${c.platform}:${safeId(c.channelId)}`);
  if (!channels.length) return 'none are configured: see TRIAGE_CHANNELS';
  return channels.length > 5 ? `${channels.slice(0, 5).join(', ')} and ${channels.length - 5} more` : channels.join(', ');
}

/** Ids go into a message: keep them short and to the characters ids are made of. */
function safeId(id: string): string {
  return id.replace(/[^\w.:@-]/g, '').slice(0, 80) || '?';
}

function orgOf(actor: Actor): Record<string, string> {
  const org = actor.org;
  if (!org) return {};
  const out: Record<string, string> = {};
  if (org.teamIds?.length) out.teams = org.teamIds.join(',').slice(0, 200);
  if (org.enterpriseId) out.enterprise = org.enterpriseId.slice(0, 100);
  if (org.tenantId) out.tenant = org.tenantId.slice(0, 100);
  return out;
}
