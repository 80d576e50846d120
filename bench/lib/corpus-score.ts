/**
 * The arithmetic of the analyze bench, apart from timing and from the engine: given what the engine
 * reported for each corpus entry, recall (share of labelled behaviours found), false-positive rate
 * (share of benign entries with any finding that is not tolerated) and the same per technique.
 */
import { BENIGN_TOLERATED, type CorpusEntry } from './command-corpus';

export interface EntryOutcome {
  entry: CorpusEntry;
  /** finding ids the engine reported */
  found: string[];
}

export interface RecallCell {
  behaviours: number;
  found: number;
  recall: number | null;
}

export interface Miss {
  entry: string;
  technique: string;
  finding: string;
  command: string;
}

export interface CorpusScore {
  entries: number;
  behaviours: number;
  found: number;
  recall: number | null;
  benign: number;
  false_positive_entries: number;
  false_positive_rate: number | null;
  /** by ATT&CK technique without its sub-technique (T1218.011 → T1218); T1059's are kept apart (one per interpreter) */
  per_technique: Record<string, RecallCell>;
  per_finding: Record<string, RecallCell>;
  misses: Miss[];
  /** benign entries and the findings that made them false positives */
  false_positives: { entry: string; findings: string[]; command: string }[];
}

export function techniqueGroup(technique: string): string {
  return technique.startsWith('T1059.') ? technique : technique.replace(/\.\d{3}$/, '');
}

const ratio = (n: number, d: number): number | null => (d === 0 ? null : Math.round((n / d) * 10_000) / 10_000);

function add(cells: Record<string, RecallCell>, key: string, hit: boolean): void {
  const cell = (cells[key] ??= { behaviours: 0, found: 0, recall: null });
  cell.behaviours += 1;
  if (hit) cell.found += 1;
  cell.recall = ratio(cell.found, cell.behaviours);
}

export function shorten(command: string, max = 120): string {
  const one = command.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

export function scoreCorpus(labelled: EntryOutcome[], benign: EntryOutcome[]): CorpusScore {
  let behaviours = 0;
  let found = 0;
  const per_technique: Record<string, RecallCell> = {};
  const per_finding: Record<string, RecallCell> = {};
  const misses: Miss[] = [];
  for (const { entry, found: reported } of labelled) {
    for (const id of entry.expected) {
      const hit = reported.includes(id);
      behaviours += 1;
      if (hit) found += 1;
      else misses.push({ entry: entry.id, technique: entry.technique, finding: id, command: shorten(entry.command) });
      add(per_technique, techniqueGroup(entry.technique), hit);
      add(per_finding, id, hit);
    }
  }
  const false_positives = benign
    .map(({ entry, found: reported }) => ({ entry: entry.id, findings: reported.filter((id) => !BENIGN_TOLERATED.includes(id) && !(entry.tolerated ?? []).includes(id)), command: shorten(entry.command) }))
    .filter((fp) => fp.findings.length > 0);
  return {
    entries: labelled.length,
    behaviours,
    found,
    recall: ratio(found, behaviours),
    benign: benign.length,
    false_positive_entries: false_positives.length,
    false_positive_rate: ratio(false_positives.length, benign.length),
    per_technique: sortKeys(per_technique),
    per_finding: sortKeys(per_finding),
    misses,
    false_positives,
  };
}

/** Up to `count` misses spread over the finding ids (round robin, in corpus order within each): the first to hand to the parser work. */
export function spreadMisses(misses: Miss[], count: number): Miss[] {
  const byFinding = new Map<string, Miss[]>();
  for (const m of misses) byFinding.set(m.finding, [...(byFinding.get(m.finding) ?? []), m]);
  const queues = [...byFinding.values()];
  const out: Miss[] = [];
  for (let i = 0; out.length < count && queues.some((q) => i < q.length); i++) for (const q of queues) if (i < q.length && out.length < count) out.push(q[i]!);
  return out;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}
