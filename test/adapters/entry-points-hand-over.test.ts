/**
 * Issue 19: no entry point contains result-routing logic. Each decodes a click or command,
 * dispatches it and hands the result to the presenter (src/app/present.ts via answer-intent.ts);
 * none posts, replies, updates or messages a user itself, nor reads the dispatcher's result fields.
 * (The dependency-cruiser rule `entry-points-hand-over` keeps them from importing use cases.)
 */
import fs from 'node:fs';
import path from 'node:path';

const ENTRY_POINTS = [
  'src/adapters/slack/button-click.ts',
  'src/adapters/slack/slash-command.ts',
  'src/adapters/teams/teams-actions.ts',
  'src/adapters/teams/teams-turn.ts',
  'src/adapters/teams/teams-commands.ts',
  'src/adapters/web/web-routes.ts',
];

/** Calls that decide where a result lands, and the dispatcher's result fields that such decisions read. */
const ROUTING = [/(?<!\bapp)\.(notifyUser|reply|post|update|postEphemeral|addPrivate|updateAlertCards)\(/, /\bresult\.(reply|alertCard|private)\b/, /\binstanceof\s+\w*Surface\b/, /\bhandleIntent\(/];

/** The code of a file without its comments (they may name what they do not do). */
function code(file: string): string {
  return fs
    .readFileSync(path.join(__dirname, '../..', file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

describe('entry points hand results to the presenter', () => {
  it.each(ENTRY_POINTS)('%s routes no result itself', (file) => {
    const source = code(file);
    const found = ROUTING.filter((pattern) => pattern.test(source)).map(String);
    expect(found).toEqual([]);
  });

  // The web routes get answerIntent from the composition root (application.handle).
  it('every entry point hands over through answerIntent or present', () => {
    for (const file of ENTRY_POINTS.filter((f) => !f.endsWith('teams-turn.ts'))) {
      expect([file, /\b(answerIntent|present|application\.handle)\(/.test(code(file))]).toEqual([file, true]);
    }
  });

  it('the check sees a routing call (it can fail)', () => {
    expect(ROUTING.some((p) => p.test('await surface.notifyUser(origin, user, card);'))).toBe(true);
    expect(ROUTING.some((p) => p.test('if (result.reply) await respond(result.reply);'))).toBe(true);
  });
});
