/**
 * Teams waits only ~15 s for an invoke answer. A use case slower than the adapter's budget gets the
 * current card as the answer at once; its reply lands in the thread when it is done.
 */
import { registerUseCase } from '../../../src/app/handle-intent';
import { flagshipAlert } from '../../helpers/alerts';
import { actionExecute, CHANNEL, installInTeam, startTeamsHarness, type TeamsHarness } from './teams-harness';

describe('a card action slower than the invoke budget', () => {
  let h: TeamsHarness;
  let release: () => void = () => undefined;

  beforeAll(async () => {
    // Registered only in this test file's module registry (jest isolates modules per file).
    registerUseCase('snooze', async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return { reply: { kind: 'notice', tone: 'good', text: 'Snoozed after a long think' } };
    });
    h = await startTeamsHarness({ answerWithinMs: 200 });
  });
  afterAll(() => h.close());

  it('answers with the current card at once and posts the reply in the thread later', async () => {
    await h.send(installInTeam(h.connector));
    const alert = flagshipAlert();
    await h.ingest(alert);
    const rootId = h.connector.succeeded('send')[0]!.newId!;
    const started = Date.now();
    const res = await h.send(actionExecute(h.connector, rootId, 'dtb.snooze', { alertId: alert.systemAlertId, minutes: '60' }));
    expect(Date.now() - started).toBeLessThan(5000);
    const body = res.body as { statusCode: number; type: string; value: unknown };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(body.value)).toContain('web-vm-01');
    const thread = `${CHANNEL};messageid=${rootId}`;
    expect(h.connector.succeeded('send').filter((c) => c.conversationId === thread)).toHaveLength(0);

    release();
    await h.teams.idle();
    const replies = h.connector.succeeded('send').filter((c) => c.conversationId === thread);
    expect(JSON.stringify(replies.map((c) => c.body))).toContain('Snoozed after a long think');
  });
});
