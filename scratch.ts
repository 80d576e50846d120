import { readdirSync, readFileSync } from 'node:fs';
import { normalizeAlert } from './src/domain/normalize';
import { defaultSettings } from './src/app/deps';
import { runInvestigation } from './src/app/investigate';
import { DemoWorkspace } from './src/adapters/local/demo-workspace';
import { StoreBackedDefenderClient } from './src/adapters/local/demo-workspace-defender';
import { openStore } from './src/adapters/store/open-store';
import { silentLogger } from './src/app/deps';
(async () => {
  const store = await openStore('sqlite::memory:');
  const alerts = readdirSync('demo/alerts').filter((f) => f.endsWith('.json')).map((f) => normalizeAlert(JSON.parse(readFileSync(`demo/alerts/${f}`, 'utf8'))));
  for (const a of alerts) await store.alerts.save(a);
  const deps = { store, surfaces: {}, clock: { now: () => new Date() }, logger: silentLogger, settings: defaultSettings, routes: () => [], logs: new DemoWorkspace(), defender: new StoreBackedDefenderClient(store.alerts) } as any;
  for (const a of alerts.filter((x) => x.alertType.match(process.argv[2] ?? '.'))) {
    for (const kind of ['identity', 'correlation', 'analyze'] as const) {
      const r = await runInvestigation(kind, a, deps);
      console.log(`== ${a.alertType} ${kind} [${r.status}]\n  ${r.answer}`);
      if (kind === 'identity') for (const c of r.coverage ?? []) console.log(`    ${c.source} ${c.query}: ${c.outcome} ${c.rows}`);
    }
  }
  await store.close();
})();
