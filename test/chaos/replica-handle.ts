/**
 * A replica process started and killed from a test: spawns test/chaos/replica-process.ts in one
 * node process (tsx's require hook, not the tsx CLI, whose extra child would survive a SIGKILL).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ENTRY = path.join(__dirname, 'replica-process.ts');
const ROOT = path.resolve(__dirname, '../..');

export class ReplicaHandle {
  port = 0;
  readonly events: Record<string, unknown>[] = [];
  stderr = '';
  private child?: ChildProcess;
  private exited?: Promise<void>;

  constructor(private readonly env: Record<string, string>) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process; resolves once it listens. */
  async start(timeoutMs = 30_000): Promise<void> {
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', ENTRY], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-20_000)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`replica did not start in ${timeoutMs} ms: ${this.stderr}`)), timeoutMs);
      let buffer = '';
      child.stdout!.on('data', (d: Buffer) => {
        buffer += d.toString();
        let nl: number;
        while ((nl = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.startsWith('READY ')) {
            this.port = Number(line.slice(6));
            clearTimeout(timer);
            resolve();
          } else if (line.startsWith('EVENT ')) this.events.push(JSON.parse(line.slice(6)) as Record<string, unknown>);
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`replica exited (${code}) before it was ready: ${this.stderr}`));
      });
    });
  }

  /** SIGKILL: no cleanup, no lease released, nothing flushed. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: graceful stop. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000)));
    await Promise.race([this.exited, timeout]);
    clearTimeout(timer);
    if (this.running) await this.kill();
  }
}
