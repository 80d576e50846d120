import { readdirSync, readFileSync } from 'node:fs';
import { normalizeAlert } from './src/domain/normalize';
import { allQueriesFor } from './src/domain/investigation';
import { defaultSettings } from './src/app/deps';
import { analyzeKql } from './test/domain/investigation/kusto-analyzer';
const dir = './test/fixtures/defender/plans';
for (const f of readdirSync(dir)) {
  const a = normalizeAlert(JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')));
  const qs = allQueriesFor(a, defaultSettings).filter((q) => q.family === 'identity');
  console.log(f, a.resourceKind, a.accessKind ?? '', a.who.map((w) => `${w.name}:${w.accountKind}:${w.isLocal}`).join(','), '|', a.where.map((w) => w.kind).join(','));
  console.log('   ', qs.map((q) => q.name).join(' '));
  for (const q of qs) { const e = analyzeKql(q.query).errors; if (e.length) console.log('   ERR', q.name, JSON.stringify(e), '\n', q.query); }
}
