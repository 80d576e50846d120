/**
 * `triage-bot investigate <alert.json> --kind identity|correlation|analyze`: runs one investigation
 * and prints its result (the card's content) as JSON. Against the configured workspace and Defender
 * subscriptions, or — in local mode — the bundled demo workspace, with the demo alerts as "Defender".
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { BUNDLED_DEMO_DIR } from '../../adapters/local/replay-alert-source';
import { openStore } from '../../adapters/store/open-store';
import { silentLogger, type AppDeps } from '../../app/deps';
import { runInvestigation } from '../../app/investigate';
import { createAppDeps, sharedAzureCredential } from '../../composition/app-deps';
import { loadConfig, readDotEnv, type Config } from '../../config/load-config';
import { INVESTIGATION_KINDS, type InvestigationKind } from '../../domain/intent';
import { systemClock } from '../../ports/clock';
import type { Store } from '../../ports/store';
import type { Command } from '../command';
import { readAlertFile } from './alert-file';

const USAGE = 'usage: triage-bot investigate <alert.json> --kind identity|correlation|analyze';

export const investigateCli: Command = async (args, io) => {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`triage-bot investigate: ${parsed} (${USAGE})\n`);
    return 2;
  }
  const config = loadConfig(readDotEnv(io.env));
  const alerts = await readAlertFile(parsed.file);
  const store = await openStore('sqlite::memory:');
  try {
    const deps = await depsFor(config, store);
    for (const alert of alerts) await store.alerts.save(alert);
    const results = [];
    for (const alert of alerts) results.push(await runInvestigation(parsed.kind, alert, deps));
    io.stdout(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
    return 0;
  } finally {
    await store.close();
  }
};

/** The app's own factory (composition/app-deps.ts), with the process's one Azure credential. */
async function depsFor(config: Config, store: Store): Promise<AppDeps> {
  // The demo workspace: the demo alerts are what "Defender" knows, so Correlate finds the flagship's brute force.
  if (config.demoWorkspace) {
    for (const file of (await readdir(BUNDLED_DEMO_DIR)).filter((f) => f.endsWith('.json'))) {
      for (const alert of await readAlertFile(path.join(BUNDLED_DEMO_DIR, file))) await store.alerts.save(alert);
    }
  }
  return createAppDeps(config, store, { logger: silentLogger, clock: systemClock, azureCredential: sharedAzureCredential(config) });
}

function parseArgs(args: string[]): { file: string; kind: InvestigationKind } | string {
  let file: string | undefined;
  let kind: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--kind') kind = inline ?? args[++i];
    else if (flag.startsWith('-')) return `unknown option "${flag.slice(0, 40)}"`;
    else if (!file) file = args[i];
    else return 'only one alert file';
  }
  if (!file) return 'the alert file is missing';
  if (!kind || !(INVESTIGATION_KINDS as readonly string[]).includes(kind)) return `--kind must be one of ${INVESTIGATION_KINDS.join(', ')}`;
  return { file, kind: kind as InvestigationKind };
}
