/**
 * The one configuration schema: every environment variable the bot reads, validated at start.
 * Each variable documents itself (`describe`), and the README's configuration reference is
 * generated from this file. Add variables here, never read process.env elsewhere.
 */
import { z } from 'zod';
import { parseCustomers, type Customer } from '../domain/customers';
import { parseShifts } from '../domain/handoff/shifts';
import { workspaceIdOf, type WorkspaceAllowlist, type WorkspaceId } from '../domain/investigation/workspace-choice';
import { AZURE_PORTALS } from '../domain/portal-links';

const optionalString = () => z.string().trim().min(1).optional();
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));
const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max} (got "${v}")` });
        return z.NEVER;
      }
      return n;
    });
const list = () =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === '' || /^https?:\/\/[^\s]+$/.test(v), { message: `must be an http(s) URL for ${what}` })
    .transform((v) => (v ? v : undefined));

/** "*" or comma-separated workspace ids (GUIDs); absent: undefined (the configured workspace only). */
const workspaceAllowlist = () =>
  z
    .string()
    .optional()
    .transform((v, ctx): WorkspaceAllowlist | undefined => {
      const entries = (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (!entries.length) return undefined;
      if (entries.includes('*')) {
        if (entries.length > 1) ctx.addIssue({ code: 'custom', message: 'either "*" (any workspace the identity can read) or workspace ids, not both' });
        return { kind: 'any' };
      }
      const ids: WorkspaceId[] = [];
      for (const entry of entries) {
        const id = workspaceIdOf(entry);
        if (id) ids.push(id);
        else ctx.addIssue({ code: 'custom', message: `"${entry.slice(0, 40)}" is not a workspace id (the workspace's customer id, a GUID, as LOG_ANALYTICS_WORKSPACE_ID)` });
      }
      return { kind: 'listed', ids };
    });

/** CUSTOMERS (JSON): every problem reported, each naming the customer and its field. */
const customers = () =>
  z
    .string()
    .optional()
    .transform((v, ctx): Customer[] => {
      const { customers: parsed, problems } = parseCustomers(v);
      for (const message of problems) ctx.addIssue({ code: 'custom', message });
      return parsed;
    });

/** A shared secret someone could not guess: long, and not one character repeated. */
export const WEBHOOK_SECRET_MIN_LENGTH = 32;
const webhookSecret = () =>
  optionalString().refine((v) => v === undefined || (v.length >= WEBHOOK_SECRET_MIN_LENGTH && new Set(v).size >= 8), {
    message: `too weak: use at least ${WEBHOOK_SECRET_MIN_LENGTH} random characters, e.g. the output of \`openssl rand -hex 32\`, and give the same value to the sender`,
  });

/** "slack:C123,teams:19:…@thread.tacv2" → routes (a Teams channel id contains colons: split at the first). */
const handoffChannels = () =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const routes: { platform: 'slack' | 'teams' | 'web'; channelId: string }[] = [];
      for (const entry of (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
        const colon = entry.indexOf(':');
        const platform = entry.slice(0, colon);
        const channelId = entry.slice(colon + 1).trim();
        if (colon < 1 || !channelId || (platform !== 'slack' && platform !== 'teams' && platform !== 'web')) {
          ctx.addIssue({ code: 'custom', message: `"${entry.slice(0, 60)}" must be slack:<channel id>, teams:<channel id> or web:<channel>` });
          return z.NEVER;
        }
        routes.push({ platform, channelId });
      }
      return routes;
    });

