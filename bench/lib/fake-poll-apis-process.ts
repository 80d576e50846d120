/** Starts fake-poll-apis-child.ts in its own process and asks it to change alerts and count traffic. */
import { fork } from 'node:child_process';
import path from 'node:path';
import type { ApiTraffic, FakePollApisOptions } from './fake-poll-apis-child';

export interface FakePollApis {
  armUrl: string;
  graphUrl: string;
  change(count: number, at: string): Promise<void>;
  traffic(): Promise<Record<'arm' | 'graph', ApiTraffic>>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function startFakePollApis(options: FakePollApisOptions): Promise<FakePollApis> {
  const child = fork(path.join(__dirname, 'fake-poll-apis-child.ts'), [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx', '--max-old-space-size=4096'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const urls = await new Promise<{ armUrl: string; graphUrl: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fake poll APIs exited early (code ${code})`)));
    child.once('message', (m: { armUrl?: string; graphUrl?: string }) => (m.armUrl && m.graphUrl ? resolve({ armUrl: m.armUrl, graphUrl: m.graphUrl }) : reject(new Error('fake poll APIs did not start'))));
  });
  child.removeAllListeners('exit');
  let next = 0;
  const pending = new Map<number, (value: unknown) => void>();
  child.on('message', (m: { id?: number; value?: unknown }) => {
    if (m.id !== undefined) pending.get(m.id)?.(m.value);
    pending.delete(m.id ?? -1);
  });
  const ask = (message: Record<string, unknown>) =>
    new Promise<unknown>((resolve) => {
      const id = ++next;
      pending.set(id, resolve);
      child.send({ ...message, id });
    });
  return {
    ...urls,
    change: async (count, at) => void (await ask({ op: 'change', count, at })),
    traffic: () => ask({ op: 'traffic' }) as Promise<Record<'arm' | 'graph', ApiTraffic>>,
    reset: async () => void (await ask({ op: 'reset' })),
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
