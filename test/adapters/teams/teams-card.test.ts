/**
 * Every card the Teams adapter sends is a valid Adaptive Card 1.5 within Teams' limits (≤ 28 KB,
 * refresh.userIds ≤ 60): for every Defender fixture and for hostile alert text, with the largest
 * refresh audience.
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkTeamsCardLimits } from '../../../src/adapters/cards/limits';
import { RefreshAudience } from '../../../src/adapters/teams/refresh-audience';
import { teamsCard } from '../../../src/adapters/teams/teams-card';
import type { Alert } from '../../../src/domain/alert';
import { normalizeAlerts } from '../../../src/domain/normalize';
import type { AlertCardState, CardModel } from '../../../src/ports/card-model';
import { adaptiveCardSchemaErrors } from '../../helpers/adaptive-card-schema';
import { flagshipAlert } from '../../helpers/alerts';
import { alertWithEverywhere, MARKDOWN_PAYLOADS } from '../cards/hostile-alerts';

const ROOT = path.resolve(__dirname, '../../..');
const FIXTURES = [
  ...fs.readdirSync(path.join(ROOT, 'demo/alerts')).filter((f) => f.endsWith('.json')).map((f) => path.join(ROOT, 'demo/alerts', f)),
  path.resolve(ROOT, 'test/fixtures/defender/rest-2022-01-01-list-subscription.json'),
];

/** 70 channel members: more than Teams lets a card auto-refresh for. */
const CROWD = Array.from({ length: 70 }, (_, i) => `29:1${'x'.repeat(80)}-member-${i}`);
const BUSY_STATE: AlertCardState = {
  status: 'Active',
  running: ['identity', 'correlation', 'analyze'],
  notice: 'write-back failed: 403 from Defender',
  tally: {
    counts: { 'true-positive': 40, 'benign-positive': 10, 'false-positive': 10 },
    quorum: 2,
    votes: CROWD.slice(0, 60).map((voter, i) => ({ voter, verdict: 'true-positive', severity: 'High', comment: `comment ${i} `.repeat(20), at: '2026-11-27T02:20:00.000Z' })),
  },
};

function expectTeamsCardOk(model: CardModel): void {
  const card = teamsCard(model, CROWD);
  expect(adaptiveCardSchemaErrors(card)).toEqual([]);
  expect(checkTeamsCardLimits(card)).toEqual([]);
  if (model.kind === 'alert') {
    const refresh = card.refresh as { action: { verb: string; data: { alertId: string } }; userIds?: string[] };
    expect(refresh.action).toMatchObject({ verb: 'dtb.refresh', data: { alertId: model.alert.systemAlertId } });
    expect((refresh.userIds ?? []).length).toBeLessThanOrEqual(60);
  }
}

describe('Teams cards', () => {
  const fixtureAlerts: [string, Alert][] = FIXTURES.flatMap((file) =>
    normalizeAlerts(JSON.parse(fs.readFileSync(file, 'utf8'))).map((a): [string, Alert] => [`${path.basename(file)}: ${a.displayName}`, a]),
  );

  it('found the fixtures', () => {
    expect(fixtureAlerts.length).toBeGreaterThanOrEqual(FIXTURES.length);
  });

  it.each(fixtureAlerts)('%s: valid and within limits, fresh and with a busy state', (_name, alert) => {
    expectTeamsCardOk({ kind: 'alert', alert, state: { status: alert.status } });
    expectTeamsCardOk({ kind: 'alert', alert, state: BUSY_STATE });
  });

  it.each(MARKDOWN_PAYLOADS.map((p) => [p]))('hostile text %j everywhere: valid and within limits', (payload) => {
    expectTeamsCardOk({ kind: 'alert', alert: alertWithEverywhere(payload), state: BUSY_STATE });
  });

  it('a 100 KB command line and description still make a card within 28 KB', () => {
    const huge = 'A'.repeat(100_000);
    expectTeamsCardOk({ kind: 'alert', alert: alertWithEverywhere(huge), state: BUSY_STATE });
    expectTeamsCardOk({ kind: 'notice', tone: 'info', text: huge });
  });

  it('lets at most 60 users auto-refresh, the most recent first', () => {
    const audience = new RefreshAudience();
    for (const user of CROWD) audience.remember('19:c@thread.tacv2', user);
    audience.remember('19:c@thread.tacv2', CROWD[0]);
    const users = audience.users('19:c@thread.tacv2');
    expect(users).toHaveLength(60);
    expect(users[0]).toBe(CROWD[0]);
    expect(users).not.toContain(CROWD[1]);
  });

  it('puts no refresh on cards that are not alert cards', () => {
    const card = teamsCard({ kind: 'notice', tone: 'info', text: 'hello' }, CROWD);
    expect(card.refresh).toBeUndefined();
    expectTeamsCardOk({ kind: 'alert', alert: flagshipAlert(), state: { status: 'Resolved' } });
  });
});
