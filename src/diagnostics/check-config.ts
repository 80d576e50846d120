/**
 * `triage-bot check-config`: validates the configuration, then tries each configured connection
 * (store, Slack auth.test, a Teams token, an Azure token with one Defender list per subscription
 * and one trivial KQL query, a Graph token with one alerts_v2 call) and says per item "ok" or what to fix. Like the composition root it
 * knows the adapters; unlike it, it starts nothing.
 */
import type { TokenCredential } from '@azure/core-auth';
import { createAzureCredential } from '../adapters/azure/credentials';
import { DefenderAlertLister } from '../adapters/azure/defender-alert-lister';
import { AzureLogsQuery } from '../adapters/azure/logs-query-client';
import { DEFAULT_DATABASE_URL, openStore } from '../adapters/store/open-store';
import { createSlackClient } from '../adapters/slack/slack-client';
import { silentLogger } from '../app/deps';
import { inspectConfig } from '../config/load-config';
import { checkGraph } from './check-graph';
import type { CheckResult } from './check-result';
import type { RawConfig } from '../config/schema';
import { describeDatabaseUrl, storeProblem } from './store-problem';

export type { CheckResult } from './check-result';

export interface CheckOptions {
  /** The Azure credential to use instead of the configured one (tests, or an operator's own). */
  credential?: TokenCredential;
  /** Per-connection time limit. */
  timeoutMs?: number;
}

type Loose = Partial<RawConfig>;

export async function checkConfig(env: NodeJS.ProcessEnv, options: CheckOptions = {}): Promise<CheckResult[]> {
  const inspected = inspectConfig(env);
  const results: CheckResult[] = inspected.problems.map((p) => ({ item: `config ${p.split(':')[0]}`, ok: false, detail: p }));
  if (!inspected.problems.length) results.push({ item: 'config', ok: true, detail: `valid (${inspected.config!.mode} mode)` });
  const c = inspected.loose;
  const limit = options.timeoutMs ?? 20_000;
  // One Azure credential for the run: made by the first check that needs it, reused by the next.
  const run: CheckOptions = { ...options };
  const storeResult = await bounded('store', limit, () => checkStore(c));
  // A timeout is reported by `bounded` without the variable: name it here too.
  if (!storeResult.ok && !storeResult.detail.includes('DATABASE_URL'))
    storeResult.detail = `${storeResult.detail} from the store at DATABASE_URL=${describeDatabaseUrl(c.DATABASE_URL ?? DEFAULT_DATABASE_URL)}: check that it runs and is reachable`;
  results.push(storeResult);
  if (c.SLACK_BOT_TOKEN) results.push(await bounded('slack', limit, () => checkSlack(c)));
  if (c.TEAMS_APP_ID && c.TEAMS_APP_PASSWORD) results.push(await bounded('teams', limit, () => checkTeams(c)));
  if (c.AZURE_SUBSCRIPTION_IDS?.length || c.LOG_ANALYTICS_WORKSPACE_ID) results.push(...(await checkAzure(c, run, limit)));
  if (c.GRAPH_ALERTS) results.push(...(await checkGraphItems(c, run, limit)));
  return results;
}

async function checkStore(c: Loose): Promise<CheckResult> {
  const url = c.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const store = await openStore(url).catch((err: unknown) => ({ problem: storeProblem(err, url) }));
  if ('problem' in store) return { item: 'store', ok: false, detail: store.problem };
  try {
    await store.ping();
    return { item: 'store', ok: true, detail: `${store.kind} reachable, migrations applied` };
  } finally {
    await store.close();
  }
}

async function checkSlack(c: Loose): Promise<CheckResult> {
  const client = createSlackClient(c.SLACK_BOT_TOKEN!, c.SLACK_API_URL, silentLogger);
  try {
    const who = await client.auth.test();
    return { item: 'slack', ok: true, detail: `auth.test ok: bot @${who.user} in workspace ${who.team}` };
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    if (code === 'invalid_auth' || code === 'not_authed' || code === 'token_revoked' || code === 'account_inactive')
      return { item: 'slack', ok: false, detail: `SLACK_BOT_TOKEN was refused (${code}): copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page` };
    return { item: 'slack', ok: false, detail: `Slack Web API not reachable at ${c.SLACK_API_URL ?? 'https://slack.com/api/'}: ${(err as Error).message}` };
  }
}

async function checkTeams(c: Loose): Promise<CheckResult> {
  const { ClientSecretCredential } = await import('@azure/identity');
  const tenant = c.TEAMS_TENANT_ID ?? 'botframework.com';
  try {
    await new ClientSecretCredential(tenant, c.TEAMS_APP_ID!, c.TEAMS_APP_PASSWORD!).getToken('https://api.botframework.com/.default');
    return { item: 'teams', ok: true, detail: `token for bot ${c.TEAMS_APP_ID} obtained from tenant ${tenant}` };
  } catch (err) {
    return {
      item: 'teams',
      ok: false,
      detail: `no Bot Framework token for TEAMS_APP_ID ${c.TEAMS_APP_ID} (tenant ${tenant}): check TEAMS_APP_PASSWORD and TEAMS_TENANT_ID — ${(err as Error).message.split('\n')[0]}`,
    };
  }
}

