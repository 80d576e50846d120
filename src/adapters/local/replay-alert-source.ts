/**
 * Alerts from JSON files: every `*.json` in a directory (ALERT_REPLAY_DIR, or the bundled demo
 * alerts), in name order with the flagship story first, delivered once at start. Each file may hold any Defender shape — one
 * alert, an array or a `{ value: [...] }` list. A file that cannot be read or parsed, or whose
 * delivery fails, is logged with its name and skipped: it never stops the others.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseAlertJson } from '../../domain/normalize/alert-json';
import type { AlertSource } from '../../ports/alert-source';

export interface ReplayLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface ReplaySummary {
  files: number;
  delivered: number;
  skipped: { file: string; reason: string }[];
}

/**
 * Name order, except that the flagship story (`flagship-*.json`) comes first: a newcomer's first
 * cards are the story DESIGN.md tells, on every surface, whatever other demo files sort before it.
 */
export function replayOrder(a: string, b: string): number {
  const rank = (f: string) => (f.toLowerCase().startsWith('flagship-') ? 0 : 1);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The demo alerts shipped with the bot (the flagship scenario and Microsoft's public samples). */
export const BUNDLED_DEMO_DIR = path.resolve(__dirname, '../../../demo/alerts');

export class ReplayAlertSource implements AlertSource {
  readonly name: string;
  /** What the last start() did; useful for the startup log and tests. */
  summary: ReplaySummary = { files: 0, delivered: 0, skipped: [] };

  /** `transform`: applied to each file's JSON before delivery (the demo's time shift). */
  constructor(
    private readonly dir: string,
    private readonly logger: ReplayLogger,
    private readonly transform: (raw: unknown) => unknown = (raw) => raw,
  ) {
    this.name = `replay:${dir}`;
  }

  async start(deliver: (raw: unknown, source: string) => Promise<void>): Promise<void> {
    const files = await this.listFiles();
    const summary: ReplaySummary = { files: files.length, delivered: 0, skipped: [] };
    for (const file of files) {
      const reason = await this.replayFile(file, deliver);
      if (reason) {
        summary.skipped.push({ file, reason });
        this.logger.warn({ file, reason }, `skipped alert file ${file}: ${reason}`);
      } else summary.delivered++;
    }
    this.summary = summary;
    this.logger.info({ dir: this.dir, ...summary, skipped: summary.skipped.length }, `replayed ${summary.delivered} of ${files.length} alert files from ${this.dir}`);
  }

  async stop(): Promise<void> {}

  private async listFiles(): Promise<string[]> {
    let entries: string[];
    try {
      entries = await fs.readdir(this.dir);
    } catch (err) {
      throw new Error(`cannot read the alert replay directory ${this.dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message} (check ALERT_REPLAY_DIR)`);
    }
    return entries.filter((f) => f.toLowerCase().endsWith('.json')).sort(replayOrder);
  }

  /** undefined when delivered, else why the file was skipped. */
  private async replayFile(file: string, deliver: (raw: unknown, source: string) => Promise<void>): Promise<string | undefined> {
    let text: string;
    try {
      text = await fs.readFile(path.join(this.dir, file), 'utf8');
    } catch (err) {
      return `unreadable (${(err as Error).message})`;
    }
    const parsed = parseAlertJson(text);
    if (!parsed.ok) return parsed.reason;
    const raw = parsed.value;
    try {
      await deliver(this.transform(raw), file);
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  }
}
