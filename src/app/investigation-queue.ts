/**
 * The Log Analytics queue: every investigation's queries wait here for a slot, so one shared
 * budget (LOG_ANALYTICS_MAX_CONCURRENT queries in flight for the bot's identity) is split fairly:
 *  - lanes: clicks and commands before automatic or scheduled work; automatic work never holds
 *    the last slot, so a click's first query never waits behind it;
 *  - within a lane, per owner in turn (FairSchedule): one person's twenty commands do not push
 *    another's click back;
 *  - a per-person cap on investigations waiting or running (refused beyond it, with the count);
 *    the jobs of one request (an /investigate's target lookup, then its Who?, Correlate and
 *    Analyze) are one group and count once;
 *  - identical investigations share one run (same key): the later asker gets the same result,
 *    delivered where they asked, and a click joining automatic work lifts it into the click lane;
 *  - an investigation that has not started within its limit (its window, or the queue's maximum)
 *    is dropped, and its askers are told.
 * The wire limits themselves (requests per 30 s, 429 Retry-After) are the Log Analytics adapter's.
 */
import { FairSchedule, type Lane } from '../domain/scheduling/fair-schedule';
import type { KqlQuery, LogsQuery, LogsQueryResult, LogsWorkspace } from '../ports/logs-query';

export interface QueueLimits {
  /** Queries in flight at once (LOG_ANALYTICS_MAX_CONCURRENT; the service allows 5 per identity). */
  maxConcurrent: number;
  /** Investigations one person may have waiting or running (INVESTIGATION_QUEUE_PER_USER). */
  perUser: number;
  /** An investigation not started after this long is dropped (INVESTIGATION_QUEUE_MAX_WAIT_SECONDS). */
  maxWaitMs: number;
}

export const DEFAULT_QUEUE_LIMITS: QueueLimits = { maxConcurrent: 5, perUser: 5, maxWaitMs: 600_000 };

export interface JobSpec<R> {
  /** Identical investigations have the same key and share one run. */
  key: string;
  lane: Lane;
  /** Who asked ("slack:U123"), or the background source: the unit of fairness and of the cap. */
  owner: string;
  /** The request this job is part of: an owner's jobs of one group count once toward the cap. */
  group?: string;
  /** A later job of a request the cap already admitted (its group's first job was): never refused. */
  admitted?: boolean;
  /** Drop it when it has not started after this long (its window), if sooner than the queue's maximum. */
  maxWaitMs?: number;
  /** The Log Analytics the investigation queries (absent: not configured, nothing is queued). */
  logs?: LogsQuery;
  /** The investigation, given the queued view of `logs`. */
  run(logs: LogsQuery | undefined): Promise<R>;
}

export type JobOutcome<R> =
  | { kind: 'done'; result: R }
  /** Not started within its limit; never queried. */
  | { kind: 'dropped'; waitedMs: number }
  /** The investigation itself threw (the use cases turn failures into answers, so this is a fault). */
  | { kind: 'failed'; reason: string };

export interface Asker<R> {
  /**
   * Where the answer goes ("slack:C123"; automatic work: every channel the alert is in). An asker
   * whose every destination is already served gets no delivery of its own.
   */
  destinations: string[];
  deliver(outcome: JobOutcome<R>): Promise<void>;
}

export type Admission =
  /** A new run; `waitingAhead` investigations (in its lane or before it) have not started yet. */
  | { kind: 'queued'; waitingAhead: number; slotFree: boolean; done: Promise<void> }
  /** The same investigation is already waiting or running; this asker shares its result. */
  | { kind: 'joined'; sameDestination: boolean; done: Promise<void> }
  /** The owner already has `waiting` investigations waiting or running (the cap). */
  | { kind: 'refused'; waiting: number };

interface Job {
  key: string;
  lane: Lane;
  owner: string;
  group?: string;
  submittedAt: number;
  started: boolean;
  settled: boolean;
  timer?: NodeJS.Timeout;
  settle(outcome: JobOutcome<unknown>): void;
  outcome: Promise<JobOutcome<unknown>>;
  /** One delivery per destination. */
  deliveries: Map<string, Promise<void>>;
}

interface Task {
  job: Job;
  query: KqlQuery;
  logs: LogsQuery;
  /** The workspace the query goes to (one queue and budget for the identity, whatever the workspace). */
  workspace?: LogsWorkspace;
  resolve(result: LogsQueryResult): void;
}

export class InvestigationQueue {
  private readonly schedule = new FairSchedule<Task>();
  private readonly jobs = new Map<string, Job>();
  private readonly inFlight: Record<Lane, number> = { interactive: 0, background: 0 };

