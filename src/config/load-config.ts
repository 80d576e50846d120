/**
 * Reads the environment (and .env), validates it against the one schema and reports every
 * problem at once, each naming its variable. Takes `env` as a parameter so tests pass their own.
 */
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { ConfigError } from '../domain/errors';
import { SLACK_CHANNEL_HINT, SLACK_CHANNEL_ID, routingRuleProblems } from '../domain/routing';
import type { z } from 'zod';
import { configSchema, type RawConfig } from './schema';

export type Mode = 'local' | 'connected';

export interface Config extends RawConfig {
  mode: Mode;
  /** Default High (the issue's contract); Medium in local mode, where only the demo workspace is asked. */
  AUTO_INVESTIGATE_MIN_SEVERITY: NonNullable<RawConfig['AUTO_INVESTIGATE_MIN_SEVERITY']>;
  slackEnabled: boolean;
  teamsEnabled: boolean;
  azureEnabled: boolean;
  /**
   * Investigations answer from the bundled demo workspace: no workspace and no subscription
   * configured, and only local or local-test surfaces (local mode, anonymous Teams, a Slack whose
   * SLACK_API_URL is on this machine). Never once LOG_ANALYTICS_WORKSPACE_ID is set.
   */
  demoWorkspace: boolean;
  /** Human-readable remarks worth printing at start (e.g. "no roster: everyone may vote"). */
  notices: string[];
}

/** Reads `.env` from `dir` without overriding variables already set. */
export function readDotEnv(env: NodeJS.ProcessEnv, dir = process.cwd()): NodeJS.ProcessEnv {
  const file = path.join(dir, '.env');
  if (!fs.existsSync(file)) return env;
  const parsed = dotenv.parse(fs.readFileSync(file));
  return { ...parsed, ...env };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const inspected = inspectConfig(env);
  if (!inspected.config) throw new ConfigError(inspected.problems);
  return inspected.config;
}

export interface InspectedConfig {
  /** Present when there is no problem. */
  config?: Config;
  problems: string[];
  /** Every variable that parsed on its own, even when others did not (check-config goes on with these). */
  loose: Partial<RawConfig>;
}

