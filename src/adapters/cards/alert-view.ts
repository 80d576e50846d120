/**
 * Alert + live state → the data cards/alert.json binds to. Every alert value goes through
 * mdText/mdLine (coerce, cut, escape); the only objects in the result are button data built by the
 * action codec. The card answers who / where / what / when, then the triage state, then buttons.
 * A storm's group card adds, under its title, the counter, the snooze and the snooze buttons.
 */
import type { AccountEntity, Alert, WhatEntity } from '../../domain/alert';
import { commandLinesOf, isSeverity, primaryHostName } from '../../domain/alert';
import type { AlertCardState } from '../../ports/card-model';
import { alertButtons, snoozeButtons } from './alert-buttons';
import type { Budget } from './budget';
import { capList } from './budget';
import { fact, listFact, type Fact } from './facts';
import { alertStateFacts, stormFacts } from './alert-state-view';
import { cut, mdLine, mdText, oneLine, safeHttpsUrl, toText } from './text';
import { whenText } from './when';

export const LOCAL_ACCOUNT_WARNING = '⚠ No Entra ID identity — local account only';

const SEVERITY_COLORS: Record<string, string> = { High: 'attention', Medium: 'warning', Low: 'accent', Informational: 'default' };

export function alertViewData(alert: Alert, state: AlertCardState, now: Date, budget: Budget): Record<string, unknown> {
  const who = whoFacts(alert.who, budget);
  const where = whereFacts(alert, budget);
  const what = whatFacts(alert, budget);
  const commands = commandLineBlocks(alert, budget);
  const stateFacts = alertStateFacts(state, budget);
  const storm = stormFacts(state, budget);
  const snoozeActions = isGroupCard(state) ? snoozeButtons(alert.systemAlertId) : [];
  const links = alertLinks(alert, budget);
  const notice = mdText(state.notice, budget.text);
  return {
    fallbackText: fallbackText(alert),
    title: mdLine(`${toText(alert.severity)} · ${toText(alert.displayName) || 'Defender alert'}`, 200),
    severityColor: SEVERITY_COLORS[toText(alert.severity)] ?? 'default',
    subtitle: mdLine(subtitle(alert, state), 300),
    showLocalWarning: needsLocalWarning(alert),
    localWarning: mdLine(LOCAL_ACCOUNT_WARNING, 100),
    hasStorm: storm.length > 0,
    stormFacts: storm,
    hasSnoozeActions: snoozeActions.length > 0,
    snoozeActions,
    showNotice: notice.length > 0,
    notice,
    description: mdText(alert.description, budget.text) || '(no description)',
    hasWho: who.length > 0,
    whoFacts: who,
    hasWhere: where.length > 0,
    whereFacts: where,
    hasWhat: what.length > 0 || commands.length > 0,
    hasWhatFacts: what.length > 0,
    whatFacts: what,
    commandLines: commands,
    whenFacts: whenFacts(alert, now, budget),
    hasState: stateFacts.length > 0,
    stateFacts,
    hasLinks: links.length > 0,
    links,
    severityChoice: severityChoice(alert, state),
    ...alertButtons(alert.systemAlertId),
  };
}

/**
 * The severity preselected above the vote buttons: the decided one once there is a decision, else
 * the alert's own. A vote sends whatever is selected, so a click without picking keeps it.
 */
function severityChoice(alert: Alert, state: AlertCardState): string {
  const decided = toText(state.decision?.severity);
  if (isSeverity(decided)) return decided;
  const own = toText(alert.severity);
  return isSeverity(own) ? own : '';
}

/** A storm's group card: it stands for more than one alert, so it offers the snooze buttons. */
function isGroupCard(state: AlertCardState): boolean {
  return (Number(state.groupCount) || 0) > 1;
}

/** Accounts are named but none carries an Entra ID identity: who did it must come from the machine's logs. */
export function needsLocalWarning(alert: Alert): boolean {
  return alert.who.length > 0 && !alert.hasEntraIdentity && !alert.who.some((a) => a.isEntra);
}

function subtitle(alert: Alert, state: AlertCardState): string {
  const parts = [`Status: ${toText(state.status || alert.status)}`];
  if (isGroupCard(state)) parts.push(`×${state.groupCount} alerts`);
  parts.push(toText(alert.productName) || 'Microsoft Defender for Cloud');
  if (alert.isIncident) parts.push('security incident');
  return parts.join(' · ');
}

function fallbackText(alert: Alert): string {
  const host = primaryHostName(alert);
  const text = `${toText(alert.severity)} alert: ${oneLine(alert.displayName)}${host ? ` on ${oneLine(host)}` : ''}`;
  return cut(text, 300);
}

function accountText(a: AccountEntity): string {
  const name = a.domain ? `${toText(a.domain)}\\${toText(a.name)}` : toText(a.name);
  const kind = a.isEntra ? 'Entra ID account' : a.isLocal ? 'local account' : 'domain account';
  const ids = [a.upn && `UPN ${toText(a.upn)}`, a.aadUserId && `Entra ID object ${toText(a.aadUserId)}`, a.sid && `SID ${toText(a.sid)}`];
  return [name, kind, ...ids].filter(Boolean).join(' · ');
}

