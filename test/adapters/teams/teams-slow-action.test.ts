/**
 * Teams waits only ~15 s for an invoke answer. A use case slower than the adapter's budget gets
 * "Working on it…" as the answer at once (the card stays as it is); its reply, the clicker's own,
 * reaches them in their personal chat with the bot when it is done — never the channel's thread.
 */
import { appFeatures } from '../../../src/app/features';
import { flagshipAlert } from '../../helpers/alerts';
import { actionExecute, CHANNEL, installInTeam, startTeamsHarness, type TeamsHarness } from './teams-harness';

describe('a card action slower than the invoke budget', () => {
  let h: TeamsHarness;
  let release: () => void = () => undefined;

  beforeAll(async () => {
    h = await startTeamsHarness({ answerWithinMs: 200 });
    // This bot's snooze is slow: its features are passed in, as the composition root passes them.
    h.deps.features = appFeatures({
      snooze: async () => {
        await new Promise<void>((resolve) => (release = resolve));
        return { reply: { kind: 'notice', tone: 'good', text: 'Snoozed after a long think' } };
      },
    });
  });
  afterAll(() => h.close());

  it('answers "Working on it" at once and gives the clicker the reply privately later', async () => {
    await h.send(installInTeam(h.connector));
    const alert = flagshipAlert();
    await h.ingest(alert);
    const rootId = h.connector.succeeded('send')[0]!.newId!;
    const started = Date.now();
    const res = await h.send(actionExecute(h.connector, rootId, 'dtb.snooze', { alertId: alert.systemAlertId, minutes: '60' }));
    expect(Date.now() - started).toBeLessThan(5000);
    const body = res.body as { statusCode: number; type: string; value: unknown };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Working on it…' });
    const thread = `${CHANNEL};messageid=${rootId}`;
    expect(h.connector.succeeded('send').filter((c) => c.conversationId === thread)).toHaveLength(0);

    release();
    await h.teams.idle();
    expect(JSON.stringify(h.connector.succeeded('send').filter((c) => c.conversationId === thread).map((c) => c.body))).not.toContain('Snoozed after a long think');
    expect(h.connector.succeeded('create')).toHaveLength(1);
    const privately = h.connector.succeeded('send').filter((c) => c.conversationId !== CHANNEL && c.conversationId !== thread);
    expect(JSON.stringify(privately.map((c) => c.body))).toContain('Snoozed after a long think');
  });
});
