/**
 * What the Defender portal (Defender XDR) adds to the alert card: the incident that holds the
 * alert, and links to the incident and the alert there, built from their ids (domain/portal-links).
 */
import type { Alert } from '../../domain/alert';
import { xdrAlertUrl, xdrIncidentUrl } from '../../domain/portal-links';
import type { Budget } from './budget';
import { fact, type Fact } from './facts';
import { oneLine } from './text';

export function xdrFacts(alert: Alert, budget: Budget): Fact[] {
  const id = oneLine(alert.xdrIncidentId);
  if (!id) return [];
  const title = oneLine(alert.xdrIncidentTitle);
  return fact('XDR incident', title ? `#${id} ${title}` : `#${id}`, budget);
}

/** The incident and the alert in Microsoft Defender, on the portal of the configured cloud. */
export function xdrLinks(alert: Alert, azurePortal: string): { title: string; url: string }[] {
  const links: { title: string; url: string }[] = [];
  const incident = xdrIncidentUrl(alert, azurePortal);
  if (incident) links.push({ title: 'Open incident in Microsoft Defender', url: incident });
  const own = xdrAlertUrl(alert, azurePortal);
  if (own) links.push({ title: 'Open alert in Microsoft Defender', url: own });
  return links;
}
