/** Alerts whose every text field carries the same attacker-controlled value, for output-safety tests. */
import type { Alert } from '../../../src/domain/alert';
import { flagshipAlert } from '../../helpers/alerts';

/** Puts `value` in every string field an attacker can influence (and keeps the alert otherwise valid). */
export function alertWithEverywhere(value: string): Alert {
  return flagshipAlert({
    displayName: value,
    description: value,
    alertType: value,
    productName: value,
    compromisedEntity: value,
    resourceName: value,
    resourceGroup: value,
    subscriptionId: value,
    tactics: [value],
    techniques: [value],
    subTechniques: [value],
    workspace: { workspaceId: value, resourceGroup: value },
    links: [{ label: value, href: `https://contoso.example/${encodeURIComponent(value)}` }],
    who: [{ kind: 'account', name: value, domain: value, sid: value, isLocal: true, isEntra: false }],
    where: [{ kind: 'host', hostName: value, osVersion: value }],
    what: [
      { kind: 'process', commandLine: value, imageFile: value },
      { kind: 'file', name: value, directory: value, hashes: [] },
      { kind: 'ip', address: value },
      { kind: 'url', url: value },
      { kind: 'domain', domain: value },
      { kind: 'other', type: value, summary: value },
    ],
  });
}

export const SLACK_SPECIALS = ['<!channel>', '<!here>', '<@U0123ABCD>', '<#C0123ABCD>', '<!subteam^S123>', '<http://evil.example|Open the portal>'];

export const MARKDOWN_PAYLOADS = [
  '[Open the portal](http://evil.example/login)',
  '![pixel](http://evil.example/p.png)',
  '<http://evil.example>',
  '<a href="http://evil.example">x</a>',
  '<img src=x onerror=alert(1)>',
  '# Heading',
  '- list item',
  '1. numbered',
  '> quote',
  'text\n===',
  '**bold** _em_ `code` ~~strike~~',
  '[ref]: http://evil.example\n[ref]',
  '| a | b |\n|---|---|\n| 1 | 2 |',
  '\\[escaped\\](http://evil.example)',
  '&#91;x&#93;(http://evil.example) &amp;',
];
