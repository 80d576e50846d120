/**
 * Links we vouch for, and names that are not what they look like, on every rendering: the Adaptive
 * Card (Teams, and the local channel, which shows the same card) and Slack's Block Kit.
 *
 * - Our buttons lead only to Microsoft's portal of the configured cloud, built from the alert's ids.
 * - The alert's own links are "Link in the alert: <host>", punycode hosts as punycode.
 * - Host and account names with invisible or mixed-script characters are flagged, the characters shown.
 * - The fallback texts never turn alert text into a link.
 */
import type { AcElement, AdaptiveCard } from '../../../src/adapters/cards/adaptive-card';
import { renderAdaptiveCard } from '../../../src/adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../../src/adapters/cards/render-block-kit';
import { teamsCard } from '../../../src/adapters/teams/teams-card';
import type { Alert } from '../../../src/domain/alert';
import type { AlertCardState, CardModel } from '../../../src/ports/card-model';
import { adaptiveCardSchemaErrors } from '../../helpers/adaptive-card-schema';
import { FLAGSHIP, flagshipAlert } from '../../helpers/alerts';
import { allElements, cardTexts, unescapeMd } from './card-walk';

const NOW = new Date('2026-11-26T02:28:04.000Z');
const OUR_HOSTS = new Set(['portal.azure.com', 'portal.azure.us', 'portal.azure.cn']);
const OUR_LABELS = ['Open in Defender portal', 'Open resource in Azure portal'];

const model = (alert: Alert, state: Partial<AlertCardState> = {}): CardModel => ({ kind: 'alert', alert, state: { status: alert.status, ...state } });

/** [title, url] of every link button, on Teams (Action.OpenUrl) and on Slack (link buttons). */
function teamsLinks(card: AdaptiveCard): [string, string][] {
  return allElements(card)
    .filter((e: AcElement) => e.type === 'Action.OpenUrl')
    .map((e) => [String(e.title), String(e.url)]);
}

function slackLinks(m: CardModel): [string, string][] {
  const blocks = renderBlockKit(m, NOW).blocks as { type: string; elements?: { text?: { text: string }; url?: string }[] }[];
  return blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : [])).flatMap((e) => (e.url ? [[e.text!.text, e.url] as [string, string]] : []));
}

/** Every rendering's links: a button with our label goes to our portal; any other names the host it leads to. */
function expectVouched(links: [string, string][]): void {
  for (const [title, url] of links) {
    const host = new URL(url).hostname;
    if (OUR_LABELS.includes(title)) expect(OUR_HOSTS.has(host)).toBe(true);
    else expect(title).toMatch(new RegExp(`^Link in the alert: …?${host.slice(-49).replace(/[.]/g, '\\.')}$`));
  }
}

const HOSTILE = flagshipAlert({
  portalUrl: 'https://portal.azure.com.evil.example/#blade/Microsoft_Azure_Security/AlertBlade/alertId/x',
  links: [
    { label: 'Open in Defender portal', href: 'https://p\u043ertal.azure.com/#blade/phish' }, // Cyrillic о
    { label: 'Open resource in Azure portal', href: 'https://portal.azure.com@evil.example/x' }, // user info: not a link at all
    { label: 'Investigation guide', href: 'https://contoso.example/guide' },
  ],
});

describe('links we vouch for', () => {
  const m = model(HOSTILE);

  it('"Open in Defender portal" is built from the alert\'s ids on portal.azure.com, never copied from its alertUri', () => {
    const links = teamsLinks(renderAdaptiveCard(m, NOW));
    expect(links[0]).toEqual([
      'Open in Defender portal',
      `https://portal.azure.com/#blade/Microsoft_Azure_Security/AlertBlade/alertId/${HOSTILE.systemAlertId}/subscriptionId/${FLAGSHIP.subscriptionId}/resourceGroup/rg-prod-web/referencedFrom/alertDeepLink/location/westeurope`,
    ]);
    expect(links[1]![0]).toBe('Open resource in Azure portal');
    expect(new URL(links[1]![1]).hostname).toBe('portal.azure.com');
  });

  it('shows the alert\'s own links as "Link in the alert: <host>", punycode as punycode, on Teams and on Slack', () => {
    for (const links of [teamsLinks(renderAdaptiveCard(m, NOW)), teamsLinks(teamsCard(m, [], NOW)), slackLinks(m)]) {
      expectVouched(links);
      expect(links.map(([title]) => title)).toEqual([
        'Open in Defender portal',
        'Open resource in Azure portal',
        'Link in the alert: portal.azure.com.evil.example',
        'Link in the alert: xn--prtal-jye.azure.com',
        'Link in the alert: contoso.example',
      ]);
      expect(links.filter(([, url]) => url.includes('evil.example/x') && !url.includes('portal.azure.com.evil'))).toEqual([]);
    }
  });

  it('without usable ids there is no Defender button of ours; the alert\'s portal link stays the alert\'s', () => {
    const noIds = flagshipAlert({ subscriptionId: undefined, armId: undefined, resourceId: undefined });
    const links = teamsLinks(renderAdaptiveCard(model(noIds), NOW));
    expect(links).toEqual([['Link in the alert: portal.azure.com', noIds.portalUrl!]]);
  });

  it('follows the configured cloud: Azure Government\'s portal for our buttons', () => {
    const links = teamsLinks(renderAdaptiveCard(model(HOSTILE, { portalUrl: 'https://portal.azure.us' }), NOW));
    expect(links.slice(0, 2).map(([, url]) => new URL(url).hostname)).toEqual(['portal.azure.us', 'portal.azure.us']);
    const unknown = teamsLinks(renderAdaptiveCard(model(HOSTILE, { portalUrl: 'https://portal.evil.example' }), NOW));
    expect(new URL(unknown[0]![1]).hostname).toBe('portal.azure.com');
  });

  it('the card stays a valid Adaptive Card', () => {
    expect(adaptiveCardSchemaErrors(renderAdaptiveCard(m, NOW))).toEqual([]);
  });
});