function whoFacts(accounts: AccountEntity[], budget: Budget): Fact[] {
  const { shown, more } = capList(accounts, budget.items);
  const facts = shown.flatMap((a) => fact('Account', accountText(a), budget));
  return more > 0 ? [...facts, ...fact('More', `${more} more accounts`, budget)] : facts;
}

function whereFacts(alert: Alert, budget: Budget): Fact[] {
  const hosts = alert.where.flatMap((e) => (e.kind === 'host' ? [hostText(e.hostName, e.osVersion ?? e.osFamily)] : []));
  const ws = alert.workspace;
  return [
    ...listFact('Host', hosts.length ? hosts : [primaryHostName(alert)], budget),
    ...fact('Resource', alert.resourceName, budget),
    // The full id only when it makes no portal link (the link button carries it otherwise).
    ...fact('Resource id', resourcePortalUrl(alert.resourceId) ? '' : alert.resourceId, budget),
    ...fact('Subscription', alert.subscriptionId, budget),
    ...fact('Resource group', alert.resourceGroup, budget),
    ...fact('Workspace', ws ? [ws.workspaceId, ws.resourceGroup && `rg ${toText(ws.resourceGroup)}`].filter(Boolean).join(' · ') : '', budget),
  ];
}

function hostText(name: unknown, os: unknown): string {
  const osText = oneLine(os);
  return osText ? `${oneLine(name)} (${osText})` : oneLine(name);
}

function whatFacts(alert: Alert, budget: Budget): Fact[] {
  const of = <K extends WhatEntity['kind']>(kind: K) => alert.what.filter((e): e is Extract<WhatEntity, { kind: K }> => e.kind === kind);
  return [
    ...listFact('MITRE tactics', alert.tactics, budget),
    ...listFact('Techniques', [...alert.techniques, ...alert.subTechniques], budget),
    ...listFact('Processes', of('process').map((p) => p.imageFile ?? p.processId), budget),
    ...listFact('Files', of('file').map((f) => (f.directory ? `${toText(f.directory)}\\${toText(f.name)}` : f.name)), budget),
    ...listFact('IPs', of('ip').map((i) => i.address), budget),
    ...listFact('URLs', of('url').map((u) => u.url), budget),
    ...listFact('Domains', of('domain').map((d) => d.domain), budget),
    ...listFact('Other', of('other').map((o) => `${toText(o.type)}: ${toText(o.summary)}`), budget),
    ...listFact('Alert type', [alert.alertType], budget),
    ...unusableFacts(alert, budget),
  ];
}

/** What the alert carried but the bot could not read: shown, so a defaulted value is not taken for Defender's. */
function unusableFacts(alert: Alert, budget: Budget): Fact[] {
  const items = Array.isArray(alert.unusable) ? alert.unusable : [];
  return listFact('Unreadable in the alert', items.map((u) => `${toText(u.field)} "${toText(u.value)}" (${toText(u.instead)})`), budget);
}

function commandLineBlocks(alert: Alert, budget: Budget): { text: string }[] {
  const { shown, more } = capList(commandLinesOf(alert), Math.max(1, Math.floor(budget.items / 3)));
  const blocks = shown.map((c) => ({ text: mdText(c, budget.command) }));
  return more > 0 ? [...blocks, { text: mdText(`(+${more} more command lines)`, 80) }] : blocks;
}

function whenFacts(alert: Alert, now: Date, budget: Budget): Fact[] {
  // No time of its own: say so, and that the time shown (and searched around) is the bot's.
  if (alert.timeUnknown) {
    return [
      { title: 'Time', value: mdLine('unknown: the alert carried no usable time', 80) },
      ...fact('Received', whenText(toText(alert.receivedTime || alert.startTime), now), budget),
    ];
  }
  return [
    { title: 'Start', value: mdLine(whenText(toText(alert.startTime), now) || 'unknown', 80) },
    { title: 'End', value: mdLine(whenText(toText(alert.endTime), now) || 'unknown', 80) },
    { title: 'Generated', value: mdLine(whenText(toText(alert.generatedTime), now) || 'unknown', 80) },
  ];
}

function alertLinks(alert: Alert, budget: Budget): { title: string; url: string }[] {
  const links: { title: string; url: string }[] = [];
  const portal = safeHttpsUrl(alert.portalUrl);
  if (portal) links.push({ title: 'Open in Defender portal', url: portal });
  const resource = resourcePortalUrl(alert.resourceId);
  if (resource) links.push({ title: 'Open resource in Azure portal', url: resource });
  for (const link of alert.links) {
    const href = safeHttpsUrl(link.href);
    if (href) links.push({ title: cut(oneLine(link.label) || 'Link', 60), url: href });
  }
  return links.slice(0, Math.min(5, budget.items));
}

/** The Azure portal page of an ARM resource id (only well-formed ids make a link). */
export function resourcePortalUrl(resourceId: unknown): string | undefined {
  const id = toText(resourceId);
  if (!/^\/subscriptions\/[^\s?#]+$/i.test(id) || id.length > 1000) return undefined;
  return `https://portal.azure.com/#@/resource${encodeURI(id)}`;
}
