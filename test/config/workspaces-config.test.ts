/** LOG_ANALYTICS_WORKSPACES: workspace ids (GUIDs) or "*", validated at start with the variable named. */
import { loadConfig } from '../../src/config/load-config';
import { problemsOf } from './config-problems';

const CONFIGURED = '8C1D2E3F-4A5B-4C6D-9E7F-0A1B2C3D4E5F';
const OTHER = 'aaaaaaaa-1111-4111-8111-aaaaaaaaaaaa';

describe('LOG_ANALYTICS_WORKSPACES', () => {
  test('absent: undefined (the configured workspace only)', () => {
    expect(loadConfig({ LOG_ANALYTICS_WORKSPACE_ID: CONFIGURED }).LOG_ANALYTICS_WORKSPACES).toBeUndefined();
  });

  test('a list of ids, lower-cased; "*" for any', () => {
    expect(loadConfig({ LOG_ANALYTICS_WORKSPACE_ID: CONFIGURED, LOG_ANALYTICS_WORKSPACES: ` ${OTHER.toUpperCase()} , ${CONFIGURED}` }).LOG_ANALYTICS_WORKSPACES).toEqual({
      kind: 'listed',
      ids: [OTHER, CONFIGURED.toLowerCase()],
    });
    expect(loadConfig({ LOG_ANALYTICS_WORKSPACE_ID: CONFIGURED, LOG_ANALYTICS_WORKSPACES: '*' }).LOG_ANALYTICS_WORKSPACES).toEqual({ kind: 'any' });
  });

  test('every entry that is not a GUID is named, with the variable', () => {
    const problems = problemsOf({ LOG_ANALYTICS_WORKSPACE_ID: CONFIGURED, LOG_ANALYTICS_WORKSPACES: `${OTHER},law-soc,/subscriptions/x` });
    expect(problems).toEqual([
      expect.stringMatching(/^LOG_ANALYTICS_WORKSPACES: "law-soc" is not a workspace id/),
      expect.stringMatching(/^LOG_ANALYTICS_WORKSPACES: "\/subscriptions\/x" is not a workspace id/),
    ]);
  });

  test('"*" with ids, or without a configured workspace, is refused', () => {
    expect(problemsOf({ LOG_ANALYTICS_WORKSPACE_ID: CONFIGURED, LOG_ANALYTICS_WORKSPACES: `*,${OTHER}` })).toEqual([expect.stringMatching(/^LOG_ANALYTICS_WORKSPACES: either "\*"/)]);
    expect(problemsOf({ AZURE_SUBSCRIPTION_IDS: OTHER, LOG_ANALYTICS_WORKSPACES: OTHER })).toEqual([expect.stringMatching(/^LOG_ANALYTICS_WORKSPACE_ID: required with LOG_ANALYTICS_WORKSPACES/)]);
    expect(problemsOf({ LOG_ANALYTICS_WORKSPACE_ID: 'law-soc', LOG_ANALYTICS_WORKSPACES: OTHER })).toEqual([expect.stringMatching(/^LOG_ANALYTICS_WORKSPACE_ID: must be a workspace id \(a GUID\)/)]);
  });
});
