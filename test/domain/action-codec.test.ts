import { decodeAction, encodeAction } from '../../src/domain/action-codec';
import type { Intent } from '../../src/domain/intent';

const intents: Intent[] = [
  { kind: 'investigate', investigation: 'identity', alertId: 'a1' },
  { kind: 'vote', alertId: 'a1', verdict: 'true-positive', severity: 'Medium' },
  { kind: 'snooze', alertId: 'a1', minutes: 60 },
  { kind: 'handoff-ack', handoffId: 'h1' },
  { kind: 'triage-list' },
];

describe('action codec', () => {
  it('names each verb after its intent and nothing of a platform', () => {
    expect(encodeAction({ kind: 'vote', alertId: 'a', verdict: 'true-positive' })).toEqual({ verb: 'dtb.vote', data: { alertId: 'a', verdict: 'true-positive' } });
  });

  it.each(intents)('round-trips %o', (intent) => {
    const encoded = encodeAction(intent);
    expect(decodeAction(encoded.verb, encoded.data)).toEqual({ ok: true, intent });
    // The data as JSON text (a Slack button's value, a web form field) decodes the same.
    expect(decodeAction(encoded.verb, JSON.stringify(encoded.data))).toEqual({ ok: true, intent });
  });

  it('refuses unknown verbs and bad data with a reason', () => {
    expect(decodeAction('dtb.nope', {})).toEqual({ ok: false, reason: 'unknown action "dtb.nope"' });
    expect(decodeAction('dtb.vote', { alertId: 'a', verdict: 'maybe' })).toEqual({ ok: false, reason: 'unknown verdict' });
    expect(decodeAction('dtb.snooze', { alertId: 'a', minutes: '-5' })).toMatchObject({ ok: false });
    expect(decodeAction('dtb.investigate', '{not json')).toEqual({ ok: false, reason: 'missing alertId' });
  });
});
