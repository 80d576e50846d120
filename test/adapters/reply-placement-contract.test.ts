/**
 * Issue 19 contract: the same intent, clicked on each surface, lands in the same places — the
 * actor's own answer private, the thread post in the alert's thread, the alert card updated in
 * place. Real Bolt against the fake Slack Web API, the Agents SDK against the fake Bot Connector,
 * the local channel over HTTP; one presenter (src/app/present.ts) behind all three.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHttpHost, type HttpHost } from '../../src/adapters/http/http-host';
import { renderAdaptiveCard } from '../../src/adapters/cards/render-adaptive-card';
import { openStore } from '../../src/adapters/store/open-store';
import { mountWebChannel } from '../../src/adapters/web/web-routes';
import { WebChannel } from '../../src/adapters/web/web-channel';
import { answerIntent } from '../../src/app/answer-intent';
import { defaultSettings, silentLogger, type AppDeps } from '../../src/app/deps';
import { actionId } from '../../src/adapters/cards/slack-action-id';
import { encodeAction } from '../../src/domain/action-codec';
import type { Intent } from '../../src/domain/intent';
import { systemClock } from '../../src/ports/clock';
import type { Store } from '../../src/ports/store';
import { flagshipAlert } from '../helpers/alerts';
import { ALERT_CHANNEL, blockActions, postAlert, postSigned, startHarness, type Harness } from './slack/slack-harness';
import { actionExecute, CHANNEL, installInTeam, startTeamsHarness, type TeamsHarness } from './teams/teams-harness';

/** Where the texts of one click landed. */
interface Placement {
  private: string;
  thread: string;
  cardUpdated: boolean;
}

type Click = (intent: (alertId: string) => Intent) => Promise<Placement>;

async function slackSurface(): Promise<{ click: Click; close(): Promise<void> }> {
  const h: Harness = await startHarness();
  return {
    async click(intentOf) {
      const alert = flagshipAlert();
      await postAlert(h, alert);
      const root = h.slack.rootMessages(ALERT_CHANNEL).at(-1)!;
      const action = encodeAction(intentOf(alert.systemAlertId));
      const before = h.slack.ephemerals.length;
      await postSigned(h.eventsUrl, blockActions({ actionId: actionId(action), value: JSON.stringify(action.data), channel: ALERT_CHANNEL, messageTs: root.ts }));
      await h.slack.waitFor(() => h.slack.ephemerals.length > before && root.edits > 0 && h.slack.threadReplies(ALERT_CHANNEL, root.ts).length > 0, 10_000, 'the click answered');
      return {
        private: JSON.stringify(h.slack.ephemerals.slice(before)),
        thread: JSON.stringify(h.slack.threadReplies(ALERT_CHANNEL, root.ts)),
        cardUpdated: root.edits > 0,
      };
    },
    close: () => h.close(),
  };
}

async function teamsSurface(): Promise<{ click: Click; close(): Promise<void> }> {
  const h: TeamsHarness = await startTeamsHarness();
  await h.send(installInTeam(h.connector));
  return {
    async click(intentOf) {
      const alert = flagshipAlert();
      await h.ingest(alert);
      const rootId = h.connector.succeeded('send').filter((c) => c.conversationId === CHANNEL).at(-1)!.newId!;
      const action = encodeAction(intentOf(alert.systemAlertId));
      const res = await h.send(actionExecute(h.connector, rootId, action.verb, action.data as Record<string, string>));
      await h.teams.idle();
      const invokeAnswer = res.body as { type: string; value: unknown };
      return {
        // The invoke answer's message is shown to the clicker alone.
        private: invokeAnswer.type === 'application/vnd.microsoft.activity.message' ? String(invokeAnswer.value) : '',
        thread: JSON.stringify(h.connector.succeeded('send').filter((c) => c.conversationId === `${CHANNEL};messageid=${rootId}`).map((c) => c.body)),
        cardUpdated: h.connector.succeeded('update').some((c) => c.activityId === rootId),
      };
    },
    close: () => h.close(),
  };
}

async function webSurface(): Promise<{ click: Click; close(): Promise<void> }> {
  const store: Store = await openStore(`sqlite:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'placement-')), 'triage.db')}`);
  const channel = new WebChannel({ render: renderAdaptiveCard });
  const deps: AppDeps = { store, surfaces: { web: channel }, clock: systemClock, logger: silentLogger, settings: defaultSettings, routes: () => [{ platform: 'web', channelId: 'alerts' }] };
  const host: HttpHost = createHttpHost();
  mountWebChannel(host.app, channel, { handle: (r, response) => answerIntent(r, deps, response), logWarn: () => {} });
  const { port } = await host.listen(0, '127.0.0.1');
  return {
    async click(intentOf) {
      const alert = flagshipAlert();
      await store.alerts.save(alert);
      const root = await channel.post('alerts', { kind: 'alert', alert, state: { status: alert.status } }, { alertId: alert.systemAlertId });
      await store.messages.save({ ...root, alertId: alert.systemAlertId, role: 'root', createdAt: new Date().toISOString() });
      const action = encodeAction(intentOf(alert.systemAlertId));
      const res = await fetch(`http://127.0.0.1:${port}/api/web/action`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ verb: action.verb, data: action.data, messageId: root.messageId, user: 'alice' }),
      });
      expect(res.status).toBe(200);
      await new Promise((r) => setTimeout(r, 200)); // the follow-up's thread post
      const inThread = channel.list().filter((m) => m.threadId === root.threadId && m.id !== root.messageId);
      return {
        private: JSON.stringify(inThread.filter((m) => m.privateTo === 'alice').map((m) => m.card)),
        thread: JSON.stringify(inThread.filter((m) => !m.privateTo).map((m) => m.card)),
        cardUpdated: Boolean(channel.get(root.messageId)?.updatedAt),
      };
    },
    async close() {
      await host.close();
      await store.close();
    },
  };
}

describe('the same result lands in the same place on Slack, Teams and the local channel', () => {
  const surfaces = [
    ['Slack', slackSurface],
    ['Teams', teamsSurface],
    ['local channel', webSurface],
  ] as const;

  it.each(surfaces)('%s: a vote — "Your vote" private, "voted" in the thread, the card updated in place', async (_name, start) => {
    const surface = await start();
    try {
      const placed = await surface.click((alertId) => ({ kind: 'vote', alertId, verdict: 'true-positive' }));
      expect(placed.private).toMatch(/Your vote: true positive/);
      expect(placed.thread).not.toMatch(/Your vote/);
      expect(placed.thread).toMatch(/voted true positive/);
      expect(placed.cardUpdated).toBe(true);
    } finally {
      await surface.close();
    }
  });

  it.each(surfaces)('%s: Analyze — "running" private, the analysis in the thread for everyone, the card updated in place', async (_name, start) => {
    const surface = await start();
    try {
      const placed = await surface.click((alertId) => ({ kind: 'investigate', alertId, investigation: 'analyze' }));
      expect(placed.private).toMatch(/running|queued|starts/i);
      expect(placed.private).not.toMatch(/Analyze results|Threat intelligence/i);
      expect(placed.thread).toMatch(/Analy/);
      expect(placed.cardUpdated).toBe(true);
    } finally {
      await surface.close();
    }
  });
});
