/**
 * Prometheus metrics. Counting happens at the seams (decorated ports and the ingest callback), so
 * no use case knows prom-client exists.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ChatSurface } from '../../ports/chat-surface';
import type { LogsQuery } from '../../ports/logs-query';
import type { AuditLog } from '../../ports/audit-log';
import type { Store } from '../../ports/store';

export class BotMetrics {
  readonly registry = new Registry();
  readonly alertsIngested = new Counter({
    name: 'triage_alerts_ingested_total',
    help: 'Alerts received, by source and outcome (new, status-change, duplicate, invalid).',
    labelNames: ['source', 'outcome'],
    registers: [this.registry],
  });
  readonly messagesPosted = new Counter({
    name: 'triage_messages_posted_total',
    help: 'Messages posted, by platform and kind (post, reply, update) and result.',
    labelNames: ['platform', 'kind', 'result'],
    registers: [this.registry],
  });
  readonly queryDuration = new Histogram({
    name: 'triage_query_duration_seconds',
    help: 'Log Analytics query durations, by query name and status.',
    labelNames: ['query', 'status'],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  readonly queryFailures = new Counter({
    name: 'triage_query_failures_total',
    help: 'Log Analytics queries that failed or returned partial results.',
    labelNames: ['query', 'status'],
    registers: [this.registry],
  });
  readonly auditEvents = new Counter({
    name: 'triage_audit_events_total',
    help: 'Votes, decisions, write-backs, handoff acknowledgments and snoozes, by audit action.',
    labelNames: ['action'],
    registers: [this.registry],
  });
  readonly outboxDepth = new Gauge({
    name: 'triage_outbox_depth',
    help: 'Posts waiting in the outbox.',
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'triage_' });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/**
 * Counts every post, reply and update a surface makes, by outcome. The wrapper is a ChatSurface of
 * its own that forwards every member of the port (capabilities, private answers, reconciliation),
 * not an object whose prototype is the surface: no caller may need to know which class is inside.
 */
export function instrumentSurface(surface: ChatSurface, metrics: BotMetrics): ChatSurface {
  const count = async <T>(kind: string, work: () => Promise<T>): Promise<T> => {
    try {
      const value = await work();
      metrics.messagesPosted.inc({ platform: surface.platform, kind, result: 'ok' });
      return value;
    } catch (err) {
      metrics.messagesPosted.inc({ platform: surface.platform, kind, result: 'error' });
      throw err;
    }
  };
  const { notifyUser, findPosted, findReply } = surface;
  return {
    platform: surface.platform,
    ...(surface.capabilities ? { capabilities: surface.capabilities } : {}),
    post: (channelId, card, options) => count('post', () => surface.post(channelId, card, options)),
    reply: (root, card, options) => count('reply', () => surface.reply(root, card, options)),
    update: (message, card) => count('update', () => surface.update(message, card)),
    ...(notifyUser ? { notifyUser: (origin, userId, card) => notifyUser.call(surface, origin, userId, card) } : {}),
    ...(findPosted ? { findPosted: (channelId, alertId) => findPosted.call(surface, channelId, alertId) } : {}),
    ...(findReply ? { findReply: (root, alertId, role, sinceMs) => findReply.call(surface, root, alertId, role, sinceMs) } : {}),
  };
}

/** Times every query and counts the ones that were not a full success. */
export function instrumentLogsQuery(logs: LogsQuery, metrics: BotMetrics): LogsQuery {
  const wrapped: LogsQuery = Object.create(logs);
  wrapped.query = async (q, workspace) => {
    const end = metrics.queryDuration.startTimer({ query: q.name });
    const result = await logs.query(q, workspace);
    end({ status: result.status });
    if (result.status !== 'success') metrics.queryFailures.inc({ query: q.name, status: result.status });
    return result;
  };
  return wrapped;
}

/** Every audited action (vote, decision, write-back, …) is also a metric. */
export function instrumentAuditLog(audit: AuditLog, metrics: BotMetrics): AuditLog {
  const wrapped: AuditLog = Object.create(audit);
  wrapped.append = async (entry) => {
    await audit.append(entry);
    metrics.auditEvents.inc({ action: entry.action });
  };
  return wrapped;
}

/** The store with its audit log counted, in transactions (`atomically`) too. */
export function instrumentStore(store: Store, metrics: BotMetrics): Store {
  return Object.assign(Object.create(store) as Store, {
    audit: instrumentAuditLog(store.audit, metrics),
    atomically: <T>(fn: (tx: Store) => Promise<T>) => store.atomically((tx) => fn(instrumentStore(tx, metrics))),
  });
}
