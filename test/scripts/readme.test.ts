/**
 * The README must stay true: every CLI command the program registers is documented, every picture
 * and relative link it points to exists, every `npm run X` is a script, and every configuration
 * variable it names is in the one config schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli/main';
import { configSchema } from '../../src/config/schema';

const ROOT = path.resolve(__dirname, '../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The commands src/cli/main.ts registers, as its own `help` lists them. */
async function registeredCommands(): Promise<string[]> {
  let out = '';
  const code = await main(['help'], { stdout: (s) => (out += s), stderr: () => undefined, env: {} });
  expect(code).toBe(0);
  return [...out.matchAll(/^ {2}(\S+)\s/gm)].map((m) => m[1]!);
}

/** Relative targets of markdown links and images, without #anchors; web links are left out. */
function relativeTargets(markdown: string, images: boolean): string[] {
  const pattern = images ? /!\[[^\]]*\]\(([^)\s]+)\)/g : /(?<!!)\[[^\]]*\]\(([^)\s]+)\)/g;
  return [...markdown.matchAll(pattern)].map((m) => m[1]!.split('#')[0]!).filter((t) => t && !/^[a-z]+:/i.test(t));
}

describe('README.md', () => {
  it('documents every registered CLI command', async () => {
    const commands = await registeredCommands();
    expect(commands).toEqual(expect.arrayContaining(['start', 'normalize', 'card', 'audit', 'check-config', 'queries', 'analyze-command', 'investigate']));
    // A row of the command-line table starts with the command: | `card <alert.json> …` |
    const undocumented = commands.filter((c) => !new RegExp(`^\\| \`${c}[\\s\`]`, 'm').test(README));
    expect(undocumented).toEqual([]);
  });

  it('shows only pictures that exist, and the vote tally and handoff among them', () => {
    const images = relativeTargets(README, true);
    expect(images).toEqual(expect.arrayContaining(['docs/images/alert-card.png', 'docs/images/who-answer.png', 'docs/images/vote-tally.png', 'docs/images/handoff.png']));
    expect(images.filter((i) => !fs.existsSync(path.join(ROOT, i)))).toEqual([]);
  });

  it('links only to files that exist, including every guide in docs/', () => {
    const links = relativeTargets(README, false);
    expect(links.filter((l) => !fs.existsSync(path.join(ROOT, l)))).toEqual([]);
    const guides = fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md'));
    expect(guides.filter((g) => !links.includes(`docs/${g}`))).toEqual([]);
  });

  it('mentions only npm scripts that package.json has', () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts);
    const mentioned = [...README.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!);
    expect(mentioned.length).toBeGreaterThan(0);
    expect([...new Set(mentioned)].filter((s) => !scripts.includes(s))).toEqual([]);
  });

  it('names only configuration variables that the config schema defines', () => {
    const variables = Object.keys(configSchema.shape);
    // `NAME` or `NAME=value` in code spans: configuration variables are the upper-case snake-case names.
    const named = [...README.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?:=[^`]*)?`/g)].map((m) => m[1]!);
    expect(named).toEqual(expect.arrayContaining(['DATABASE_URL', 'SLACK_BOT_TOKEN', 'WEBHOOK_SECRET']));
    expect([...new Set(named)].filter((n) => !variables.includes(n))).toEqual([]);
  });
});
