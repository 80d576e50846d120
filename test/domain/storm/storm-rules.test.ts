import { planPlacement, stormKey, type StormFacts } from '../../../src/domain/storm/storm-rules';
import { makeAlert } from '../../helpers/alerts';

const T0 = Date.parse('2026-01-01T10:00:00Z');
const base: StormFacts = { alertId: 'new', alertAt: T0, recentSingles: 0, threshold: 3 };

describe('planPlacement: a complete plan the repository only writes', () => {
  it('below the threshold: a single card, no group', () => {
    expect(planPlacement({ ...base, recentSingles: 1 })).toEqual({ placement: { role: 'single', snoozed: false }, group: { kind: 'none' } });
  });

  it('at the threshold: the earliest single becomes the group card, this alert goes to its thread', () => {
    const plan = planPlacement({ ...base, recentSingles: 2, earliestSingle: { alertId: 'first', alertAt: T0 - 60_000 } });
    expect(plan).toEqual({
      placement: { role: 'member', snoozed: false },
      group: { kind: 'create', anchorAlertId: 'first', adopt: 'first', count: 3, firstAt: T0 - 60_000, lastAt: T0 },
    });
  });

  it('an alert older than the earliest single keeps the group span in order (first ≤ last)', () => {
    const plan = planPlacement({ ...base, alertAt: T0 - 120_000, recentSingles: 2, earliestSingle: { alertId: 'first', alertAt: T0 } });
    expect(plan.group).toMatchObject({ kind: 'create', firstAt: T0 - 120_000, lastAt: T0 - 120_000 });
  });

  it('at the threshold with no earlier card (threshold 1): this alert is the group card', () => {
    expect(planPlacement({ ...base, threshold: 1 })).toEqual({
      placement: { role: 'anchor', snoozed: false },
      group: { kind: 'create', anchorAlertId: 'new', count: 1, firstAt: T0, lastAt: T0 },
    });
  });

  it('an open group takes the alert as one more member', () => {
    expect(planPlacement({ ...base, openGroupId: 7, recentSingles: 5 })).toEqual({
      placement: { role: 'member', snoozed: false },
      group: { kind: 'join', groupId: 7, snoozed: false, at: T0 },
    });
  });

  it('a snoozed group collects the alert, held back and counted, even when another group is open', () => {
    expect(planPlacement({ ...base, snooze: { by: 'U1', groupId: 3 }, openGroupId: 7 })).toEqual({
      placement: { role: 'member', snoozed: true, snoozedBy: 'U1' },
      group: { kind: 'join', groupId: 3, snoozed: true, at: T0 },
    });
  });

  it('a snooze whose group is gone: an open group still holds the alert back', () => {
    expect(planPlacement({ ...base, snooze: { by: 'U1' }, openGroupId: 7 }).placement).toEqual({ role: 'member', snoozed: true, snoozedBy: 'U1' });
  });

  it('a snooze with no group to count on: the alert is placed as without one (posted, never lost)', () => {
    expect(planPlacement({ ...base, snooze: { by: 'U1' } })).toEqual({ placement: { role: 'single', snoozed: false }, group: { kind: 'none' } });
  });
});

describe('stormKey', () => {
  it('same type on the same resource, case-insensitive', () => {
    const a = makeAlert({ alertType: 'VM_X', resourceId: '/subscriptions/S/VM1' });
    expect(stormKey(a)).toBe(stormKey({ ...a, resourceId: '/SUBSCRIPTIONS/s/vm1' }));
    expect(stormKey(a)).not.toBe(stormKey({ ...a, alertType: 'VM_Y' }));
  });
});
