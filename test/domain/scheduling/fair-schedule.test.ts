/** Whose query goes next: clicks before background work, owners in turn, first in first out per owner. */
import { FairSchedule } from '../../../src/domain/scheduling/fair-schedule';

function drain<T>(s: FairSchedule<T>, allowed?: Parameters<FairSchedule<T>['next']>[0]): T[] {
  const out: T[] = [];
  for (let next = s.next(allowed); next; next = s.next(allowed)) out.push(next.item);
  return out;
}

describe('FairSchedule', () => {
  test('someone who just arrived goes before an owner who has been served all along', () => {
    const s = new FairSchedule<string>();
    for (let i = 1; i <= 20; i++) s.add('interactive', 'flooder', `f${i}`);
    const served = [s.next()!.item, s.next()!.item, s.next()!.item];
    s.add('interactive', 'analyst', 'a1');
    s.add('interactive', 'analyst', 'a2');
    expect(served).toEqual(['f1', 'f2', 'f3']);
    expect(drain(s).slice(0, 5)).toEqual(['a1', 'f4', 'a2', 'f5', 'f6']);
  });

  test('an owner whose queries were all taken at once is still the one served last when more of them wait', () => {
    const s = new FairSchedule<string>();
    for (let i = 1; i <= 5; i++) {
      s.add('interactive', 'flooder', `f${i}`);
      expect(s.next()!.item).toBe(`f${i}`); // free slots: each is taken as it comes
    }
    s.add('interactive', 'flooder', 'f6');
    s.add('interactive', 'analyst', 'a1');
    expect(drain(s)).toEqual(['a1', 'f6']);
  });

  test('each owner is served first in, first out; owners take turns', () => {
    const s = new FairSchedule<string>();
    s.add('interactive', 'alice', 'a1');
    s.add('interactive', 'alice', 'a2');
    s.add('interactive', 'bob', 'b1');
    s.add('interactive', 'bob', 'b2');
    s.add('interactive', 'carol', 'c1');
    expect(drain(s)).toEqual(['a1', 'b1', 'c1', 'a2', 'b2']);
  });

  test('background work goes only when no click is waiting', () => {
    const s = new FairSchedule<string>();
    s.add('background', 'auto', 'x1');
    s.add('background', 'auto', 'x2');
    s.add('interactive', 'alice', 'a1');
    expect(s.next()).toEqual({ lane: 'interactive', owner: 'alice', item: 'a1' });
    s.add('interactive', 'bob', 'b1');
    expect(drain(s)).toEqual(['b1', 'x1', 'x2']);
  });

  test('a lane the caller does not allow is skipped, and its items stay', () => {
    const s = new FairSchedule<string>();
    s.add('background', 'auto', 'x1');
    expect(s.next((lane) => lane === 'interactive')).toBeUndefined();
    expect(s.size('background')).toBe(1);
    expect(s.next()!.item).toBe('x1');
    expect(s.size()).toBe(0);
  });

  test('remove takes items out wherever they wait', () => {
    const s = new FairSchedule<{ job: string; n: number }>();
    s.add('interactive', 'alice', { job: 'j1', n: 1 });
    s.add('background', 'auto', { job: 'j1', n: 2 });
    s.add('interactive', 'alice', { job: 'j2', n: 3 });
    expect(s.remove((i) => i.job === 'j1').map((i) => i.n)).toEqual([1, 2]);
    expect(drain(s).map((i) => i.n)).toEqual([3]);
  });

  test('move lifts background items into the click lane under a new owner, in order', () => {
    const s = new FairSchedule<string>();
    s.add('background', 'auto', 'x1');
    s.add('background', 'auto', 'x2');
    s.add('background', 'auto', 'y1');
    s.add('interactive', 'bob', 'b1');
    s.move((i) => i.startsWith('x'), 'interactive', 'alice');
    expect(s.size('interactive')).toBe(3);
    expect(drain(s)).toEqual(['b1', 'x1', 'x2', 'y1']);
  });
});
