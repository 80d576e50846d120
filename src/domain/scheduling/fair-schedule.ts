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

/** Owners remembered after their line emptied, before the ones served longest ago are forgotten. */
const REMEMBERED_OWNERS = 1000;

export class FairSchedule<T> {
  private readonly lines: Record<Lane, Map<string, T[]>> = { interactive: new Map(), background: new Map() };
  /**
   * The turn at which each owner was last served, kept when their line empties: someone whose
   * every query is taken at once (free slots) is still the one served most recently when their
   * next ones wait. Unknown (-1): served before anyone remembered, so first.
   */
  private readonly lastServed = new Map<string, number>();
  private turn = 0;

  add(lane: Lane, owner: string, item: T): void {
    const lines = this.lines[lane];
    const line = lines.get(owner) ?? [];
    line.push(item);
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
      const item = line.shift()!;
      if (!line.length) this.lines[lane].delete(owner);
      this.served(owner);
      return { lane, owner, item };
    }
    return undefined;
  }

  /** Takes every item `match` selects out of the schedule (e.g. the queries of a dropped investigation). */
  remove(match: (item: T) => boolean): T[] {
    const removed: T[] = [];
    for (const lane of LANES) {
      for (const [owner, line] of this.lines[lane]) {
        removed.push(...line.filter(match));
        const kept = line.filter((item) => !match(item));
        if (kept.length) this.lines[lane].set(owner, kept);
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
    for (const l of lanes) for (const line of this.lines[l].values()) n += line.length;
    return n;
  }

  private leastRecentlyServed(lane: Lane): [string, T[]] | undefined {
    let best: [string, T[]] | undefined;
    let bestTurn = Infinity;
    for (const entry of this.lines[lane]) {
      const turn = this.lastServed.get(entry[0]) ?? -1;
      if (turn < bestTurn) [best, bestTurn] = [entry, turn];
    }
    return best;
  }

  private served(owner: string): void {
    this.lastServed.delete(owner); // re-inserted last: the map stays ordered by turn
    this.lastServed.set(owner, this.turn++);
    if (this.lastServed.size <= REMEMBERED_OWNERS) return;
    const waiting = new Set(LANES.flatMap((l) => [...this.lines[l].keys()]));
    for (const known of this.lastServed.keys()) {
      if (this.lastServed.size <= REMEMBERED_OWNERS) break;
      if (!waiting.has(known)) this.lastServed.delete(known);
    }
  }
}
