/** Starts fake-slack-child.ts in its own process and asks it what Slack would show. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { FakeSlackChildOptions, FakeSlackStats, RootSummary } from './fake-slack-child';

export interface FakeSlackProcess {
  apiUrl: string;
  stats(): Promise<FakeSlackStats>;
  /** Messages posted so far (cheap: for polling). */
  count(): Promise<number>;
  /**
   * Drops the messages and calls kept so far, so a run starts against an empty Slack: otherwise
   * whichever side runs later pays for the fake's bigger heap (20,000 stored messages before the bot's).
   */
  forget(): Promise<void>;
  roots(channel: string): Promise<RootSummary[]>;
  close(): Promise<void>;
}

export async function startFakeSlackProcess(options: FakeSlackChildOptions): Promise<FakeSlackProcess> {
  const child = fork(path.join(__dirname, 'fake-slack-child.ts'), [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const apiUrl = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fake Slack process exited early (code ${code})`)));
    child.once('message', (m: { apiUrl?: string }) => (m.apiUrl ? resolve(m.apiUrl) : reject(new Error('fake Slack did not start'))));
  });
  child.removeAllListeners('exit');
  const ask = asker(child);
  return {
    apiUrl,
    stats: () => ask({ op: 'stats' }) as Promise<FakeSlackStats>,
    count: () => ask({ op: 'count' }) as Promise<number>,
    forget: async () => void (await ask({ op: 'forget' })),
    roots: (channel) => ask({ op: 'roots', channel }) as Promise<RootSummary[]>,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}

function asker(child: ChildProcess): (req: { op: string; channel?: string }) => Promise<unknown> {
  let next = 0;
  let gone: Error | undefined;
  const waiting = new Map<number, { resolve: (result: unknown) => void; reject: (err: Error) => void }>();
  child.on('message', (m: { id?: number; result?: unknown }) => {
    if (m.id === undefined) return;
    waiting.get(m.id)?.resolve(m.result);
    waiting.delete(m.id);
  });
  // A fake that dies mid-run fails the benchmark instead of leaving it waiting for an answer.
  child.on('exit', (code, signal) => {
    gone = new Error(`fake Slack process exited (${signal ?? code})`);
    for (const w of waiting.values()) w.reject(gone);
    waiting.clear();
  });
  return (req) =>
    new Promise((resolve, reject) => {
      if (gone) return reject(gone);
      const id = ++next;
      waiting.set(id, { resolve, reject });
      child.send({ ...req, id });
    });
}