/** Like loadConfig, but returns the problems and the valid part instead of throwing. */
export function inspectConfig(env: NodeJS.ProcessEnv = process.env): InspectedConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const problems: string[] = [];
  // Each variable on its own, so one bad value does not hide the problems of the others.
  const loose: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(configSchema.shape)) {
    const one = (schema as z.ZodType).safeParse(cleaned[key]);
    if (one.success) loose[key] = one.data;
    else for (const issue of one.error.issues) problems.push(`${key}: ${issue.message}`);
  }
  problems.push(...crossChecks(loose as RawConfig));
  if (problems.length) return { problems, loose: loose as Partial<RawConfig> };
  return { config: derive(configSchema.parse(cleaned)), problems, loose: loose as Partial<RawConfig> };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function crossChecks(c: RawConfig): string[] {
  const p: string[] = [];
  if (c.SLACK_BOT_TOKEN) {
    if (!c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET)
      p.push('SLACK_SIGNING_SECRET: required with SLACK_BOT_TOKEN in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
    if (!c.SLACK_ALERT_CHANNEL && !c.ROUTING_RULES) p.push('SLACK_ALERT_CHANNEL: required with SLACK_BOT_TOKEN (the channel id alerts go to)');
    if (c.SLACK_ALERT_CHANNEL && !SLACK_CHANNEL_ID.test(c.SLACK_ALERT_CHANNEL)) p.push(`SLACK_ALERT_CHANNEL: must be ${SLACK_CHANNEL_HINT}`);
    if (!/^xox[bp]-/.test(c.SLACK_BOT_TOKEN)) p.push('SLACK_BOT_TOKEN: must be a bot token starting with xoxb-');
  } else {
    for (const k of ['SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_ALERT_CHANNEL'] as const)
      if (c[k]) p.push(`${k}: set, but SLACK_BOT_TOKEN is missing (Slack needs the bot token)`);
  }
  if (c.SLACK_APP_TOKEN && !c.SLACK_APP_TOKEN.startsWith('xapp-')) p.push('SLACK_APP_TOKEN: must be an app-level token starting with xapp-');
  if (c.SLACK_API_URL && !c.SLACK_API_URL.endsWith('/api/')) p.push('SLACK_API_URL: must end in /api/ (e.g. http://127.0.0.1:4000/api/)');
  if (c.TEAMS_APP_ID && !c.TEAMS_APP_PASSWORD) p.push('TEAMS_APP_PASSWORD: required with TEAMS_APP_ID');
  if (c.TEAMS_APP_PASSWORD && !c.TEAMS_APP_ID) p.push('TEAMS_APP_ID: required with TEAMS_APP_PASSWORD');
  if (c.TEAMS_APP_ID && !c.TEAMS_TENANT_ID && !c.TEAMS_TENANT_IDS?.length)
    p.push('TEAMS_TENANT_ID: required with TEAMS_APP_ID: only activities from your tenant are served (TEAMS_TENANT_IDS to serve several)');
  if (c.LOG_ANALYTICS_ENDPOINT && !/\/v1\/?$/.test(c.LOG_ANALYTICS_ENDPOINT))
    p.push('LOG_ANALYTICS_ENDPOINT: must end in /v1 (e.g. https://api.loganalytics.io/v1)');
  if (c.LOG_ANALYTICS_WORKSPACES && !c.LOG_ANALYTICS_WORKSPACE_ID)
    p.push('LOG_ANALYTICS_WORKSPACE_ID: required with LOG_ANALYTICS_WORKSPACES (the workspace searched when an alert names none)');
  if (c.LOG_ANALYTICS_WORKSPACES && c.LOG_ANALYTICS_WORKSPACE_ID && !GUID.test(c.LOG_ANALYTICS_WORKSPACE_ID))
    p.push('LOG_ANALYTICS_WORKSPACE_ID: must be a workspace id (a GUID) when LOG_ANALYTICS_WORKSPACES is set');
  const cred = c.AZURE_CREDENTIAL;
  if (cred === 'client-secret')
    for (const k of ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'] as const)
      if (!c[k]) p.push(`${k}: required when AZURE_CREDENTIAL=client-secret`);
  if (cred === 'client-certificate')
    for (const k of ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_CERTIFICATE_PATH'] as const)
      if (!c[k]) p.push(`${k}: required when AZURE_CREDENTIAL=client-certificate`);
  if (c.AZURE_TENANT_CREDENTIALS === 'per-tenant') {
    if (!c.CUSTOMERS?.length) p.push('AZURE_TENANT_CREDENTIALS: per-tenant needs CUSTOMERS (the tenants to sign in to)');
    if (cred !== 'client-secret' && cred !== 'client-certificate')
      p.push('AZURE_TENANT_CREDENTIALS: per-tenant needs AZURE_CREDENTIAL=client-secret or client-certificate (a managed identity cannot sign in to another tenant; use Azure Lighthouse)');
  }
  for (const id of c.AZURE_SUBSCRIPTION_IDS ?? [])
    if (!GUID.test(id))
      p.push(`AZURE_SUBSCRIPTION_IDS: "${id.slice(0, 40)}" is not a subscription id (a GUID)`);
  p.push(...routingRuleProblems(c.ROUTING_RULES));
  if (c.EVENTHUB_CONNECTION_STRING && !c.CHECKPOINT_STORAGE_CONNECTION_STRING)
    p.push('CHECKPOINT_STORAGE_CONNECTION_STRING: required with EVENTHUB_CONNECTION_STRING (replicas share partitions through it)');
  return p;
}

function derive(raw: RawConfig): Config {
  const slackEnabled = Boolean(raw.SLACK_BOT_TOKEN);
  const teamsEnabled = Boolean(raw.TEAMS_APP_ID) || raw.TEAMS_ALLOW_ANONYMOUS;
  const azureEnabled = raw.AZURE_SUBSCRIPTION_IDS.length > 0 || raw.CUSTOMERS.length > 0 || Boolean(raw.LOG_ANALYTICS_WORKSPACE_ID) || raw.GRAPH_ALERTS;
  const mode: Mode = slackEnabled || teamsEnabled || azureEnabled ? 'connected' : 'local';
  const localSlack = !slackEnabled || isLoopbackUrl(raw.SLACK_API_URL);
  const localTeams = !teamsEnabled || (raw.TEAMS_ALLOW_ANONYMOUS && !raw.TEAMS_APP_ID);
  const demoWorkspace = !azureEnabled && localSlack && localTeams;
  const notices: string[] = [];
  if (mode === 'connected' && demoWorkspace) notices.push('no Log Analytics workspace and only local-test surfaces: Who?, Correlate and Analyze answer from the bundled demo workspace, labelled as demo data');
  if (mode === 'local') notices.push('local mode: no Slack, Teams or Azure configured; serving the local channel with demo data');
  if (!raw.TRIAGE_ANALYSTS.length && !raw.TRIAGE_LEADS.length)
    notices.push(
      mode === 'local'
        ? `no triage roster configured: in local mode everyone may vote; a quorum of ${raw.VOTE_QUORUM} decides`
        : 'no triage roster configured (TRIAGE_ANALYSTS, TRIAGE_LEADS): nobody may vote, snooze, leave handoff notes or acknowledge handoffs; investigations still work in the triage channels',
    );
  const AUTO_INVESTIGATE_MIN_SEVERITY = raw.AUTO_INVESTIGATE_MIN_SEVERITY ?? (mode === 'local' ? 'Medium' : 'High');
  return { ...raw, AUTO_INVESTIGATE_MIN_SEVERITY, mode, slackEnabled, teamsEnabled, azureEnabled, demoWorkspace, notices };
}

function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}
