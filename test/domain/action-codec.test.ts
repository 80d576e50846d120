import { actionId, decodeAction, encodeAction, inputActionId, inputIdFromActionId, verbFromActionId } from '../../src/domain/action-codec';
import type { Intent } from '../../src/domain/intent';

const intents: Intent[] = [
  { kind: 'investigate', investigation: 'identity', alertId: 'a1' },
  { kind: 'vote', alertId: 'a1', verdict: 'true-positive', severity: 'Medium' },
  { kind: 'snooze', alertId: 'a1', minutes: 60 },
  { kind: 'handoff-ack', handoffId: 'h1' },
  { kind: 'triage-list' },
];

describe('action codec', () => {
  it.each(intents)('round-trips %o', (intent) => {
    const encoded = encodeAction(intent);
    expect(decodeAction(encoded.verb, encoded.data)).toEqual({ ok: true, intent });
    expect(decodeAction(verbFromActionId(actionId(encoded)), JSON.stringify(encoded.data))).toEqual({ ok: true, intent });
  });

  it('refuses unknown verbs and bad data with a reason', () => {
    expect(decodeAction('dtb.nope', {})).toEqual({ ok: false, reason: 'unknown action "dtb.nope"' });
    expect(decodeAction('dtb.vote', { alertId: 'a', verdict: 'maybe' })).toEqual({ ok: false, reason: 'unknown verdict' });
    expect(decodeAction('dtb.snooze', { alertId: 'a', minutes: '-5' })).toMatchObject({ ok: false });
    expect(decodeAction('dtb.investigate', '{not json')).toEqual({ ok: false, reason: 'missing alertId' });
  });

  it('gives vote buttons of one alert distinct Slack action ids', () => {
    const ids = (['true-positive', 'benign-positive', 'false-positive'] as const).map((verdict) =>
      actionId(encodeAction({ kind: 'vote', alertId: 'a', verdict })),
    );
    expect(new Set(ids).size).toBe(3);
  });
});

describe('card inputs on Slack (dtb.input.<id>)', () => {
  it('names an input and gets its id back; button ids and the bare prefix are not inputs', () => {
    expect(inputActionId('severity')).toBe('dtb.input.severity');
    expect(inputIdFromActionId(inputActionId('severity'))).toBe('severity');
    expect(inputIdFromActionId('dtb.vote.true-positive')).toBeUndefined();
    expect(inputIdFromActionId('dtb.input.')).toBeUndefined();
    expect(inputIdFromActionId('link.1')).toBeUndefined();
  });

  it('an input id never decodes to an intent on its own (picking records nothing)', () => {
    expect(decodeAction(verbFromActionId(inputActionId('severity')), { severity: 'High' }).ok).toBe(false);
  });
});
