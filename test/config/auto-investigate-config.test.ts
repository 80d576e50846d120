import { loadConfig } from '../../src/config/load-config';

describe('AUTO_INVESTIGATE_MIN_SEVERITY', () => {
  it('defaults to Medium (the flagship alert is investigated), accepts a severity or off', () => {
    expect(loadConfig({}).AUTO_INVESTIGATE_MIN_SEVERITY).toBe('Medium');
    expect(loadConfig({ AUTO_INVESTIGATE_MIN_SEVERITY: 'High' }).AUTO_INVESTIGATE_MIN_SEVERITY).toBe('High');
    expect(loadConfig({ AUTO_INVESTIGATE_MIN_SEVERITY: 'off' }).AUTO_INVESTIGATE_MIN_SEVERITY).toBe('off');
  });

  it('refuses anything else, naming the variable and the values it takes', () => {
    expect(() => loadConfig({ AUTO_INVESTIGATE_MIN_SEVERITY: 'critical' })).toThrow(/AUTO_INVESTIGATE_MIN_SEVERITY: must be High, Medium, Low, Informational or off/);
  });
});
