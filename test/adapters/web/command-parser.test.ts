import { isCommandError, parseCommand } from '../../../src/domain/command-parser';

describe('parseCommand', () => {
  it('parses investigate with a target and an optional window', () => {
    expect(parseCommand('/investigate web-vm-01 2h')).toEqual({ kind: 'investigate-target', target: 'web-vm-01', window: '2h' });
    expect(parseCommand('investigate 198.51.100.23')).toEqual({ kind: 'investigate-target', target: '198.51.100.23' });
    expect(parseCommand('  INVESTIGATE   WEB-VM-01\\svc-backup   1D ')).toEqual({
      kind: 'investigate-target',
      target: 'WEB-VM-01\\svc-backup',
      window: '1d',
    });
  });

  it('accepts an investigation kind before the target', () => {
    expect(parseCommand('investigate who web-vm-01')).toEqual({ kind: 'investigate-target', target: 'web-vm-01', investigation: 'identity' });
    expect(parseCommand('investigate correlate web-vm-01 30m')).toMatchObject({ investigation: 'correlation', window: '30m' });
    expect(parseCommand('investigate analyze abc')).toMatchObject({ investigation: 'analyze', target: 'abc' });
    // A single word is always the target, even when it reads like a kind.
    expect(parseCommand('investigate who')).toEqual({ kind: 'investigate-target', target: 'who' });
  });

  it('rejects investigate without a target, with a bad window or extra words', () => {
    expect(parseCommand('investigate')).toEqual({ error: expect.stringContaining('needs a target') });
    expect(parseCommand('investigate web-vm-01 yesterday')).toEqual({ error: expect.stringContaining('window "yesterday"') });
    expect(parseCommand('investigate web-vm-01 0h')).toEqual({ error: expect.stringContaining('not understood') });
    expect(parseCommand('investigate a b c')).toEqual({ error: expect.stringContaining('one target') });
    expect(isCommandError(parseCommand(`investigate ${'x'.repeat(201)}`))).toBe(true);
  });

  it('parses handoff, handoff with a note and handoff note', () => {
    expect(parseCommand('/handoff')).toEqual({ kind: 'handoff' });
    expect(parseCommand('handoff quiet night, watch web-vm-01')).toEqual({ kind: 'handoff', note: 'quiet night, watch web-vm-01' });
    expect(parseCommand('handoff note check   rg-prod-web\nbackups')).toEqual({ kind: 'handoff-note', note: 'check   rg-prod-web\nbackups' });
    expect(parseCommand('handoff NOTE')).toEqual({ error: expect.stringContaining('needs the text') });
    // "notes" is not the sub-command: it is the start of a handoff note.
    expect(parseCommand('handoff notes follow')).toEqual({ kind: 'handoff', note: 'notes follow' });
  });

  it('parses triage and help, including "<command> help"', () => {
    expect(parseCommand('triage')).toEqual({ kind: 'triage-list' });
    expect(parseCommand('/triage now')).toEqual({ error: 'triage takes no arguments' });
    expect(parseCommand('help')).toEqual({ kind: 'help', topic: undefined });
    expect(parseCommand('help /investigate')).toEqual({ kind: 'help', topic: 'investigate' });
    expect(parseCommand('investigate help')).toEqual({ kind: 'help', topic: 'investigate' });
    expect(parseCommand('/handoff help')).toEqual({ kind: 'help', topic: 'handoff' });
  });

  it('answers unknown, empty and oversized input with an error, never an exception', () => {
    expect(parseCommand('')).toEqual({ error: expect.stringContaining('empty') });
    expect(parseCommand('   /  ')).toEqual({ error: expect.stringContaining('empty') });
    expect(parseCommand('<script>alert(1)</script>')).toEqual({ error: expect.stringContaining('unknown command') });
    expect(parseCommand('x'.repeat(5000))).toEqual({ error: expect.stringContaining('too long') });
    expect(parseCommand(undefined as unknown as string)).toEqual({ error: expect.stringContaining('empty') });
  });
});
