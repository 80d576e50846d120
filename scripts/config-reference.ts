/**
 * Writes docs/configuration.md from the one config schema (src/config/schema.ts), so the
 * reference cannot drift from what startup validates. `npm run docs:config`; a test checks it is
 * up to date.
 */
import fs from 'node:fs';
import path from 'node:path';
import { configSchema } from '../src/config/schema';

const GROUPS: [string, RegExp][] = [
  ['General', /^(PORT|HOST|DATABASE_URL|LOG_LEVEL|ALERT_REPLAY_DIR|LOCAL_DEMO)$/],
  ['Slack', /^SLACK_/],
  ['Microsoft Teams', /^TEAMS_/],
  ['Routing', /^ROUTING_/],
  ['Azure (Defender, Log Analytics, identity)', /^(AZURE_|ARM_|LOG_ANALYTICS_|POLL_)/],
  ['Investigations', /^(INVESTIGATION_|CORRELATION_)/],
  ['Triage and handoff', /^(VOTE_|TRIAGE_|WRITE_BACK|SHIFTS|HANDOFF_)/],
  ['Ingest (webhook, Event Hubs, storms)', /^(WEBHOOK_|EVENTHUB_|CHECKPOINT_|STORM_|OUTBOX_)/],
];

export function configReference(): string {
  const entries = Object.entries(configSchema.shape).map(([name, schema]) => ({
    name,
    description: ((schema as { description?: string }).description ?? '').replace(/\|/g, '\\|'),
  }));
  const out = [
    '# Configuration reference',
    '',
    'Generated from `src/config/schema.ts` by `npm run docs:config` — do not edit by hand.',
    'Every variable may also be set in a `.env` file in the working directory (the environment wins).',
    'Startup validates all of them and reports every problem at once, naming the variable.',
    'With none of the Slack, Teams or Azure variables set, the bot starts in **local mode**.',
    '',
  ];
  const seen = new Set<string>();
  for (const [title, pattern] of [...GROUPS, ['Other', /.*/] as [string, RegExp]]) {
    const group = entries.filter((e) => pattern.test(e.name) && !seen.has(e.name));
    if (!group.length) continue;
    out.push(`## ${title}`, '', '| variable | meaning |', '|---|---|');
    for (const e of group) {
      seen.add(e.name);
      out.push(`| \`${e.name}\` | ${e.description} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

export const CONFIG_DOC = path.join(__dirname, '..', 'docs', 'configuration.md');

if (require.main === module) {
  fs.writeFileSync(CONFIG_DOC, configReference());
  process.stdout.write(`wrote ${path.relative(process.cwd(), CONFIG_DOC)}\n`);
}
