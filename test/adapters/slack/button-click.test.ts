import { actorOf, inputValues, originOf } from '../../../src/adapters/slack/button-click';

const base = { user: { id: 'U1', username: 'alice', name: 'alice' }, actions: [{ action_id: 'dtb.help' }] };

describe('originOf', () => {
  it('takes the thread root from thread_ts, or the message itself when it is a root', () => {
    expect(originOf({ ...base, channel: { id: 'C1' }, message: { ts: '1.1' } })).toEqual({ platform: 'slack', channelId: 'C1', messageId: '1.1', threadId: '1.1' });
    expect(originOf({ ...base, channel: { id: 'C1' }, message: { ts: '2.2', thread_ts: '1.1' } })).toEqual({
      platform: 'slack',
      channelId: 'C1',
      messageId: '2.2',
      threadId: '1.1',
    });
  });

  it('never names an ephemeral message as something to update', () => {
    expect(originOf({ ...base, container: { channel_id: 'C1', message_ts: '3.3', thread_ts: '1.1', is_ephemeral: true } })).toEqual({
      platform: 'slack',
      channelId: 'C1',
      threadId: '1.1',
    });
  });

  it('has no origin without a channel (e.g. a click in a modal)', () => {
    expect(originOf(base)).toBeUndefined();
  });
});

it('actorOf names the Slack user', () => {
  expect(actorOf({ ...base, user: { id: 'U9', username: 'bob' } })).toEqual({ platform: 'slack', userId: 'U9', displayName: 'bob', org: { teamIds: [], enterpriseId: undefined } });
  expect(actorOf({ ...base, team: { id: 'T1' }, enterprise: { id: 'E1' }, user: { id: 'U9', team_id: 'T2' } }).org).toEqual({ teamIds: ['T1', 'T2'], enterpriseId: 'E1' });
});

describe('inputValues (card inputs joined to the next button click)', () => {
  const select = (initial: string) => ({
    type: 'static_select',
    action_id: 'dtb.input.severity',
    initial_option: { text: { type: 'plain_text', text: `Severity: ${initial}` }, value: initial },
  });
  const withBlocks = { ...base, message: { ts: '1.1', blocks: [{ type: 'actions', elements: [select('High'), { type: 'button', action_id: 'dtb.vote.true-positive' }] }] } };

  it("takes the clicker's pick from state.values, keyed by the input id", () => {
    const state = { values: { row: { 'dtb.input.severity': { type: 'static_select', selected_option: { value: 'Low' } }, other: { type: 'static_select', selected_option: { value: 'x' } } } } };
    expect(inputValues({ ...withBlocks, state })).toEqual({ severity: 'Low' });
  });

  it('falls back to the initial option shown on the card when nothing was picked (or the pick was cleared)', () => {
    expect(inputValues(withBlocks)).toEqual({ severity: 'High' });
    const cleared = { values: { row: { 'dtb.input.severity': { type: 'static_select', selected_option: null } } } };
    expect(inputValues({ ...withBlocks, state: cleared })).toEqual({ severity: 'High' });
  });

  it('is empty for a message without inputs', () => {
    expect(inputValues({ ...base, message: { ts: '1.1', blocks: [{ type: 'section' }] } })).toEqual({});
  });
});
