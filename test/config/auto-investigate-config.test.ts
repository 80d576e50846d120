import { loadConfig } from '../../src/config/load-config';

describe('AUTO_INVESTIGATE_MIN_SEVERITY', () => {
  it('defaults to High; in local mode (the demo workspace) to Medium, so the flagship alert is investigated; accepts a severity or off', () => {
    expect(loadConfig({ LOG_ANALYTICS_WORKSPACE_ID: '8c1d2e3f-4a5b-4c6d-9e7f-0a1b2c3d4e5f' }).AUTO_INVESTIGATE_MIN_SEVERITY).toBe('High');
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_ALERT_CHANNEL: 'C0SOC' }).AUTO_INVESTIGATE_MIN_SEVERITY).toBe('High');
    expect(loadConfig({}).mode).toBe('local');
    expect(loadConfig({}).AUTO_INVESTIGATE_MIN_SEVERITY).toBe('Medium');
    expect(loadConfig({ AUTO_INVESTIGATE_MIN_SEVERITY: 'High' }).AUTO_INVESTIGATE_MIN_SEVERITY).toBe('High');
    expect(loadConfig({ AUTO_INVESTIGATE_MIN_SEVERITY: 'High' }).AUTO_INVESTIGATE_MIN_SEVERITY).toBe('High');
    expect(loadConfig({ AUTO_INVESTIGATE_MIN_SEVERITY: 'off' }).AUTO_INVESTIGATE_MIN_SEVERITY).toBe('off');
  });

  it('refuses anything else, naming the variable and the values it takes', () => {
    expect(() => loadConfig({ AUTO_INVESTIGATE_MIN_SEVERITY: 'critical' })).toThrow(/AUTO_INVESTIGATE_MIN_SEVERITY: must be High, Medium, Low, Informational or off/);
  });
});
