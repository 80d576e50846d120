/**
 * `triage-bot start` (what `npm start` runs): validate the configuration (every problem at once,
 * exit 2), build the app, say where it is and what it is not, and run until SIGINT/SIGTERM.
 */
import { terminalLogStream } from '../../adapters/local/terminal-log';
import { createLogger } from '../../adapters/observability/logger';
import { buildApp } from '../../composition-root';
import { loadConfig, readDotEnv } from '../../config/load-config';

/** The part of main's CliIo this command uses (importing main's type would make an import cycle). */
interface StartIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
}

export async function start(args: string[], io: StartIo): Promise<number> {
  if (args.length) {
    io.stderr(`triage-bot start: takes no arguments (got "${args[0]!.slice(0, 40)}"); configure it with environment variables\n`);
    return 2;
  }
  const config = loadConfig(readDotEnv(io.env));
  const pretty = process.stdout.isTTY ? terminalLogStream((line) => io.stdout(line)) : undefined;
  const logger = createLogger({ level: config.LOG_LEVEL ?? 'info', destination: pretty });
  const started = Date.now();
  const app = await buildApp(config, { logger });
  const { url } = await app.start().catch(async (err: unknown) => {
    await app.stop();
    throw err;
  });
  for (const notice of config.notices) io.stdout(`notice: ${notice}\n`);
  if (config.mode === 'local') {
    io.stdout(`local channel: ${url}\n`);
    io.stdout('  no authentication: anyone who can open that address can read the alerts and act on them (it listens on 127.0.0.1 only)\n');
  } else {
    io.stdout(`listening on ${url}\n`);
  }
  io.stdout(`ready in ${Date.now() - started} ms; Ctrl+C to stop\n`);
  const signal = await untilSignal();
  io.stdout(`${signal}: stopping…\n`);
  await app.stop();
  return 0;
}

function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