  constructor(
    readonly limits: QueueLimits = DEFAULT_QUEUE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  submit<R>(spec: JobSpec<R>, asker: Asker<R>): Admission {
    const existing = this.jobs.get(spec.key);
    if (existing) {
      if (spec.lane === 'interactive' && existing.lane === 'background') this.promote(existing, spec.owner);
      const sameDestination = asker.destinations.every((d) => existing.deliveries.has(d));
      return { kind: 'joined', sameDestination, done: this.subscribe(existing, asker) };
    }
    if (spec.lane === 'interactive' && !spec.admitted) {
      const waiting = this.unfinishedOf(spec.owner);
      if (waiting >= this.limits.perUser) return { kind: 'refused', waiting };
    }
    const waitingAhead = this.waitingJobs(spec.lane);
    const job = this.create(spec);
    const done = this.subscribe(job, asker);
    // Started on the next turn of the event loop: the caller answers the click first.
    setImmediate(() => void this.execute(job, spec));
    return { kind: 'queued', waitingAhead, slotFree: this.inFlightTotal() < this.limits.maxConcurrent, done };
  }

  /**
   * A queued view of `logs` for single queries outside an investigation (the readiness probe):
   * they take their turn like everyone else's, under `owner`, with no cap and no drop.
   */
  view(logs: LogsQuery, lane: Lane, owner: string): LogsQuery {
    return this.queuedLogs(this.newJob(`view:${owner}`, lane, owner), logs);
  }

  private newJob(key: string, lane: Lane, owner: string): Job {
    let settle!: (o: JobOutcome<unknown>) => void;
    const outcome = new Promise<JobOutcome<unknown>>((resolve) => (settle = resolve));
    return { key, lane, owner, submittedAt: this.now(), started: false, settled: false, settle, outcome, deliveries: new Map() };
  }

  /** A tracked job (shared by key, counted in the cap) with its drop timer. */
  private create(spec: JobSpec<unknown>): Job {
    const job = this.newJob(spec.key, spec.lane, spec.owner);
    job.group = spec.group;
    this.jobs.set(spec.key, job);
    const maxWaitMs = Math.min(this.limits.maxWaitMs, spec.maxWaitMs ?? Infinity);
    job.timer = setTimeout(() => this.dropIfWaiting(job), maxWaitMs);
    job.timer.unref();
    return job;
  }

  private async execute<R>(job: Job, spec: JobSpec<R>): Promise<void> {
    if (!spec.logs) this.markStarted(job); // nothing of it will wait here
    try {
      const result = await spec.run(spec.logs ? this.queuedLogs(job, spec.logs) : undefined);
      this.finish(job, { kind: 'done', result });
    } catch (err) {
      this.finish(job, { kind: 'failed', reason: (err as Error).message });
    }
  }

  private queuedLogs(job: Job, logs: LogsQuery): LogsQuery {
    return {
      workspaceId: logs.workspaceId,
      demo: logs.demo,
      query: (query, workspace) => this.enqueue(job, logs, query, workspace),
      portalLink: logs.portalLink ? (q, workspace) => logs.portalLink!(q, workspace) : undefined,
    };
  }

  private enqueue(job: Job, logs: LogsQuery, query: KqlQuery, workspace?: LogsWorkspace): Promise<LogsQueryResult> {
    if (job.settled) return Promise.resolve(droppedResult());
    return new Promise((resolve) => {
      this.schedule.add(job.lane, job.owner, { job, query, logs, workspace, resolve });
      this.pump();
    });
  }

  /** Starts queries while there are free slots; automatic work leaves the last slot to clicks. */
  private pump(): void {
    const backgroundMax = Math.max(1, this.limits.maxConcurrent - 1);
    while (this.inFlightTotal() < this.limits.maxConcurrent) {
      const next = this.schedule.next((lane) => lane === 'interactive' || this.inFlight.background < backgroundMax);
      if (!next) return;
      this.start(next.item, next.lane);
    }
  }

  private start(task: Task, lane: Lane): void {
    this.markStarted(task.job);
    this.inFlight[lane]++;
    Promise.resolve()
      .then(() => task.logs.query(task.query, task.workspace))
      .catch((err: unknown): LogsQueryResult => ({ status: 'failure', reason: (err as Error).message }))
      .then(task.resolve)
      .finally(() => {
        this.inFlight[lane]--;
        this.pump();
      });
  }

  private markStarted(job: Job): void {
    job.started = true;
    clearTimeout(job.timer);
  }

  private dropIfWaiting(job: Job): void {
    if (job.started || job.settled) return;
    for (const task of this.schedule.remove((t) => t.job === job)) task.resolve(droppedResult());
    this.finish(job, { kind: 'dropped', waitedMs: this.now() - job.submittedAt });
  }

  private finish(job: Job, outcome: JobOutcome<unknown>): void {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.timer);
    if (this.jobs.get(job.key) === job) this.jobs.delete(job.key);
    job.settle(outcome);
  }

  private subscribe<R>(job: Job, asker: Asker<R>): Promise<void> {
    const known = asker.destinations.map((d) => job.deliveries.get(d));
    if (known.length && known.every(Boolean)) return Promise.all(known).then(() => undefined);
    const delivery = job.outcome.then((o) => asker.deliver(o as JobOutcome<R>));
    for (const d of asker.destinations) if (!job.deliveries.has(d)) job.deliveries.set(d, delivery);
    return delivery;
  }

  /** A click on automatic work that has not finished: its queries move to the click lane, under the clicker. */
  private promote(job: Job, owner: string): void {
    job.lane = 'interactive';
    job.owner = owner;
    this.schedule.move((t) => t.job === job, 'interactive', owner);
    this.pump();
  }

  /** The owner's requests waiting or running in the click lane (a group's jobs count once). */
  private unfinishedOf(owner: string): number {
    const requests = new Set<string>();
    for (const job of this.jobs.values()) if (job.owner === owner && job.lane === 'interactive') requests.add(job.group ?? `job:${job.key}`);
    return requests.size;
  }

  /** Investigations not started yet that go before a new one in `lane`. */
  private waitingJobs(lane: Lane): number {
    let n = 0;
    for (const job of this.jobs.values()) if (!job.started && (lane === 'background' || job.lane === 'interactive')) n++;
    return n;
  }

  private inFlightTotal(): number {
    return this.inFlight.interactive + this.inFlight.background;
  }
}

let processQueue: InvestigationQueue | undefined;

/** The deps' queue, or (deps built without one: tests, tools) one queue per process with the default limits. */
export function queueOf(deps: { investigations?: InvestigationQueue }): InvestigationQueue {
  return deps.investigations ?? (processQueue ??= new InvestigationQueue());
}

function droppedResult(): LogsQueryResult {
  return { status: 'failure', reason: 'dropped: the investigation waited too long for Log Analytics' };
}
