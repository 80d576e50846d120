/**
 * webhook: one body of N small alerts (each its own id, type, machine and time) POSTed to
 * /api/alerts — the bot as `triage-bot start` builds it, its WEBHOOK_MAX_ALERTS raised to N —
 * while /healthz is asked every 10 ms: how long the event loop was held (the bot's longest
 * event-loop delay from the POST until a second after its 202 — the figure to read: the /healthz
 * prober runs in the same process, so a stall that falls between two of its probes is not in
 * `healthz_max_ms`), the time to the 202, and the process's peak RSS (`maxrss`). Posting to Slack
 * goes on at its real pace of one a second and is not what this measures.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startBenchBot, BOT_TOKEN, WEBHOOK_SECRET } from './lib/bench-bot';
import { startFakeSlackProcess } from './lib/fake-slack-process';
import { peakRssMb, round, since, sleep } from './lib/measure';

export interface WebhookFigures {
  alerts: number;
  body_mb: number;
  accept_ms: number;
  status: number;
  healthz_max_ms: number;
  healthz_probes: number;
  /** the bot's event-loop delay, longest and p99, over the same time (perf_hooks, 10 ms resolution) */
  loop_delay_max_ms: number;
  loop_delay_p99_ms: number;
  rss_mb: number;
  /** the process's RSS just before the POST: what the bot holds without the body */
  rss_before_mb: number;
}

export async function benchWebhook(n: number): Promise<WebhookFigures> {
  const slack = await startFakeSlackProcess({ token: BOT_TOKEN });
  try {
    const body = JSON.stringify(Array.from({ length: n }, (_, i) => smallAlert(i)));
    const bot = await startBenchBot({
      slackApiUrl: slack.apiUrl,
      channel: 'CWEBHOOK',
      env: { WEBHOOK_MAX_ALERTS: String(n), WEBHOOK_MAX_BYTES: String(Math.max(body.length + 1024, 4 * 1024 * 1024)) },
    });
    try {
      const health = new URL('/healthz', bot.url);
      let until = Infinity;
      let slowest = 0;
      let probes = 0;
      const probing = (async () => {
        while (performance.now() < until) {
          const start = performance.now();
          await fetch(health);
          slowest = Math.max(slowest, since(start));
          probes++;
          await sleep(10);
        }
      })();
      await sleep(200); // the probe loop's own first requests settle
      const rssBefore = process.memoryUsage().rss / 1024 / 1024;
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const start = performance.now();
      const res = await fetch(new URL('/api/alerts', bot.url), {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_SECRET}` },
      });
      await res.text();
      const acceptMs = since(start);
      until = performance.now() + 1000;
      await probing;
      loop.disable();
      return {
        alerts: n,
        body_mb: round(body.length / 1024 / 1024, 2),
        accept_ms: Math.round(acceptMs),
        status: res.status,
        healthz_max_ms: Math.round(slowest),
        healthz_probes: probes,
        loop_delay_max_ms: Math.round(loop.max / 1e6),
        loop_delay_p99_ms: Math.round(loop.percentile(99) / 1e6),
        rss_mb: Math.round(peakRssMb()),
        rss_before_mb: Math.round(rssBefore),
      };
    } finally {
      await bot.close();
    }
  } finally {
    await slack.close();
  }
}

/** A small continuous-export-shaped alert: what a sender batching many alerts into one body sends. */
function smallAlert(i: number): Record<string, unknown> {
  const at = new Date(Date.parse('2026-12-07T02:00:00Z') + i * 1000).toISOString();
  return {
    SystemAlertId: `2518000000000${String(i).padStart(7, '0')}_webhook-${i}`,
    AlertType: `VM_Bench_${i}`,
    AlertDisplayName: `Bench alert ${i}`,
    ReportedSeverity: 'High',
    Status: 'New',
    StartTimeUtc: at,
    TimeGenerated: at,
    CompromisedEntity: `vm-${i}`,
  };
}
