/**
 * Alert + live state → the data cards/alert.json binds to. Every alert value goes through
 * mdText/mdLine (coerce, cut, escape); the only objects in the result are button data built by the
 * action codec. The card answers who / where / what / when, then the triage state, then buttons.
 * A storm's group card adds, under its title, the counter, the snooze and the snooze buttons.
 */
import type { Alert } from '../../domain/alert';
import { commandLinesOf, isSeverity, primaryHostName } from '../../domain/alert';
import { onlyMachineLocalAccounts } from '../../domain/alert-kind';
import { alertOwnLinks, defenderAlertUrl, knownPortal, resourceUrl } from '../../domain/portal-links';
import type { AlertCardState } from '../../ports/card-model';
import { alertButtons, reopenButtons, snoozeButtons } from './alert-buttons';
import type { Budget } from './budget';
import { capList } from './budget';
import { whatFacts, whereFacts, whoFacts } from './alert-facts-view';
import { fact, type Fact } from './facts';
import { alertStateFacts, stormFacts } from './alert-state-view';
import { mdLine, mdText, oneLine, plainLine, toText } from './text';
import { shownName } from './shown-name';
import { whenText } from './when';
import { xdrFacts, xdrLinks } from './xdr-view';
import { findingsViewData } from './findings-view';
import type { AnswerLink } from './answer-links';

export const LOCAL_ACCOUNT_WARNING = '⚠ No Entra ID identity — local account only';

const SEVERITY_COLORS: Record<string, string> = { High: 'attention', Medium: 'warning', Low: 'accent', Informational: 'default' };

export function alertViewData(alert: Alert, state: AlertCardState, now: Date, budget: Budget, answerLink?: AnswerLink): Record<string, unknown> {
  const who = whoFacts(alert, budget);
  // CUSTOMERS: whose alert it is comes first (an operator's name from the configuration, escaped as any text).
  const customer = state.customer ? fact('Customer', state.customer, budget) : [];
  const where = [...customer, ...whereFacts(alert, budget, (id) => resourceUrl(toText(id), '')), ...xdrFacts(alert, budget)];
  const what = whatFacts(alert, budget);
  const commands = commandLineBlocks(alert, budget);
  const stateFacts = alertStateFacts(state, budget);
  const storm = stormFacts(state, budget);
  const snoozeActions = isGroupCard(state) ? snoozeButtons(alert.systemAlertId, Number(state.snoozeMaxMinutes) || undefined) : [];
  const links = alertLinks(alert, state, budget);
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
    ...findingsViewData(state, budget, answerLink),
    hasLinks: links.length > 0,
    links,
    severityChoice: severityChoice(alert, state),
    ...alertButtons(alert.systemAlertId),
    // Decided: votes no longer count, so the vote controls become the Reopen button.
    showVoteControls: !state.decision,
    hasReopen: !!state.decision,
    reopenActions: state.decision ? reopenButtons(alert.systemAlertId) : [],
  };
}

/**
 * The severity preselected above the vote buttons: the decided one once there is a decision, else
 * the alert's own. A vote sends whatever is selected, so a click without picking keeps it.
 */
function severityChoice(alert: Alert, state: AlertCardState): string {
  const decided = toText(state.decision?.severity);
  if (isSeverity(decided)) return decided;
  const suggested = toText(state.preselectSeverity); // SUGGEST_PRESELECT on
  if (isSeverity(suggested)) return suggested;
  const own = toText(alert.severity);
  return isSeverity(own) ? own : '';
}

/** A storm's group card: it stands for more than one alert, so it offers the snooze buttons. */
function isGroupCard(state: AlertCardState): boolean {
  return (Number(state.groupCount) || 0) > 1;
}

/** A machine's alert naming only its own accounts, none with an Entra ID identity: who did it must come from the machine's logs. */
export function needsLocalWarning(alert: Alert): boolean {
  return onlyMachineLocalAccounts(alert);
}

function subtitle(alert: Alert, state: AlertCardState): string {
  const parts = [`Status: ${toText(state.status || alert.status)}`];
  if (isGroupCard(state)) parts.push(`×${state.groupCount} alerts`);
  parts.push(toText(alert.productName) || 'Microsoft Defender for Cloud');
  if (alert.isIncident) parts.push('security incident');
  return parts.join(' · ');
}

/** Notifications and old clients show this: no markdown, no link (plainLine), names with their hidden characters shown. */
function fallbackText(alert: Alert): string {
  const host = primaryHostName(alert);
  return plainLine(`${toText(alert.severity)} alert: ${oneLine(alert.displayName)}${host ? ` on ${shownName(host)}` : ''}`, 300);
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

/**
 * Our buttons, built from the alert's ids for the configured cloud's portals (the XDR incident and
 * alert in Microsoft Defender, Defender for Cloud's alert, the resource), then the alert's own
 * links, each labelled with the host it leads to (never a label the alert chose).
 */
function alertLinks(alert: Alert, state: AlertCardState, budget: Budget): { title: string; url: string }[] {
  const portal = knownPortal(toText(state.portalUrl));
  const links: { title: string; url: string }[] = xdrLinks(alert, portal);
  const defender = defenderAlertUrl(alert, portal);
  if (defender) links.push({ title: 'Open in Defender portal', url: defender });
  // Our own button to the alert stands for the alert's portal link (Defender for Cloud's or the XDR one).
  const ownAlertButton = links.length > 0;
  const resource = resourceUrl(toText(alert.resourceId), portal);
  if (resource) links.push({ title: 'Open resource in Azure portal', url: resource });
  for (const own of alertOwnLinks(alert, ownAlertButton)) links.push({ title: `Link in the alert: ${hostTail(own.host)}`, url: own.url });
  return links.slice(0, Math.min(5, budget.items));
}

/** A long host keeps its end, where the domain that owns it is (button titles are short). */
function hostTail(host: string): string {
  return host.length > 50 ? `…${host.slice(-49)}` : host;
}
