import { parseShifts, previousShift, shiftAt, zonedTimeToUtc, type ShiftSchedule } from '../../../src/domain/handoff/shifts';

const berlin = (): ShiftSchedule => {
  const r = parseShifts('Europe/Berlin 07:00,15:00,23:00');
  if (!r.ok) throw new Error(r.reason);
  return r.schedule;
};

describe('parseShifts', () => {
  it('reads a time zone and start times', () => {
    expect(parseShifts('Europe/Berlin 15:00, 07:00,23:00')).toEqual({ ok: true, schedule: { timeZone: 'Europe/Berlin', startMinutes: [420, 900, 1380] } });
  });
  it('names what is wrong', () => {
    expect(parseShifts('Mars/Olympus 07:00')).toMatchObject({ ok: false, reason: expect.stringContaining('Mars/Olympus') });
    expect(parseShifts('UTC 7am')).toMatchObject({ ok: false, reason: expect.stringContaining('7am') });
    expect(parseShifts('07:00')).toMatchObject({ ok: false });
  });
});

describe('shift boundaries in a time zone', () => {
  it('uses the zone offset: 15:00 Berlin in winter is 14:00 UTC, in summer 13:00 UTC', () => {
    expect(new Date(zonedTimeToUtc('Europe/Berlin', 2026, 11, 27, 15, 0)).toISOString()).toBe('2026-11-27T14:00:00.000Z');
    expect(new Date(zonedTimeToUtc('Europe/Berlin', 2026, 7, 1, 15, 0)).toISOString()).toBe('2026-07-01T13:00:00.000Z');
  });

  it('finds the current shift, including the one that spans midnight', () => {
    const day = shiftAt(berlin(), new Date('2026-11-27T10:00:00Z'));
    expect([day.start.toISOString(), day.end.toISOString(), day.label]).toEqual([
      '2026-11-27T06:00:00.000Z',
      '2026-11-27T14:00:00.000Z',
      '07:00–15:00 Europe/Berlin',
    ]);
    const night = shiftAt(berlin(), new Date('2026-11-27T02:20:00Z'));
    expect([night.start.toISOString(), night.end.toISOString()]).toEqual(['2026-11-26T22:00:00.000Z', '2026-11-27T06:00:00.000Z']);
  });

  it('a boundary instant starts the new shift; previousShift is the one that just ended', () => {
    const at = new Date('2026-11-27T14:00:00Z');
    expect(shiftAt(berlin(), at).start.toISOString()).toBe('2026-11-27T14:00:00.000Z');
    expect(previousShift(berlin(), at).start.toISOString()).toBe('2026-11-27T06:00:00.000Z');
  });

  it('follows daylight saving: the night shift over the spring change is one hour shorter', () => {
    // 2026-03-29 02:00 Berlin jumps to 03:00: 23:00 CET (22:00Z) → 07:00 CEST (05:00Z) = 7 h.
    const night = shiftAt(berlin(), new Date('2026-03-29T01:00:00Z'));
    expect([night.start.toISOString(), night.end.toISOString()]).toEqual(['2026-03-28T22:00:00.000Z', '2026-03-29T05:00:00.000Z']);
  });
});
