/**
 * The analyze bench's corpus and arithmetic: the vendored corpus is well formed (known shells and
 * finding ids, unique ids, enough entries, sources named), and recall / false-positive rate are
 * computed right — checked on synthetic engines whose figures are known, not on the real engine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { benchAnalyze, worstCases, type CommandAnalyser } from '../../bench/analyze';
import { CORPUS_DIR, CORPUS_SHELLS, KNOWN_FINDING_IDS, loadCommandCorpus, validateEntry, type CorpusEntry } from '../../bench/lib/command-corpus';
import { scoreCorpus, spreadMisses, techniqueGroup } from '../../bench/lib/corpus-score';
import { FINDING_IDS } from '../../src/domain/command-analysis';

const corpus = loadCommandCorpus();
const entry = (over: Partial<CorpusEntry>): CorpusEntry => ({ id: 'x', source: 'test', technique: 'T1059.001', command: 'c', shell: 'powershell', expected: [], ...over });

describe('the command corpus', () => {
  it('has a few hundred labelled entries and at least 100 benign ones, each id once', () => {
    expect(corpus.labelled.length).toBeGreaterThanOrEqual(300);
    expect(corpus.benign.length).toBeGreaterThanOrEqual(100);
    const ids = [...corpus.labelled, ...corpus.benign].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names only valid shells and known finding ids; every labelled entry expects something, every benign one nothing', () => {
    for (const e of [...corpus.labelled, ...corpus.benign]) {
      expect(CORPUS_SHELLS).toContain(e.shell);
      for (const id of [...e.expected, ...(e.tolerated ?? [])]) expect(KNOWN_FINDING_IDS).toContain(id);
    }
    expect(corpus.labelled.every((e) => e.expected.length > 0)).toBe(true);
    expect(corpus.benign.every((e) => e.expected.length === 0 && e.technique.startsWith('benign:'))).toBe(true);
  });

  it('knows every finding id the engine has, and covers each of them with labelled behaviours', () => {
    for (const id of FINDING_IDS) expect(KNOWN_FINDING_IDS).toContain(id);
    const labelled = new Set(corpus.labelled.flatMap((e) => e.expected));
    expect(KNOWN_FINDING_IDS.filter((id) => !labelled.has(id))).toEqual([]);
  });

  it('covers the techniques issue 21 names, and its README names the Atomic Red Team commit it was extracted from', () => {
    const techniques = new Set(corpus.labelled.map((e) => techniqueGroup(e.technique)));
    for (const t of ['T1059.001', 'T1059.003', 'T1059.004', 'T1059.006', 'T1105', 'T1027', 'T1140', 'T1218', 'T1547', 'T1053', 'T1562', 'T1003']) expect(techniques).toContain(t);
    const atomic = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'atomic-red-team.json'), 'utf8')) as { commit: string; licence: string };
    const readme = fs.readFileSync(path.join(CORPUS_DIR, 'README.md'), 'utf8');
    expect(atomic.licence).toBe('MIT');
    expect(readme).toContain(atomic.commit);
    expect(corpus.labelled.filter((e) => e.id.startsWith('art-')).every((e) => e.source.includes(atomic.commit.slice(0, 12)))).toBe(true);
  });

  it('refuses a malformed entry with a message naming the entry and the fault', () => {
    expect(() => validateEntry(entry({ shell: 'zsh' as never }), 'e')).toThrow(/\(x\): shell "zsh" is not one of/);
    expect(() => validateEntry(entry({ expected: ['made-up'] }), 'e')).toThrow(/"expected" names "made-up", not a known finding id/);
    expect(() => validateEntry(entry({ expected: ['php-eval', 'php-eval'] }), 'e')).toThrow(/repeats/);
    expect(() => validateEntry(entry({ technique: 'execution' }), 'e')).toThrow(/technique "execution"/);
    expect(() => validateEntry(entry({ command: '' }), 'e')).toThrow(/"command" must be a non-empty string/);
    expect(validateEntry(entry({ expected: ['reverse-shell'] }), 'e').expected).toEqual(['reverse-shell']);
  });
});

describe('scoreCorpus', () => {
  const labelled = [
    { entry: entry({ id: 'a', technique: 'T1218.011', expected: ['lolbin-execute', 'lolbin-download'] }), found: ['lolbin-execute', 'hidden-window'] },
    { entry: entry({ id: 'b', technique: 'T1218.005', expected: ['lolbin-execute'] }), found: ['lolbin-execute'] },
    { entry: entry({ id: 'c', technique: 'T1059.004', expected: ['reverse-shell'] }), found: [] },
  ];
  const benign = [
    { entry: entry({ id: 'b1', technique: 'benign:x' }), found: ['process-start', 'discovery'] },
    { entry: entry({ id: 'b2', technique: 'benign:x', tolerated: ['download-cradle'] }), found: ['download-cradle'] },
    { entry: entry({ id: 'b3', technique: 'benign:x' }), found: ['download-cradle'] },
    { entry: entry({ id: 'b4', technique: 'benign:x' }), found: [] },
  ];
  const score = scoreCorpus(labelled, benign);

  it('recall is found behaviours over labelled behaviours; an extra finding neither helps nor hurts', () => {
    expect([score.behaviours, score.found, score.recall]).toEqual([4, 2, 0.5]);
  });

  it('false-positive rate counts benign entries with a finding that is neither globally nor per entry tolerated', () => {
    expect([score.benign, score.false_positive_entries, score.false_positive_rate]).toEqual([4, 1, 0.25]);
    expect(score.false_positives).toEqual([{ entry: 'b3', findings: ['download-cradle'], command: 'c' }]);
  });

  it('groups recall by technique without sub-technique, keeps T1059 interpreters apart, and lists each miss', () => {
    expect(score.per_technique).toEqual({ 'T1059.004': { behaviours: 1, found: 0, recall: 0 }, T1218: { behaviours: 3, found: 2, recall: 0.6667 } });
    expect(score.per_finding['lolbin-execute']).toEqual({ behaviours: 2, found: 2, recall: 1 });
    expect(score.misses.map((m) => `${m.entry}:${m.finding}`)).toEqual(['a:lolbin-download', 'c:reverse-shell']);
  });

  it('spreads the misses it hands on over the finding ids, in corpus order within each', () => {
    const miss = (entry: string, finding: string) => ({ entry, finding, technique: 'T1105', command: 'c' });
    const misses = [miss('a', 'x'), miss('b', 'x'), miss('c', 'x'), miss('d', 'y'), miss('e', 'z'), miss('f', 'y')];
    expect(spreadMisses(misses, 5).map((m) => m.entry)).toEqual(['a', 'd', 'e', 'b', 'f']);
    expect(spreadMisses(misses, 10)).toHaveLength(6);
  });

  it('an empty corpus has no rate rather than a division by zero', () => {
    expect(scoreCorpus([], [])).toEqual(expect.objectContaining({ recall: null, false_positive_rate: null }));
  });
});

describe('benchAnalyze on synthetic engines', () => {
  const expectedByCommand = new Map(corpus.labelled.map((e) => [e.command, e.expected]));

  it('an oracle that reports exactly the labels scores recall 1 and no false positive', async () => {
    const oracle: CommandAnalyser = (text) => ({ findings: (expectedByCommand.get(text) ?? []).map((id) => ({ id })) });
    const figures = await benchAnalyze(1, oracle);
    expect(figures).toEqual(expect.objectContaining({ recall: 1, false_positive_rate: 0, misses: 0, entries: corpus.labelled.length, benign: corpus.benign.length }));
    expect(figures.timed_runs).toBe(corpus.labelled.length + corpus.benign.length + Object.keys(worstCases()).length);
  });

  it('an engine that always says invoke-expression finds only those behaviours and flags every benign entry', async () => {
    const figures = await benchAnalyze(1, async () => ({ findings: [{ id: 'invoke-expression' }] }));
    const labelledIex = corpus.labelled.filter((e) => e.expected.includes('invoke-expression')).length;
    const behaviours = corpus.labelled.reduce((n, e) => n + e.expected.length, 0);
    expect(figures.recall).toBeCloseTo(labelledIex / behaviours, 4);
    expect(figures.false_positive_rate).toBe(1);
  });

  it('the worst cases are each 200 KB (the encoded one to the next whole base64 quantum)', () => {
    for (const text of Object.values(worstCases())) expect([text.length >= 200 * 1024, text.length <= 201 * 1024]).toEqual([true, true]);
  });
});
