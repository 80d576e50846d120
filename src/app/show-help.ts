import type { UseCase } from './deps';

const HELP = [
  '**investigate** `<alert id | host | ip | account> [window]` — run Who?, Correlate and Analyze on demand (window like 2h, 30m, 1d)',
  '**handoff** `[note]` — post the shift handoff; `handoff note <text>` adds a note for the next shift',
  '**triage** — list open alerts without a decision, oldest first',
  '**help** — this list',
  'On an alert card: **Who?** finds the account behind it, **Correlate** finds related alerts, **Analyze** decodes the command line; vote a verdict with the vote buttons.',
].join('\n\n');

export const showHelp: UseCase<'help'> = async () => ({
  reply: { kind: 'notice', tone: 'info', title: 'defender-triage-bot', text: HELP },
});
