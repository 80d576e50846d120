import type { Alert } from '../../src/domain/alert';
import { ConfigError } from '../../src/domain/errors';
import { parseRoutingRules, routeAlert, routingRuleProblems } from '../../src/domain/routing';
import { makeAlert } from '../helpers/alerts';

const SUB_A = '11111111-1111-1111-1111-111111111111';

/** The routing-relevant fields pinned; the rest from the shared test alert. */
const alert = (overrides: Partial<Alert> = {}): Alert =>
  makeAlert({ alertType: 'SIMULATED_PowerShellBypass', severity: 'Medium', subscriptionId: SUB_A, ...overrides });

const defaults = [{ platform: 'slack' as const, channelId: 'CDEFAULT' }];

describe('routeAlert', () => {
  it('sends every alert to the default channels when there are no rules', () => {
    expect(routeAlert(alert(), [], defaults)).toEqual(defaults);
  });

  it('adds a rule channel only when subscription, severity and type all match', () => {
    const rules = parseRoutingRules(
      JSON.stringify([
        { platform: 'slack', channel: 'CSUB', subscription: SUB_A.toUpperCase() },
        { platform: 'slack', channel: 'CHIGH', minSeverity: 'High' },
        { platform: 'teams', channel: '19:x@thread.tacv2', minSeverity: 'Medium', alertType: 'simulated_*' },
        { platform: 'slack', channel: 'COTHERSUB', subscription: '22222222-2222-2222-2222-222222222222' },
      ]),
    );
    expect(routeAlert(alert(), rules, defaults)).toEqual([
      { platform: 'slack', channelId: 'CDEFAULT' },
      { platform: 'slack', channelId: 'CSUB' },
      { platform: 'teams', channelId: '19:x@thread.tacv2' },
    ]);
    expect(routeAlert(alert({ severity: 'High' }), rules, defaults).map((r) => r.channelId)).toContain('CHIGH');
    expect(routeAlert(alert({ severity: 'Low' }), rules, defaults).map((r) => r.channelId)).toEqual(['CDEFAULT', 'CSUB']);
    expect(routeAlert(alert({ alertType: 'VM_Other' }), rules, []).map((r) => r.channelId)).toEqual(['CSUB']);
  });

  it('lists a channel once even when several rules and the default name it', () => {
    const rules = parseRoutingRules('[{"platform":"slack","channel":"CDEFAULT"},{"platform":"slack","channel":"CDEFAULT","minSeverity":"Low"}]');
    expect(routeAlert(alert(), rules, defaults)).toEqual(defaults);
  });

  it('matches alertType exactly unless it ends in *', () => {
    const rules = parseRoutingRules('[{"platform":"slack","channel":"CX","alertType":"SIMULATED"}]');
    expect(routeAlert(alert(), rules, [])).toEqual([]);
    expect(routeAlert(alert({ alertType: 'simulated' }), rules, [])).toEqual([{ platform: 'slack', channelId: 'CX' }]);
  });
});

describe('parseRoutingRules', () => {
  it('treats unset or blank as no rules', () => {
    expect(parseRoutingRules(undefined)).toEqual([]);
    expect(parseRoutingRules('  ')).toEqual([]);
  });

  it('reports every bad rule at once, naming each', () => {
    const problems = routingRuleProblems(
      JSON.stringify([
        { platform: 'slack', channel: 'COK' },
        { platform: 'irc', channel: 'C1' },
        { platform: 'slack', channel: 'C2', minSeverity: 'Critical' },
        { platform: 'slack' },
        { platform: 'slack', channel: 'C3', severity: 'High' },
        'C4',
      ]),
    );
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^ROUTING_RULES\[1\] \(irc → C1\): platform must be one of slack, teams, web/);
    expect(problems[1]).toMatch(/^ROUTING_RULES\[2\] \(slack → C2\): minSeverity must be one of High, Medium, Low, Informational/);
    expect(problems[2]).toMatch(/^ROUTING_RULES\[3\] \(slack → \?\): channel must be/);
    expect(problems[3]).toMatch(/^ROUTING_RULES\[4\].*unknown field\(s\) "severity"/);
    expect(problems[4]).toMatch(/^ROUTING_RULES\[5\]: must be an object/);
  });

  it('throws a ConfigError for bad JSON or a non-array', () => {
    expect(() => parseRoutingRules('{')).toThrow(ConfigError);
    expect(() => parseRoutingRules('{"platform":"slack"}')).toThrow(/must be a JSON array/);
  });
});

describe('Slack channels in rules', () => {
  it('must be channel ids, not #names', () => {
    expect(routingRuleProblems('[{"platform":"slack","channel":"#soc-alerts"}]')).toEqual([
      expect.stringMatching(/^ROUTING_RULES\[0\] \(slack → #soc-alerts\): channel must be a Slack channel id like C0123456789, not a #name/),
    ]);
    expect(routingRuleProblems('[{"platform":"teams","channel":"19:abc@thread.tacv2"},{"platform":"web","channel":"alerts"}]')).toEqual([]);
  });
});
