/**
 * `help`: the commands, as markdown every surface renders (Adaptive Card markdown on Teams and the
 * local channel, converted to mrkdwn for Slack). Only our own text is marked up; nothing in it
 * comes from a user or an alert.
 */
import type { UseCase } from './deps';

const HELP = [
  '- **investigate** _alert id_ — Who?, Correlate and Analyze on that alert, around its own time',
  '- **investigate** _host, IP or account_ _[window]_ — Who? and Correlate over the window ending now (30m, 2h, 1d, 7d; default 24h; at most 30d), and Analyze (threat intelligence) on an IP or on the IOCs of the alerts about it. **investigate who** … (or **correlate**, **analyze**) runs just that one',
  '- **handoff** _[note]_ — post the shift handoff; **handoff note** _text_ adds a note for the next shift',
  '- **triage** — open alerts without a decision, oldest first',
  '- **help** — this list',
  '',
  'On an alert card: **Who?** finds the account behind it, **Correlate** finds related alerts, **Analyze** decodes the command line and looks up its IOCs; the vote buttons vote a verdict, and once it is decided a lead can **Reopen** it.',
].join('\n');

export const showHelp: UseCase<'help'> = async () => ({
  reply: { kind: 'notice', tone: 'info', title: 'defender-triage-bot', text: HELP, markdown: true },
});
