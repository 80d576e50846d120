/**
 * storm: a burst of alerts of `types` types on `resources` resources (each type fires on one
 * resource, so there are `types` storm keys) to one channel, posted in one webhook body, against a
 * fake Slack that enforces Slack's limits (chat.postMessage 1/s per channel, chat.update Tier 3;
 * 429 + Retry-After). The bot runs as `triage-bot start` builds it, with its real pacing.
 *
 * An alert is visible when Slack shows it: its own card in the channel, or a group card of its
 * storm key whose "×N alerts" counter has reached every alert of that key (the group counter
 * counts the key's earlier single cards too). Figures: seconds until every alert is visible; root
 * messages posted; 429s received; alerts still not visible when the run ends (lost).
 */
import { BOT_TOKEN, WEBHOOK_SECRET, startBenchBot } from './lib/bench-bot';
import { startFakeSlackProcess } from './lib/fake-slack-process';
import type { RootSummary } from './lib/fake-slack-child';
import { round, since, sleep } from './lib/measure';
import { armAlert, type ArmAlert } from './lib/raw-alerts';

export interface StormParams {
  alerts: number;
  types: number;
  resources: number;
  /** give up (and count what is not visible as lost) after this long */
  timeoutSeconds: number;
  /** STORM_THRESHOLD for the bot (default: the bot's own default) */
  stormThreshold?: number;
}

export interface StormFigures {
  seconds_to_visible: number | null;
  messages: number;
  rate_limited: number;
  lost: number;
  alerts: number;
  storm_keys: number;
  thread_replies_posted: number;
  outbox_dead: number;
  visible_by_10s: number;
  visible_by_60s: number;
}

const CHANNEL = 'CSTORM01';
const WEBHOOK_BODY_ALERTS = 250;

export async function benchStorm(p: StormParams): Promise<StormFigures> {
  const alerts = stormAlerts(p);
  const keyOf = new Map(alerts.map((a) => [a.properties.systemAlertId, a.properties.alertType]));
  const perKey = countBy([...keyOf.values()]);
  const slack = await startFakeSlackProcess({ token: BOT_TOKEN, postIntervalMs: 1000, updatesPerMinute: 50 });
  const env: Record<string, string> = p.stormThreshold ? { STORM_THRESHOLD: String(p.stormThreshold) } : {};
  const bot = await startBenchBot({ slackApiUrl: slack.apiUrl, channel: CHANNEL, env });
  try {
    const start = performance.now();
    await postBurst(bot.url, alerts);
    const visibleAt: number[] = [];
    let visible = 0;
    let roots: RootSummary[] = [];
    while (since(start) < p.timeoutSeconds * 1000) {
      roots = await slack.roots(CHANNEL);
      visible = visibleCount(roots, keyOf, perKey);
      while (visibleAt.length < visible) visibleAt.push(since(start));
      if (visible >= alerts.length) break;
      await sleep(250);
    }
    const stats = await slack.stats();
    const counts = await bot.built.deps.store.outbox.counts();
    const by = (s: number) => visibleAt.filter((t) => t <= s * 1000).length;
    return {
      seconds_to_visible: visible >= alerts.length ? round(visibleAt[alerts.length - 1]! / 1000, 1) : null,
      messages: roots.length,
      rate_limited: stats.rateLimited,
      lost: alerts.length - visible,
      alerts: alerts.length,
      storm_keys: perKey.size,
      thread_replies_posted: stats.messages - roots.length,
      outbox_dead: counts.dead,
      visible_by_10s: by(10),
      visible_by_60s: by(60),
    };
  } finally {
    await bot.close();
    await slack.close();
  }
}

/** Type t fires on resource t mod `resources`; alerts cycle through the types, all within a few minutes. */
function stormAlerts(p: StormParams): ArmAlert[] {
  const now = Date.now();
  return Array.from({ length: p.alerts }, (_, i) => {
    const t = i % p.types;
    const at = new Date(now - 300_000 + Math.floor((i / p.alerts) * 240_000)).toISOString();
    return armAlert({ index: i, run: 'storm', alertType: `VM_Storm_Type_${t}`, vm: `storm-vm-${t % p.resources}`, at });
  });
}

/** The burst: the alerts as webhook bodies (lists), all sent at once. */
async function postBurst(baseUrl: string, alerts: ArmAlert[]): Promise<void> {
  const bodies: ArmAlert[][] = [];
  for (let i = 0; i < alerts.length; i += WEBHOOK_BODY_ALERTS) bodies.push(alerts.slice(i, i + WEBHOOK_BODY_ALERTS));
  await Promise.all(
    bodies.map(async (body) => {
      const res = await fetch(new URL('api/alerts', baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_SECRET}` },
        body: JSON.stringify(body),
      });
      if (res.status !== 202) throw new Error(`storm: the webhook answered ${res.status}: ${await res.text()}`);
    }),
  );
}

/** Alerts Slack shows: per storm key, its own cards or the group counter, whichever shows more. */
export function visibleCount(roots: RootSummary[], keyOf: Map<string, string>, perKey: Map<string, number>): number {
  const own = new Map<string, number>();
  const counter = new Map<string, number>();
  for (const r of roots) {
    const key = r.alertId ? keyOf.get(r.alertId) : undefined;
    if (!key) continue;
    own.set(key, (own.get(key) ?? 0) + 1);
    counter.set(key, Math.max(counter.get(key) ?? 0, r.groupCount ?? 0));
  }
  let visible = 0;
  for (const [key, total] of perKey) visible += Math.min(total, Math.max(own.get(key) ?? 0, counter.get(key) ?? 0));
  return visible;
}

function countBy(values: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}


