/**
 * Whose Log Analytics query goes next. Two lanes: clicks and commands (`interactive`) always before
 * anything automatic or scheduled (`background`). Within a lane, every owner (a person, or a
 * background source) has a first-in-first-out line of its own, and the next item comes from the
 * owner served longest ago — someone who just arrived goes before someone who has been served all
 * along, so twenty commands from one person cannot push another person's click back.
 *
 * Pure: no timers, no I/O. The app's queue decides when a slot is free and asks for the next item.
 */
export const LANES = ['interactive', 'background'] as const;
export type Lane = (typeof LANES)[number];

export interface Scheduled<T> {
  lane: Lane;
  owner: string;
  item: T;
}

interface OwnerLine<T> {
  items: T[];
  /** The turn at which this owner was last served (-1: not yet, so it goes first). */
  lastServed: number;
}

export class FairSchedule<T> {
  private readonly lines: Record<Lane, Map<string, OwnerLine<T>>> = { interactive: new Map(), background: new Map() };
  private turn = 0;

  add(lane: Lane, owner: string, item: T): void {
    const lines = this.lines[lane];
    const line = lines.get(owner) ?? { items: [], lastServed: -1 };
    line.items.push(item);
    lines.set(owner, line);
  }

  /**
   * The next item of the first lane that has one and that `allowed` lets go now; in that lane, the
   * oldest item of the owner served longest ago. Removes it from the schedule.
   */
  next(allowed: (lane: Lane) => boolean = () => true): Scheduled<T> | undefined {
    for (const lane of LANES) {
      if (!allowed(lane)) continue;
      const picked = this.leastRecentlyServed(lane);
      if (!picked) continue;
      const [owner, line] = picked;
      const item = line.items.shift()!;
      line.lastServed = this.turn++;
      if (!line.items.length) this.lines[lane].delete(owner);
      return { lane, owner, item };
    }
    return undefined;
  }

  /** Takes every item `match` selects out of the schedule (e.g. the queries of a dropped investigation). */
  remove(match: (item: T) => boolean): T[] {
    const removed: T[] = [];
    for (const lane of LANES) {
      for (const [owner, line] of this.lines[lane]) {
        const kept = line.items.filter((item) => !match(item));
        removed.push(...line.items.filter(match));
        if (kept.length) line.items = kept;
        else this.lines[lane].delete(owner);
      }
    }
    return removed;
  }

  /** Moves the items `match` selects to another lane and owner, keeping their order (a click joining automatic work). */
  move(match: (item: T) => boolean, lane: Lane, owner: string): void {
    for (const item of this.remove(match)) this.add(lane, owner, item);
  }

  /** How many items wait in `lane`, or in every lane. */
  size(lane?: Lane): number {
    const lanes = lane ? [lane] : LANES;
    let n = 0;
    for (const l of lanes) for (const line of this.lines[l].values()) n += line.items.length;
    return n;
  }

  private leastRecentlyServed(lane: Lane): [string, OwnerLine<T>] | undefined {
    let best: [string, OwnerLine<T>] | undefined;
    for (const entry of this.lines[lane]) if (!best || entry[1].lastServed < best[1].lastServed) best = entry;
    return best;
  }
}
