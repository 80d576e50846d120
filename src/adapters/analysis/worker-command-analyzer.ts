/**
 * The CommandAnalyzer the bot runs: one long-lived worker thread analyses command lines one at a
 * time, so a hostile one costs the worker, never the event loop that acks Slack and Teams. Each
 * analysis has a time limit (past it the worker is terminated and a fresh one started for the next
 * request) and the worker a V8 heap limit (resourceLimits: past it the worker dies, not the bot).
 */
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { AnalysisStop, CommandAnalysisOutcome, CommandAnalyzer } from '../../ports/command-analyzer';
import type { AnalysisReply } from './command-analysis-worker';

/** A 32,767-character command line analyses in ≈ 15–40 ms (linear-time analysis): 250 ms is a wide margin on a loaded machine. */
export const ANALYSIS_TIME_LIMIT_MS = 250;
/** The analysis of a 64 KB command line needs a few MB; the worker's code (tsx, the domain) about 20. */
export const ANALYSIS_MAX_HEAP_MB = 64;
/** Loading the worker (tsx compiling the domain on a cold cache) is not the analysis: a separate, generous limit. */
const WORKER_START_LIMIT_MS = 30_000;

// The worker runs the TypeScript sources like `npm start` does: tsx's require hook, registered in
// the worker itself (a hook does not cross threads). The same under jest, whose transform does not
// reach worker threads either.
const WORKER_BOOT = `
const { workerData } = require('node:worker_threads');
require(workerData.tsx);
require(workerData.entry);
`;

export interface WorkerAnalyzerOptions {
  timeLimitMs?: number;
  maxHeapMb?: number;
  /** Told when a worker is stopped or dies (the composition root logs it). */
  onStop?: (reason: AnalysisStop, detail: string) => void;
}

interface Job {
  commandLine: string;
  resolve(outcome: CommandAnalysisOutcome): void;
  id?: number;
  timer?: NodeJS.Timeout;
}

interface Running {
  thread: Worker;
  /** Requests and replies (the worker's own channel is for errors and exit). */
  port: MessagePort;
  ready: Promise<void>;
}

export class WorkerCommandAnalyzer implements CommandAnalyzer {
  private readonly timeLimitMs: number;
  private readonly maxHeapMb: number;
  private worker?: Running;
  private readonly queue: Job[] = [];
  private current?: Job;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerAnalyzerOptions = {}) {
    this.timeLimitMs = options.timeLimitMs ?? ANALYSIS_TIME_LIMIT_MS;
    this.maxHeapMb = options.maxHeapMb ?? ANALYSIS_MAX_HEAP_MB;
  }

  analyze(commandLine: string): Promise<CommandAnalysisOutcome> {
    if (this.closed) return Promise.resolve(stopped('failed', 'analysis not available: the bot is stopping'));
    return new Promise((resolve) => {
      this.queue.push({ commandLine, resolve });
      void this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.resolve(stopped('failed', 'analysis not available: the bot is stopping'));
    const worker = this.worker;
    this.worker = undefined;
    if (this.current) this.finish(this.current, stopped('failed', 'analysis not available: the bot is stopping'));
    worker?.port.close();
    await worker?.thread.terminate();
  }

  private async pump(): Promise<void> {
    if (this.current || this.closed) return;
    const job = this.queue.shift();
    if (!job) return;
    this.current = job;
    let worker: Running;
    try {
      worker = this.worker ?? this.spawn();
      await worker.ready;
    } catch (err) {
      this.finish(job, stopped('failed', `analysis not available: its worker did not start (${err instanceof Error ? err.message : String(err)})`));
      return;
    }
    if (this.current !== job) return; // closed meanwhile
    job.id = this.nextId++;
    job.timer = setTimeout(() => {
      // A busy event loop can run this timer before it reads a reply the worker sent in time.
      const queued = receiveMessageOnPort(worker.port);
      if (queued) return this.onReply(queued.message as AnalysisReply);
      this.kill(worker, 'time', `an analysis took longer than ${this.timeLimitMs} ms`);
      this.finish(job, stopped('time', `analysis stopped after ${this.timeLimitMs} ms — none`));
    }, this.timeLimitMs);
    worker.port.postMessage({ id: job.id, commandLine: job.commandLine });
  }

  private finish(job: Job, outcome: CommandAnalysisOutcome): void {
    if (this.current !== job) return;
    clearTimeout(job.timer);
    this.current = undefined;
    job.resolve(outcome);
    void this.pump();
  }

  private spawn(): Running {
    const { port1: port, port2: replies } = new MessageChannel();
    const thread = new Worker(WORKER_BOOT, {
      eval: true,
      workerData: { tsx: require.resolve('tsx/cjs'), entry: path.join(__dirname, 'command-analysis-worker.ts'), replies },
      transferList: [replies],
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb, maxYoungGenerationSizeMb: Math.max(4, this.maxHeapMb / 8) },
      stdout: false,
      stderr: false,
    });
    thread.unref(); // an idle analyzer never keeps the process (or a jest run) alive
    port.unref();
    const ready = new Promise<void>((resolve, reject) => {
      const startTimer = setTimeout(() => reject(new Error(`not ready after ${WORKER_START_LIMIT_MS} ms`)), WORKER_START_LIMIT_MS);
      startTimer.unref();
      port.once('message', (m: unknown) => {
        clearTimeout(startTimer);
        if (m === 'ready') resolve();
        else reject(new Error('unexpected first message'));
      });
      thread.once('error', (err) => {
        clearTimeout(startTimer);
        reject(err);
      });
    });
    ready.catch(() => this.kill(worker, 'failed', 'the worker did not start'));
    const worker: Running = { thread, port, ready };
    port.on('message', (reply: AnalysisReply | 'ready') => {
      if (reply !== 'ready') this.onReply(reply);
    });
    thread.on('error', (err: Error & { code?: string }) => {
      const memory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.kill(worker, memory ? 'memory' : 'failed', err.message);
      if (this.current?.id !== undefined) {
        this.finish(this.current, memory ? stopped('memory', `analysis stopped: it needed more than ${this.maxHeapMb} MB — none`) : stopped('failed', `analysis failed: ${err.message}`));
      }
    });
    thread.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      if (this.current?.id !== undefined && !this.closed) this.finish(this.current, stopped('failed', 'analysis failed: its worker exited'));
    });
    this.worker = worker;
    return worker;
  }

  private onReply(reply: AnalysisReply): void {
    const job = this.current;
    if (!job || reply.id !== job.id) return;
    this.finish(job, reply.ok ? { kind: 'analysed', analysis: reply.analysis } : stopped('failed', `analysis failed: ${reply.error}`));
  }

  /** Ends a worker that went past a limit; the next request starts a fresh one. */
  private kill(worker: Running, reason: AnalysisStop, detail: string): void {
    if (this.worker === worker) this.worker = undefined;
    this.options.onStop?.(reason, detail);
    worker.port.close();
    void worker.thread.terminate().catch(() => undefined);
  }
}

function stopped(reason: AnalysisStop, note: string): CommandAnalysisOutcome {
  return { kind: 'stopped', reason, note };
}
