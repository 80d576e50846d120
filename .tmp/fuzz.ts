import fc from 'fast-check';
import { analyzeCommand } from '/work/wt/parsers/src/domain/command-analysis';
import { fill, WORST_UNITS } from '/work/wt/parsers/test/adapters/analysis/worst-case-commands';
const MB = 1024 * 1024;
const piece = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...WORST_UNITS.map(([, unit]) => unit), ' -enc ', ' -ep bypass ', ' cmd /c ', ' | iex ', 'http://198.51.100.7/a ', '2001:db8::1 '));
const commandLine = fc.tuple(fc.array(piece, { maxLength: 30 }), fc.integer({ min: 0, max: 5 })).map(([pieces, scale]) => { const text = pieces.join(''); return scale >= 4 && text ? fill(text, scale === 5 ? MB : 64 * 1024) : text; });
analyzeCommand('warm');
const samples = fc.sample(commandLine, { numRuns: 300, seed: 42 });
const res: [number, string][] = [];
for (const c of samples) { const s = performance.now(); analyzeCommand(c); res.push([performance.now() - s, c]); }
res.sort((a, b) => b[0] - a[0]);
for (const [ms, c] of res.slice(0, 6)) console.log(ms.toFixed(1), JSON.stringify(c.slice(0, 300)));
