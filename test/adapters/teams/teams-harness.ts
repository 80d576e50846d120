/**
 * Runs the real Teams adapter (Agents SDK CloudAdapter, anonymous mode) on the shared express host
 * against the fake Bot Connector, and sends activities to /api/messages the way Teams does.
 */
import { createHttpHost, type HttpHost } from '../../../src/adapters/http/http-host';
import { openStore, type SqlStore } from '../../../src/adapters/store/open-store';
import { createTeamsApp, type TeamsApp, type TeamsAppOptions } from '../../../src/adapters/teams/teams-app';
import { defaultSettings, silentLogger, type AppDeps } from '../../../src/app/deps';
import { ingestAlert } from '../../../src/app/ingest-alert';
import { OutboxWorker } from '../../../src/app/outbox-worker';
import type { Alert } from '../../../src/domain/alert';
import { systemClock } from '../../../src/ports/clock';
import { startFakeBotConnector, type FakeBotConnector } from '../../fakes/bot-connector-server';

export const CHANNEL = '19:soc-alerts-channel@thread.tacv2';
export const TEAM = '19:soc-team-general@thread.tacv2';
export const TENANT = '72f988bf-0000-4000-8000-000000000001';
export const BOT = { id: '28:triage-bot-app-id', name: 'Triage Bot', role: 'bot' };
export const ANALYST = { id: '29:analyst-alice', name: 'Alice Analyst', aadObjectId: 'aad-alice', role: 'user' };
export const PERSONAL = 'a:personal-chat-alice';

export interface TeamsHarness {
  connector: FakeBotConnector;
  store: SqlStore;
  deps: AppDeps;
  host: HttpHost;
  teams: TeamsApp;
  /** http://127.0.0.1:<port>/api/messages */
  messagesUrl: string;
  /** Ingests an alert and lets the outbox deliver it, as in production. */
  ingest(alert: Alert): Promise<void>;
  /** POSTs an activity to /api/messages; resolves with the HTTP status and JSON body (invoke answers). */
  send(activity: Record<string, unknown>): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startTeamsHarness(options: Partial<TeamsAppOptions> = {}): Promise<TeamsHarness> {
  const connector = await startFakeBotConnector();
  const store = await openStore('sqlite::memory:');
  const host = createHttpHost();
  const teams = createTeamsApp({
    settings: { allowAnonymous: true, localMode: false, alertChannel: CHANNEL },
    conversations: store.teams,
    logger: silentLogger,
    retry: { baseDelayMs: 5, maxDelayMs: 50 },
    ...options,
  });
  const deps: AppDeps = {
    store,
    surfaces: { teams: teams.surface },
    clock: systemClock,
    logger: silentLogger,
    settings: { ...defaultSettings },
    routes: () => [{ platform: 'teams', channelId: CHANNEL }],
  };
  teams.mount(host.app, () => deps);
  const address = await host.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${address.port}/api/messages`;
  return {
    connector,
    store,
    deps,
    host,
    teams,
    messagesUrl: url,
    async ingest(alert) {
      await ingestAlert(alert, deps);
      await new OutboxWorker(deps, { owner: 'teams-test' }).drainAll();
    },
    async send(activity) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const text = await res.text();
      return { status: res.status, body: text ? jsonOrText(text) : undefined };
    },
    async close() {
      await teams.idle();
      await host.close();
      await store.close();
      await connector.close();
    },
  };
}

let seq = 0;
const base = (connector: FakeBotConnector) => ({
  id: `act-${++seq}`,
  channelId: 'msteams',
  serviceUrl: connector.url,
  recipient: BOT,
  timestamp: new Date().toISOString(),
});

/** The bot was added to a team: Teams sends this in the team's General channel. */
export function installInTeam(connector: FakeBotConnector, channel = CHANNEL): Record<string, unknown> {
  return {
    ...base(connector),
    type: 'conversationUpdate',
    from: ANALYST,
    membersAdded: [BOT],
    conversation: { id: channel, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { eventType: 'teamMemberAdded', team: { id: TEAM, name: 'SOC' }, channel: { id: channel, name: 'alerts' }, tenant: { id: TENANT } },
  };
}

/** A click on an Action.Execute button of the card `rootId` in the channel. */
export function actionExecute(connector: FakeBotConnector, rootId: string, verb: string, data: Record<string, string>): Record<string, unknown> {
  return {
    ...base(connector),
    type: 'invoke',
    name: 'adaptiveCard/action',
    from: ANALYST,
    replyToId: rootId,
    conversation: { id: `${CHANNEL};messageid=${rootId}`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { team: { id: TEAM }, channel: { id: CHANNEL }, tenant: { id: TENANT } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** The Action.Submit fallback of a button (clients without Universal Actions). */
export function actionSubmit(connector: FakeBotConnector, rootId: string, value: Record<string, string>): Record<string, unknown> {
  return {
    ...base(connector),
    type: 'message',
    from: ANALYST,
    replyToId: rootId,
    conversation: { id: `${CHANNEL};messageid=${rootId}`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { team: { id: TEAM }, channel: { id: CHANNEL }, tenant: { id: TENANT } },
    value,
  };
}

/** "@Triage Bot <text>" as a new post in the channel. */
export function mentionInChannel(connector: FakeBotConnector, text: string): Record<string, unknown> {
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(connector),
    type: 'message',
    from: ANALYST,
    text: `${mention} ${text}`,
    entities: [{ type: 'mention', text: mention, mentioned: { id: BOT.id, name: BOT.name } }],
    conversation: { id: CHANNEL, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { team: { id: TEAM }, channel: { id: CHANNEL }, tenant: { id: TENANT } },
  };
}

export function personalMessage(connector: FakeBotConnector, text: string): Record<string, unknown> {
  return {
    ...base(connector),
    type: 'message',
    from: ANALYST,
    text,
    conversation: { id: PERSONAL, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  };
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
