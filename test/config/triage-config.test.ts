import { loadConfig } from '../../src/config/load-config';
import { parseShifts } from '../../src/domain/handoff/shifts';

describe('triage and handoff configuration', () => {
  it('reports a bad SHIFTS and HANDOFF_CHANNELS together, each by name', () => {
    expect(() => loadConfig({ SHIFTS: 'Mars/Base 07:00', HANDOFF_CHANNELS: 'irc:#soc' })).toThrow(
      /SHIFTS: must be "<IANA time zone>[\s\S]*HANDOFF_CHANNELS: "irc:#soc" must be/,
    );
  });

  it('accepts shifts the domain can parse, and Teams channel ids with colons', () => {
    const config = loadConfig({ SHIFTS: 'Europe/Berlin 07:00,15:00,23:00', HANDOFF_CHANNELS: 'teams:19:abc@thread.tacv2, slack:C0123' });
    expect(parseShifts(config.SHIFTS ?? '').ok).toBe(true);
    expect(config.HANDOFF_CHANNELS).toEqual([
      { platform: 'teams', channelId: '19:abc@thread.tacv2' },
      { platform: 'slack', channelId: 'C0123' },
    ]);
  });
});