async function checkAzure(c: Loose, options: CheckOptions, limit: number): Promise<CheckResult[]> {
  let credential = options.credential;
  const results: CheckResult[] = [];
  if (!credential) {
    try {
      const chosen = createAzureCredential(c);
      credential = options.credential = chosen.credential;
      const token = await bounded('azure token', limit, async () => {
        await chosen.credential.getToken(`${armBase(c)}/.default`);
        return { item: 'azure token', ok: true, detail: `token for ${chosen.description}` };
      });
      results.push(token);
      if (!token.ok) return results;
    } catch (err) {
      return [{ item: 'azure token', ok: false, detail: (err as Error).message }];
    }
  }
  const insecure = armBase(c).startsWith('http://');
  const lister = new DefenderAlertLister({ credential, endpoint: c.ARM_ENDPOINT, allowInsecureConnection: insecure, retry: { maxRetries: 0 } });
  for (const sub of c.AZURE_SUBSCRIPTION_IDS ?? []) {
    results.push(await bounded(`defender ${sub}`, limit, () => checkDefender(lister, sub)));
  }
  if (c.LOG_ANALYTICS_WORKSPACE_ID) {
    results.push(await bounded('log analytics', limit, () => checkLogs(c, credential!)));
  }
  return results;
}

async function checkDefender(lister: DefenderAlertLister, sub: string): Promise<CheckResult> {
  try {
    const alerts = await lister.list(sub);
    return { item: `defender ${sub}`, ok: true, detail: `alerts listed (${alerts.length})` };
  } catch (err) {
    const message = (err as Error).message;
    if (/HTTP 403/.test(message))
      return { item: `defender ${sub}`, ok: false, detail: `Security Reader role missing on subscription ${sub}: assign it to the bot's identity (HTTP 403)` };
    if (/HTTP 401/.test(message))
      return { item: `defender ${sub}`, ok: false, detail: `the Azure token was refused for subscription ${sub} (HTTP 401): check AZURE_TENANT_ID and the credential` };
    if (/HTTP 404/.test(message))
      return { item: `defender ${sub}`, ok: false, detail: `subscription ${sub} not found (HTTP 404): check AZURE_SUBSCRIPTION_IDS` };
    return { item: `defender ${sub}`, ok: false, detail: message.slice(0, 300) };
  }
}

async function checkLogs(c: Loose, credential: TokenCredential): Promise<CheckResult> {
  const logs = new AzureLogsQuery({ credential, workspaceId: c.LOG_ANALYTICS_WORKSPACE_ID!, endpoint: c.LOG_ANALYTICS_ENDPOINT, maxRetries: 0, serverTimeoutSeconds: 30 });
  const end = new Date();
  const start = new Date(end.getTime() - 60 * 60 * 1000);
  const result = await logs.query({ name: 'check-config', query: 'print ok = 1', timespan: { start: start.toISOString(), end: end.toISOString() } });
  if (result.status === 'success') return { item: 'log analytics', ok: true, detail: `query ran on workspace ${c.LOG_ANALYTICS_WORKSPACE_ID}` };
  const reason = result.reason;
  if (/403|Forbidden|InsufficientAccess/i.test(reason))
    return { item: 'log analytics', ok: false, detail: `Log Analytics Reader role missing on workspace ${c.LOG_ANALYTICS_WORKSPACE_ID}: assign it to the bot's identity (${reason.slice(0, 120)})` };
  if (/404|NotFound|PathNotFound|WorkspaceNotFound/i.test(reason))
    return { item: 'log analytics', ok: false, detail: `workspace ${c.LOG_ANALYTICS_WORKSPACE_ID} not found: LOG_ANALYTICS_WORKSPACE_ID is the workspace (customer) id GUID` };
  return { item: 'log analytics', ok: false, detail: reason.slice(0, 300) };
}

async function checkGraphItems(c: Loose, options: CheckOptions, limit: number): Promise<CheckResult[]> {
  let credential = options.credential;
  try {
    credential ??= options.credential = createAzureCredential(c).credential;
  } catch (err) {
    return [{ item: 'graph token', ok: false, detail: (err as Error).message }];
  }
  return checkGraph(c, credential, (item, work) => bounded(item, limit, work));
}

function armBase(c: Loose): string {
  return (c.ARM_ENDPOINT ?? 'https://management.azure.com').replace(/\/+$/, '');
}

async function bounded(item: string, ms: number, work: () => Promise<CheckResult>): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ item, ok: false, detail: `no answer within ${ms / 1000} s` }), ms);
  });
  try {
    return await Promise.race([work().catch((err: unknown) => ({ item, ok: false, detail: (err as Error).message })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
