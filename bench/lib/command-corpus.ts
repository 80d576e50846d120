/**
 * The labelled command-line corpus of test/fixtures/command-corpus/ (sources and licences in its
 * README): malicious entries with the finding ids a correct analyser must report, and benign ones
 * that must raise nothing suspicious. Read from the repository only, validated on load.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FINDING_IDS } from '../../src/domain/command-analysis';

export const CORPUS_DIR = path.resolve(__dirname, '../../test/fixtures/command-corpus');
export const CORPUS_SHELLS = ['powershell', 'cmd', 'sh', 'bash', 'php', 'python'] as const;
export type CorpusShell = (typeof CORPUS_SHELLS)[number];

/** The finding ids a label may name: the engine's own (issue 21's ids are among them now). */
export const KNOWN_FINDING_IDS: readonly string[] = FINDING_IDS;

/**
 * On a benign entry these findings describe what an admin script legitimately does, so they are
 * not false positives anywhere; an entry's own `tolerated` list adds facts true of that command
 * (a `curl -o file` is a download-cradle, an Intune script runs with -ExecutionPolicy Bypass).
 */
export const BENIGN_TOLERATED: readonly string[] = ['process-start', 'discovery'];

export interface CorpusEntry {
  id: string;
  source: string;
  /** MITRE ATT&CK technique (T1059.001), or `benign:<category>` for the benign set */
  technique: string;
  command: string;
  shell: CorpusShell;
  /** finding ids a correct analyser must report; [] on benign entries */
  expected: string[];
  /** benign entries: findings that are true of this command and not a false positive */
  tolerated?: string[];
}

export interface CommandCorpus {
  labelled: CorpusEntry[];
  benign: CorpusEntry[];
}

export const LABELLED_FILES = ['atomic-red-team.json', 'lolbas-own.json', 'own-malicious.json'];
export const BENIGN_FILES = ['benign.json'];

export function loadCommandCorpus(dir = CORPUS_DIR): CommandCorpus {
  const read = (file: string) => readEntries(path.join(dir, file));
  const corpus = { labelled: LABELLED_FILES.flatMap(read), benign: BENIGN_FILES.flatMap(read) };
  const seen = new Set<string>();
  for (const e of [...corpus.labelled, ...corpus.benign]) {
    if (seen.has(e.id)) throw new Error(`command corpus: entry id "${e.id}" appears twice; ids must be unique across ${dir}`);
    seen.add(e.id);
  }
  for (const e of corpus.labelled) if (e.expected.length === 0) throw new Error(`command corpus: labelled entry ${e.id} expects no finding; label it or drop it`);
  for (const e of corpus.benign) if (e.expected.length > 0) throw new Error(`command corpus: benign entry ${e.id} must have expected: []`);
  return corpus;
}

function readEntries(file: string): CorpusEntry[] {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries?: unknown };
  if (!Array.isArray(doc.entries)) throw new Error(`command corpus: ${file} has no "entries" array`);
  return doc.entries.map((raw, i) => validateEntry(raw, `${path.basename(file)} entry ${i}`));
}

export function validateEntry(raw: unknown, where: string): CorpusEntry {
  const e = raw as Partial<CorpusEntry>;
  const fail = (what: string): never => {
    throw new Error(`command corpus: ${where} (${String(e?.id)}): ${what}`);
  };
  for (const key of ['id', 'source', 'technique', 'command'] as const) if (typeof e?.[key] !== 'string' || !e[key]) fail(`"${key}" must be a non-empty string`);
  if (!/^(T\d{4}(\.\d{3})?|benign:[a-z-]+)$/.test(e.technique!)) fail(`technique "${e.technique}" is neither a MITRE id (T1059.001) nor benign:<category>`);
  if (!CORPUS_SHELLS.includes(e.shell as CorpusShell)) fail(`shell "${String(e.shell)}" is not one of ${CORPUS_SHELLS.join(', ')}`);
  for (const key of ['expected', 'tolerated'] as const) {
    const ids = e[key] ?? (key === 'tolerated' ? [] : undefined);
    if (!Array.isArray(ids)) fail(`"${key}" must be an array of finding ids`);
    const unknown = ids!.find((id) => !KNOWN_FINDING_IDS.includes(id));
    if (unknown !== undefined) fail(`"${key}" names "${String(unknown)}", not a known finding id`);
    if (new Set(ids).size !== ids!.length) fail(`"${key}" repeats a finding id`);
  }
  return e as CorpusEntry;
}
