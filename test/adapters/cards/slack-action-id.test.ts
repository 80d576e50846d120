/**
 * Slack's action_id for the codec's actions (adapters/cards/slack-action-id.ts): unique per button
 * of a message, back to the verb on a click, and card inputs that are never verbs.
 */
import { actionId, inputActionId, inputIdFromActionId, verbFromActionId } from '../../../src/adapters/cards/slack-action-id';
import { decodeAction, encodeAction } from '../../../src/domain/action-codec';
import type { Intent } from '../../../src/domain/intent';

const intents: Intent[] = [
  { kind: 'investigate', investigation: 'identity', alertId: 'a1' },
  { kind: 'vote', alertId: 'a1', verdict: 'true-positive', severity: 'Medium' },
  { kind: 'snooze', alertId: 'a1', minutes: 60 },
  { kind: 'handoff-ack', handoffId: 'h1' },
  { kind: 'show-queries', investigation: 'correlation', alertId: 'a1' },
  { kind: 'triage-list' },
];

describe('Slack action ids', () => {
  it.each(intents)('round-trip %o through action_id and value', (intent) => {
    const encoded = encodeAction(intent);
    expect(decodeAction(verbFromActionId(actionId(encoded))!, JSON.stringify(encoded.data))).toEqual({ ok: true, intent });
  });

  it('keep the format of the cards already posted', () => {
    expect(actionId(encodeAction({ kind: 'vote', alertId: 'a', verdict: 'false-positive' }))).toBe('dtb.vote.false-positive');
    expect(actionId(encodeAction({ kind: 'snooze', alertId: 'a', minutes: 240 }))).toBe('dtb.snooze.240');
    expect(actionId(encodeAction({ kind: 'refresh', alertId: 'a' }))).toBe('dtb.refresh');
    expect(verbFromActionId('dtb.investigate.identity')).toBe('dtb.investigate');
  });

  it('give vote buttons of one alert distinct ids', () => {
    const ids = (['true-positive', 'benign-positive', 'false-positive'] as const).map((verdict) => actionId(encodeAction({ kind: 'vote', alertId: 'a', verdict })));
    expect(new Set(ids).size).toBe(3);
  });

  it('have no verb for ids that are not ours (link buttons, other apps)', () => {
    expect(verbFromActionId('link.1')).toBeUndefined();
    expect(verbFromActionId('approve')).toBeUndefined();
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

  it('an input id is never a verb (picking records nothing)', () => {
    expect(verbFromActionId(inputActionId('severity'))).toBeUndefined();
  });
});
