import { analyzeCommand } from '../src/domain/command-analysis';
const u = process.argv[2]!;
const text = u.repeat(Math.ceil(65536 / u.length)).slice(0, 65536);
analyzeCommand('warm');
for (let r = 0; r < 3; r++) { const s = performance.now(); analyzeCommand(text); console.log((performance.now() - s).toFixed(1)); }
