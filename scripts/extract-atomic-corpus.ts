/**
 * Extracts the command-line corpus of test/fixtures/command-corpus/atomic-red-team.json from a local
 * copy of Atomic Red Team (github:redcanaryco/atomic-red-team, MIT licence): each atomic test's
 * `executor.command` with its `#{input}` placeholders replaced by their default values.
 * Run by hand when refreshing the corpus; tests and the bench read only the vendored JSON.
 *
 *   npx tsx scripts/extract-atomic-corpus.ts <path to the git directory of the mirror> [commit]
 *
 * Labels (`expected`) are not guessed here: they come from test/fixtures/command-corpus/atomic-labels.json,
 * written by reading each command. A test without a label entry is printed on stderr for labelling;
 * a test labelled `[]` is dropped (nothing a finding id covers: GUI steps, file listing, …).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';

const TECHNIQUES = /^atomics\/T(1059\.00[1346]|1105|1027(\.\d+)?|1140|1218(\.\d+)?|1547\.001|1053\.00[35]|1562\.001|1003(\.\d+)?|1070\.003|1496|1033)\/T[\d.]+\.yaml$/;
const SHELLS: Record<string, string> = { powershell: 'powershell', command_prompt: 'cmd', sh: 'sh', bash: 'bash' };
const OUT_DIR = path.resolve(__dirname, '../test/fixtures/command-corpus');
/** Longer scripts are multi-step lab set-ups, not command lines Defender shows. */
const MAX_COMMAND_CHARS = 4000;

interface AtomicTest {
  name: string;
  auto_generated_guid?: string;
  input_arguments?: Record<string, { default?: unknown }>;
  executor?: { name?: string; command?: string };
}

function git(gitDir: string, args: string[]): string {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

function substitute(command: string, args: AtomicTest['input_arguments']): string {
  return command.replace(/#\{(\w+)\}/g, (whole, name: string) => {
    const value = args?.[name]?.default;
    return value === undefined || value === null ? whole : String(value);
  });
}

function main(): void {
  const gitDir = process.argv[2];
  if (!gitDir) throw new Error('usage: tsx scripts/extract-atomic-corpus.ts <atomic-red-team git directory> [commit]');
  const commit = git(gitDir, ['rev-parse', process.argv[3] ?? 'HEAD']).trim();
  const labels = JSON.parse(fs.readFileSync(path.join(OUT_DIR, 'atomic-labels.json'), 'utf8')) as Record<string, string[]>;
  const files = git(gitDir, ['ls-tree', '-r', '--name-only', commit, 'atomics']).split('\n').filter((f) => TECHNIQUES.test(f));
  const entries: object[] = [];
  const unlabelled: object[] = [];
  for (const file of files) {
    const doc = yaml.load(git(gitDir, ['show', `${commit}:${file}`])) as { attack_technique: string; atomic_tests: AtomicTest[] };
    doc.atomic_tests.forEach((test, index) => {
      const shell = SHELLS[test.executor?.name ?? ''];
      if (!shell || !test.executor?.command) return; // manual (GUI) steps have no command
      const command = substitute(test.executor.command, test.input_arguments).trim();
      if (command.length > MAX_COMMAND_CHARS) return;
      const id = `art-${doc.attack_technique}-${index + 1}`;
      const expected = labels[id];
      if (!expected) unlabelled.push({ id, shell, name: test.name, command });
      else if (expected.length > 0) entries.push({ id, source: `atomic-red-team@${commit.slice(0, 12)}:${file}#${index + 1} (${test.name})`, technique: doc.attack_technique, command, shell, expected });
    });
  }
  fs.writeFileSync(path.join(OUT_DIR, 'atomic-red-team.json'), `${JSON.stringify({ source: 'https://github.com/redcanaryco/atomic-red-team', commit, licence: 'MIT', entries }, null, 1)}\n`);
  if (unlabelled.length) process.stderr.write(`${JSON.stringify(unlabelled, null, 1)}\n${unlabelled.length} tests without a label in atomic-labels.json\n`);
  process.stderr.write(`${entries.length} entries written\n`);
}

main();