export const configSchema = z.object({
  // --- general
  PORT: int(3978, 1, 65535).describe('HTTP port for the local channel, Slack HTTP mode, Teams /api/messages, webhook and health.'),
  HOST: z.string().optional().describe('Address to listen on. Local mode always binds 127.0.0.1.'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || /^(sqlite:|postgres(ql)?:\/\/)/.test(v), { message: 'must be sqlite:<path> or postgres://…' })
    .describe('sqlite:<path> (default sqlite:./data/triage.db) or postgres://user@host/db for several replicas.'),
  METRICS_TOKEN: optionalString().describe(
    'Bearer token for /metrics and for the details of /readyz (its status code stays open for load balancers; /healthz is always open). Unset: both are open to anyone who reaches PORT.',
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().describe('pino log level (default info).'),
  ALERT_REPLAY_DIR: optionalString().describe('Directory of alert JSON files to replay at start (any Defender shape).'),
  LOCAL_DEMO: bool(true).describe('In local mode, replay the bundled demo alerts when ALERT_REPLAY_DIR is not set.'),
  DEMO_KEEP_TIMES: bool(false).describe(
    'Replay the bundled demo (alerts and demo workspace) with its original 26 Nov 2026 times instead of moving it so the story happened minutes ago.',
  ),

  // --- Slack
  SLACK_BOT_TOKEN: optionalString().describe('Bot token (xoxb-…). Enables Slack.'),
  SLACK_SIGNING_SECRET: optionalString().describe('Signing secret; required for HTTP mode.'),
  SLACK_APP_TOKEN: optionalString().describe('App-level token (xapp-…): enables Socket Mode, no public URL needed.'),
  SLACK_API_URL: httpUrl('SLACK_API_URL').describe('Slack Web API base, default https://slack.com/api/ (must end in /api/).'),
  SLACK_ALERT_CHANNEL: optionalString().describe('Channel id that receives new alerts (e.g. C0123456789).'),
  SLACK_TEAM_IDS: list().describe(
    'Comma-separated Slack workspace (team) ids served (T…); requests from any other workspace are refused and audited. Default: the workspace of SLACK_BOT_TOKEN (auth.test).',
  ),
  SLACK_ENTERPRISE_IDS: list().describe('Comma-separated Enterprise Grid ids served (E…): every workspace of the grid. Default: the grid of SLACK_BOT_TOKEN, if any (auth.test).'),

  // --- Teams
  TEAMS_APP_ID: optionalString().describe('Entra app (client) id of the bot. Enables Teams.'),
  TEAMS_APP_PASSWORD: optionalString().describe('Client secret of the bot app registration.'),
  TEAMS_TENANT_ID: optionalString().describe('Tenant id of the bot app registration (single-tenant bots).'),
  TEAMS_ALERT_CHANNEL: optionalString().describe('Teams channel conversation id (19:…@thread.tacv2) that receives new alerts.'),
  TEAMS_ALLOW_ANONYMOUS: bool(false).describe('Accept unauthenticated Bot Framework requests (local testing only).'),
  TEAMS_TENANT_IDS: list().describe(
    'Comma-separated Entra tenant ids whose Teams activities are served; others are refused, audited and not stored. Default: TEAMS_TENANT_ID.',
  ),

  // --- routing (shared by Slack and Teams)
  ROUTING_RULES: optionalString().describe(
    'JSON array of rules {"platform","channel","subscription"?,"minSeverity"?,"alertType"?} routing alerts besides the default channels.',
  ),

  // --- Azure
  AZURE_SUBSCRIPTION_IDS: list().describe('Comma-separated subscription ids to poll for Defender alerts.'),
  LOG_ANALYTICS_WORKSPACE_ID: optionalString().describe(
    'Workspace (customer) id the investigations query when the alert names no workspace (and its resource has no diagnostic setting to one).',
  ),
  LOG_ANALYTICS_WORKSPACES: workspaceAllowlist().describe(
    'Workspaces the investigations may search besides LOG_ANALYTICS_WORKSPACE_ID: comma-separated workspace ids (GUIDs), or "*" for any the identity can read. An alert whose data is in another workspace is answered with the id to add here. Default: LOG_ANALYTICS_WORKSPACE_ID only.',
  ),
  ARM_ENDPOINT: httpUrl('ARM_ENDPOINT').describe('Azure Resource Manager endpoint (sovereign clouds, tests). Default https://management.azure.com.'),
  AZURE_PORTAL_URL: httpUrl('AZURE_PORTAL_URL')
    .refine((v) => v === undefined || (AZURE_PORTALS as readonly string[]).includes(v.replace(/\/+$/, '').toLowerCase()), {
      message: `must be one of Microsoft's Azure portals: ${AZURE_PORTALS.join(', ')}`,
    })
    .describe(
    'Azure portal the card buttons open (https://portal.azure.com, https://portal.azure.us, https://portal.azure.cn). Default: the portal of the cloud ARM_ENDPOINT names.',
  ),
  LOG_ANALYTICS_ENDPOINT: httpUrl('LOG_ANALYTICS_ENDPOINT').describe('Log Analytics query endpoint ending in /v1. Default https://api.loganalytics.io/v1.'),
  LOG_ANALYTICS_WORKSPACE_RESOURCE_ID: z
    .string()
    .trim()
    .optional()
    .refine((v) => v === undefined || v === '' || /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.OperationalInsights\/workspaces\/[^/]+$/i.test(v), {
      message: 'must be a workspace ARM id: /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>',
    })
    .transform((v) => (v ? v : undefined))
    .describe('ARM id of the workspace, for the "Open in Log Analytics" links on investigation results (optional).'),
  AZURE_CREDENTIAL: z
    .enum(['managed-identity', 'client-secret', 'client-certificate'])
    .optional()
    .describe('How to authenticate to Azure; chosen explicitly, no silent fallback. Default managed-identity.'),
  AZURE_TENANT_ID: optionalString().describe('Tenant for client-secret / client-certificate credentials.'),
  AZURE_CLIENT_ID: optionalString().describe('App (client) id; for managed identity, a user-assigned identity.'),
  AZURE_CLIENT_SECRET: optionalString().describe('Client secret (client-secret credential).'),
  AZURE_CLIENT_CERTIFICATE_PATH: optionalString().describe('PEM certificate path (client-certificate credential).'),
  POLL_INTERVAL_SECONDS: int(60, 5, 86400).describe('How often to poll Defender for new alerts.'),
  GRAPH_ALERTS: bool(false).describe(
    "Read the tenant's Defender for Cloud alerts from Microsoft Graph (the Defender portal's alerts_v2, polled every POLL_INTERVAL_SECONDS); with WRITE_BACK, decisions go to the Defender XDR alert; Correlate lists the XDR incident. Needs the Graph application permissions SecurityAlert.Read.All (SecurityAlert.ReadWrite.All for write-back) and SecurityIncident.Read.All.",
  ),
  GRAPH_ENDPOINT: httpUrl('GRAPH_ENDPOINT').describe('Microsoft Graph endpoint (national clouds, tests). Default https://graph.microsoft.com.'),
  GRAPH_LOOKBACK_HOURS: int(24, 1, 24 * 30).describe('The first Graph poll reads alerts updated this many hours back; later polls read what changed since the last.'),

  // --- investigations
  INVESTIGATION_WINDOW_BEFORE_MINUTES: int(60, 1, 7 * 24 * 60).describe('Minutes before the alert start that Who? searches.'),
  INVESTIGATION_WINDOW_AFTER_MINUTES: int(30, 0, 7 * 24 * 60).describe('Minutes after the alert end that Who? searches.'),
  CORRELATION_WINDOW_HOURS: int(24, 1, 24 * 30).describe('± hours around the alert that Correlate searches.'),
  LOG_ANALYTICS_MAX_CONCURRENT: int(5, 1, 5).describe(
    "Log Analytics queries in flight at once for the bot's identity (the service allows 5 per user). Replicas sharing one identity: give each its share.",
  ),
  LOG_ANALYTICS_MAX_REQUESTS_PER_30S: int(200, 1, 200).describe(
    "Log Analytics requests started in any 30 s for the bot's identity (the service allows 200 per user). Replicas sharing one identity: give each its share.",
  ),
  INVESTIGATION_QUEUE_PER_USER: int(5, 1, 100).describe(
    'Investigations one person may have waiting or running at once; beyond it they are told "you already have N investigations waiting".',
  ),
  INVESTIGATION_QUEUE_MAX_WAIT_SECONDS: int(600, 10, 3600).describe(
    'An investigation that has not started after this long (or after its own /investigate window, if shorter) is dropped and its askers told.',
  ),

  AUTO_INVESTIGATE_MIN_SEVERITY: z
    .enum(['High', 'Medium', 'Low', 'Informational', 'off'], { message: 'must be High, Medium, Low, Informational or off' })
    .optional()
    .describe(
      'Alerts at or above this severity run Who?, Correlate and Analyze when their card is posted, as if clicked, in the background lane of the Log Analytics queue (clicks go first); a storm\'s members share their group card\'s. "off" disables it. Default High; in local mode Medium, where the investigations answer from the bundled demo workspace and cost nothing (the demo\'s flagship alert is Medium).',
    ),

  // --- triage
  SUGGEST_PRESELECT: bool(false).describe(
    "The alert card's vote controls start at the triage suggestion's severity. The suggestion is never a vote: someone must still click.",
  ),
  VOTE_QUORUM: int(2, 1, 50).describe('Number of agreeing votes that decides an alert.'),
  TRIAGE_ANALYSTS: list().describe(
    'Comma-separated analyst ids: Slack user ids (U…), Teams Entra object ids; prefix "slack:" / "teams:" to pin the platform. User groups are not expanded: list the members. "*" = everyone in the triage channels. Empty (and no leads): in local mode everyone; with Slack or Teams nobody may vote, snooze, leave handoff notes or acknowledge.',
  ),
  TRIAGE_LEADS: list().describe('Comma-separated lead ids (same form as TRIAGE_ANALYSTS); a lead vote decides alone and may reopen a decision.'),
  WRITE_BACK: bool(false).describe(
    'Write decisions back to Defender: true positive → InProgress, benign positive → Resolved, false positive → Dismissed (the bot identity needs Security Admin).',
  ),
  SHIFTS: optionalString()
    .refine((v) => v === undefined || parseShifts(v).ok, { message: 'must be "<IANA time zone> HH:MM,HH:MM,…", e.g. "Europe/Berlin 07:00,15:00,23:00"' })
    .describe('Shift time zone and start times, e.g. "Europe/Berlin 07:00,15:00,23:00": a handoff is posted at each start. Unset: no scheduled handoff; /handoff uses 00:00,08:00,16:00 UTC.'),
  HANDOFF_CHANNELS: handoffChannels().describe(
    'Where scheduled handoffs go: comma-separated platform:channel, e.g. "slack:C0123456789,teams:19:abc@thread.tacv2". Default: the alert channels.',
  ),
  TRIAGE_CHANNELS: handoffChannels().describe(
    'Where commands and buttons work and results are posted: comma-separated platform:channel (same form as HANDOFF_CHANNELS). Elsewhere only the roster is answered, privately. Default: the alert channels (incl. ROUTING_RULES) and the handoff channels.',
  ),
  CUSTOMERS: customers().describe(
    'The customers this bot triages for (JSON object: name → {"tenantId", "subscriptions": [...], "alertChannel": "slack:C…", "handoffChannel", "analysts": [...], "leads": [...], "shifts": "Europe/Berlin 07:00,15:00,23:00", "workspaces": [...] or "*", "quorum": 2}). Each alert belongs to the customer of its subscription, else of its tenant: it is posted to that customer\'s alert channel, triaged by its roster (with TRIAGE_ANALYSTS / TRIAGE_LEADS, who see every customer) under its quorum, and handed off at its shifts to its handoff channel; an analyst of one customer is refused another\'s alerts; Correlate never links two customers\' alerts. Every customer\'s subscriptions are polled besides AZURE_SUBSCRIPTION_IDS.',
  ),
  AZURE_TENANT_CREDENTIALS: z
    .enum(['lighthouse', 'per-tenant'], { message: 'must be lighthouse or per-tenant' })
    .optional()
    .describe(
      "How the bot reaches the customers' subscriptions (CUSTOMERS): lighthouse (default) — the one AZURE_CREDENTIAL identity, which Azure Lighthouse delegates every customer's subscriptions to; per-tenant — one credential per customer tenant, the AZURE_CLIENT_ID app (multitenant, consented in each customer's tenant) signing in to the customer's tenantId (needs AZURE_CREDENTIAL client-secret or client-certificate).",
    ),
  SNOOZE_MAX_HOURS: int(24, 1, 7 * 24).describe('The longest snooze of an alert storm, in hours.'),

  // --- ingest
  WEBHOOK_SECRET: webhookSecret().describe(
    'Shared secret for POST /api/alerts: at least 32 random characters (e.g. `openssl rand -hex 32`). Senders sign "<X-Triage-Timestamp>.<body>" with it (HMAC-SHA256, recommended), or the body alone, or send it as a bearer token (both replayable): docs/ingest.md.',
  ),
  WEBHOOK_REQUIRE_TIMESTAMP: bool(false).describe(
    'Refuse webhook requests without a signed X-Triage-Timestamp (the body-only signature and the bearer token can be replayed).',
  ),
  WEBHOOK_MAX_ALERTS: int(1000, 1, 100_000).describe('Most alerts one webhook body may hold; a bigger body is refused with 413 (send smaller ones).'),
  WEBHOOK_MAX_BYTES: int(4 * 1024 * 1024, 1024, 64 * 1024 * 1024).describe('Largest webhook body in bytes; a bigger one is refused with 413.'),
  EVENTHUB_CONNECTION_STRING: optionalString().describe('Event Hubs connection string (Defender continuous export).'),
  EVENTHUB_NAME: optionalString().describe('Event hub name.'),
  EVENTHUB_CONSUMER_GROUP: optionalString().describe('Consumer group (default $Default).'),
  CHECKPOINT_STORAGE_CONNECTION_STRING: optionalString().describe('Blob storage connection string for Event Hubs checkpoints.'),
  CHECKPOINT_CONTAINER: optionalString().describe('Blob container for Event Hubs checkpoints.'),
  STORM_WINDOW_MINUTES: int(30, 1, 24 * 60).describe('Alerts of one type on one resource within this window are grouped.'),
  STORM_THRESHOLD: int(2, 2, 10_000).describe(
    'How many such alerts make a storm: the first card then becomes the group card and the rest go to its thread (default 2).',
  ),
  REPLICA_ID: optionalString().describe(
    "This replica's name in the outbox and poll leases (default: host name and port). Keep it stable across restarts and unique per replica.",
  ),
  POLL_LEASE_SECONDS: int(0, 0, 86400).describe(
    'How long a replica may stop renewing its poll lease before another replica takes the subscription over (0 = three poll intervals, at least 30 s).',
  ),
});

export type RawConfig = z.output<typeof configSchema>;
