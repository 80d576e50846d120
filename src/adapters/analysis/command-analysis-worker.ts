/**
 * The worker thread's side of worker-command-analyzer.ts: analyses one command line per message.
 * Loaded from TypeScript through tsx's require hook (see the analyzer's WORKER_BOOT).
 */
import { parentPort } from 'node:worker_threads';
import { analyzeCommand } from '../../domain/command-analysis';

export interface AnalysisRequest {
  id: number;
  commandLine: string;
}

export type AnalysisReply = { id: number; ok: true; analysis: ReturnType<typeof analyzeCommand> } | { id: number; ok: false; error: string };

const port = parentPort;
if (port) {
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
