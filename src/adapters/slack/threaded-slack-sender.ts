/**
 * The SlackSender the bot runs: a WebApiSender in a worker thread (slack-sender-thread.ts). The
 * Web API calls (form encoding, HTTP, parsing Slack's answers) are a good part of a post's CPU; in
 * their own thread they use a second core while the main thread stores, renders and acks clicks.
 * Same behaviour as WebApiSender: same per-channel pacing and retries (in the thread), errors
 * rebuilt with the fields the callers read.
 *
 * A thread that dies fails the calls in flight (the durable outbox retries them; posts are
 * reconciled through their metadata) and the next call starts a new one.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../app/deps';
import type { MessageRef } from '../../ports/chat-surface';
import type { RenderedMessage, SendOptions, SlackSender } from './slack-sender';
import { fromThreadError, type SlackThreadOptions, type ThreadCall, type ThreadReply } from './slack-thread-protocol';

/**
 * The thread runs the TypeScript sources through tsx, as bin/triage-bot.js does for the main thread.
 * Both paths are absolute: evaluated code resolves modules from the working directory, not from here.
 */
const THREAD_ENTRY = path.join(__dirname, `slack-sender-thread${path.extname(__filename)}`);
const BOOTSTRAP = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(THREAD_ENTRY)});`;

type Op = ThreadCall['op'];
type ArgsOf<O extends Op> = Extract<ThreadCall, { op: O }>['args'];

export class ThreadedSlackSender implements SlackSender {
  private worker?: Worker;
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();

  constructor(
    private readonly options: SlackThreadOptions,
    private readonly logger: Logger,
  ) {}

  post(channel: string, message: RenderedMessage, options?: SendOptions): Promise<{ ts: string; channel: string }> {
    return this.call('post', [channel, message, options]) as Promise<{ ts: string; channel: string }>;
  }

  async update(channel: string, ts: string, message: RenderedMessage): Promise<void> {
    await this.call('update', [channel, ts, message]);
  }

  async postEphemeral(channel: string, user: string, threadTs: string | undefined, message: RenderedMessage): Promise<void> {
    await this.call('postEphemeral', [channel, user, threadTs, message]);
  }

  findPosted(channel: string, alertId: string, limit?: number): Promise<MessageRef | undefined> {
    return this.call('findPosted', [channel, alertId, limit]) as Promise<MessageRef | undefined>;
  }

  findReply(channel: string, threadTs: string, alertId: string, role: string, sinceMs?: number): Promise<MessageRef | undefined> {
    return this.call('findReply', [channel, threadTs, alertId, role, sinceMs]) as Promise<MessageRef | undefined>;
  }

  /** Calls sent to the thread and not answered yet. */
  get pending(): number {
    return this.waiting.size;
  }

  /** Starts the thread now, so the first post does not wait for it to load. */
  warm(): void {
    this.thread();
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('the Slack sender was closed before Slack answered; the outbox retries the message'));
    if (worker) await worker.terminate();
  }

  private call<O extends Op>(op: O, args: ArgsOf<O>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const id = (this.nextId += 1);
      const worker = this.thread();
      this.waiting.set(id, { resolve, reject });
      worker.ref(); // a call in flight keeps the process alive until Slack answers
      try {
        worker.postMessage({ id, op, args } as ThreadCall);
      } catch (err) {
        this.settle(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: this.options });
    worker.on('message', (reply: ThreadReply) => this.onReply(reply));
    worker.on('error', (err) => this.logger.error({ err }, 'slack: the sender thread failed'));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(new Error(`the Slack sender thread stopped (exit code ${code}); the outbox retries the message`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private onReply(reply: ThreadReply): void {
    if ('log' in reply) return void this.logger[reply.log.level](reply.log.obj, reply.log.msg);
    const waiter = this.settle(reply.id);
    if (!waiter) return;
    if ('error' in reply) waiter.reject(fromThreadError(reply.error));
    else waiter.resolve(reply.value);
  }

  private settle(id: number) {
    const waiter = this.waiting.get(id);
    this.waiting.delete(id);
    if (!this.waiting.size) this.worker?.unref(); // idle: the thread alone does not keep the process up
    return waiter;
  }

  private failAll(err: Error): void {
    const waiters = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of waiters) w.reject(err);
  }
}
