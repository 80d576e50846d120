/**
 * The terminal log formatter prints what comes from outside (a channel name, an alert field) so it
 * cannot forge a log line or drive the terminal: control characters and ANSI escapes are shown.
 */
import { formatLogLine, terminalLogStream } from '../../../src/adapters/local/terminal-log';

const line = (entry: Record<string, unknown>) => JSON.stringify({ level: 'warn', time: Date.parse('2026-12-07T10:00:00Z'), ...entry });

describe('terminal log formatter', () => {
  it('shows newlines, carriage returns and ANSI escapes in the message and in values instead of acting on them', () => {
    const forged = 'alerts\n10:00:00 INFO  all clear  user=admin';
    const out = formatLogLine(line({ msg: 'posted to \u001b[2K\rchannel', channel: forged, nested: { name: '\u001b]0;pwned\u0007' } }));
    expect(out).toBe(
      '10:00:00  WARN   posted to \\u001b[2K\\rchannel  channel=alerts\\n10:00:00 INFO  all clear  user=admin  nested={"name":"\\u001b]0;pwned\\u0007"}',
    );
    expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('shows C1 controls, DEL, line separators and bidirectional overrides too; keys are not trusted either', () => {
    const out = formatLogLine(line({ msg: 'x', 'key\u009b31m': 'a\u007fb\u2028c\u202ed\u2066e' }));
    expect(out).toBe('10:00:00  WARN   x  key\\u009b31m=a\\u007fb\\u2028c\\u202ed\\u2066e');
  });

  it('a line that is not JSON is shown escaped as well, and one output line stays one line', () => {
    expect(formatLogLine('plain \u001b[31mred\r\n')).toBe('plain \\u001b[31mred\\r\\n');
    const lines: string[] = [];
    const stream = terminalLogStream((l) => lines.push(l));
    stream.write(`${line({ msg: 'a\nb' })}\n${line({ msg: 'c' })}\n`);
    expect(lines).toEqual(['10:00:00  WARN   a\\nb\n', '10:00:00  WARN   c\n']);
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    expect(formatLogLine(line({ msg: 'Größe ✓ 🚨', channel: 'C0SOC' }))).toBe('10:00:00  WARN   Größe ✓ 🚨  channel=C0SOC');
  });
});