/** Every string in a JSON value (Slack block texts). */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  return value && typeof value === 'object' ? Object.values(value).flatMap(stringsIn) : [];
}

describe('names that are not what they look like', () => {
  const alert = flagshipAlert({
    where: [{ kind: 'host', hostName: 'web-vm-01\u200b', osVersion: 'Windows Server 2019' }],
    who: [
      { kind: 'account', name: '\u0430dmin', domain: 'CONTOSO', isLocal: false, isEntra: false }, // Cyrillic а
      { kind: 'account', name: 'svc\u202ekcab', domain: 'WEB-VM-01', isLocal: true, isEntra: false }, // right-to-left override
    ],
  });

  it('flags invisible and mixed-script characters in host and account names, and shows them, on Teams and Slack', () => {
    const teams = cardTexts(renderAdaptiveCard(model(alert), NOW)).map(unescapeMd).join('\n');
    const slack = stringsIn(renderBlockKit(model(alert), NOW).blocks).join('\n');
    for (const text of [teams, slack]) {
      expect(text).toContain('web-vm-01⟨U+200B⟩');
      expect(text).toMatch(/host "web-vm-01⟨U\+200B⟩" contains 1 invisible character \(U\+200B\)/);
      expect(text).toMatch(/account "\u0430dmin" mixes Latin and Cyrillic letters/);
      expect(text).toContain('svc⟨U+202E⟩kcab');
      expect(text).toMatch(/invisible character \(U\+202E\)/);
      expect(text).toContain('⚠');
    }
  });

  it('says nothing about ordinary names', () => {
    const texts = cardTexts(renderAdaptiveCard(model(flagshipAlert()), NOW)).join('\n');
    expect(texts).not.toMatch(/Look-alike|invisible|mixes/);
  });
});

describe('fallback texts', () => {
  const phish = flagshipAlert({ displayName: '[Reset your password](https://evil.example/phish) **now**' });

  it('Teams fallbackText carries the alert name escaped: no markdown link, no bare URL', () => {
    const fallback = String(teamsCard(model(phish), [], NOW).fallbackText);
    expect(fallback).toContain('\\[Reset your password\\]');
    expect(fallback).not.toMatch(/\]\(https?:/);
    expect(fallback).not.toMatch(/https?:\/\//);
    expect(fallback).toContain('\\*\\*now\\*\\*');
  });

  it('Slack\'s text fallback shows the name as written, without a link Slack would make', () => {
    const { text } = renderBlockKit(model(phish), NOW);
    expect(text).toContain('Reset your password');
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).not.toMatch(/<[^>]*\|/);
    expect(text).toContain('https[:]//evil.example/phish');
  });

  it('notices and investigation results get the same fallback treatment', () => {
    const notice = renderAdaptiveCard({ kind: 'notice', tone: 'info', text: '[x](https://evil.example)' }, NOW);
    expect(String(notice.fallbackText)).not.toMatch(/\]\(https?:/);
  });

  it('the query list (Show queries) and markdown notices too: the alert name escaped and defanged', () => {
    const list: CardModel = { kind: 'query-list', list: { title: `KQL of Who? on "${phish.displayName}"`, queries: [{ name: 'logons', query: "let host = 'x';", timespan: '02:00–03:00 UTC' }] } };
    for (const card of [renderAdaptiveCard(list, NOW), renderAdaptiveCard({ kind: 'notice', tone: 'info', markdown: true, title: phish.displayName, text: '**help**' }, NOW)]) {
      const fallback = String(card.fallbackText);
      expect(fallback).toContain('\\[Reset your password\\]');
      expect(fallback).not.toMatch(/\]\(https?:/);
      expect(fallback).not.toMatch(/https?:\/\//);
    }
    const { text } = renderBlockKit(list, NOW);
    expect(text).toContain('https[:]//evil.example/phish');
    expect(text).not.toMatch(/<[^>]*\|/);
  });
});
