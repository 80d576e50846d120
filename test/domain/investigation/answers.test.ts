/** The Who? sentence, TI verdicts and alert relations, on hand-made rows. */
import { findRelatedAmong, iocVerdicts, parseDuration, UNKNOWN_IOC, whoAnswer } from '../../../src/domain/investigation';
import { flagshipBruteForceAlert, flagshipPowerShellAlert } from './flagship';

const base = { alertStart: '2026-11-26T02:16:04.000Z', host: 'web-vm-01', accounts: [], processFiles: ['powershell.exe'], logons: [], processes: [], connections: [], signins: [] };
const logon = (over: Record<string, unknown>) => ({
  EventID: 4624,
  Computer: 'web-vm-01.contoso.local',
  LogonAccount: 'svc-backup',
  LogonDomain: 'WEB-VM-01',
  LogonType: 10,
  IpAddress: '198.51.100.23',
  Count: 1,
  FirstSeen: '2026-11-26T02:13:05.000Z',
  LastSeen: '2026-11-26T02:13:05.000Z',
  ...over,
});

describe('whoAnswer', () => {
  test('picks the remote logon closest before the alert, ignoring service and local logons', () => {
    const answer = whoAnswer({
      ...base,
      logons: [
        logon({ LogonType: 5, IpAddress: '-', LogonAccount: 'SYSTEM', LogonDomain: 'NT AUTHORITY', FirstSeen: '2026-11-26T02:15:00.000Z', LastSeen: '2026-11-26T02:15:00.000Z' }),
        logon({ LogonAccount: 'alice', LogonDomain: 'CONTOSO', LogonType: 3, IpAddress: '10.0.0.7', FirstSeen: '2026-11-26T01:20:00.000Z', LastSeen: '2026-11-26T01:20:00.000Z' }),
        logon({}),
      ],
    });
    expect(answer).toBe('svc-backup (local account) logged on by RDP from 198.51.100.23 at 02:13, 3 min before.');
  });

  test('a domain account over the network, after the alert, says so', () => {
    const answer = whoAnswer({ ...base, logons: [logon({ LogonAccount: 'alice', LogonDomain: 'CONTOSO', LogonType: 3, FirstSeen: '2026-11-26T02:20:04.000Z', LastSeen: '2026-11-26T02:20:04.000Z' })] });
    expect(answer).toBe('alice (domain account CONTOSO) logged on over the network from 198.51.100.23 at 02:20, 4 min after.');
  });

  test('nothing found is an answer', () => {
    expect(whoAnswer(base)).toBe('No logon, process or connection found on web-vm-01 in the window.');
  });

  test('an Entra sign-in answers when there is no machine logon', () => {
    const answer = whoAnswer({ ...base, signins: [{ UserPrincipalName: 'alice@contoso.com', IPAddress: '203.0.113.9', TimeGenerated: '2026-11-26T02:10:00.000Z' }] });
    expect(answer).toBe('alice@contoso.com signed in to Entra ID from 203.0.113.9 at 02:10.');
  });
});

describe('iocVerdicts', () => {
  const iocs = { ips: ['198.51.100.23', '203.0.113.45'], urls: ['http://203.0.113.45/update.exe'], domains: [], hashes: ['ABC'] };
  test('known from either table; everything else is unknown, never harmless', () => {
    const v = iocVerdicts(iocs, [{ ObservableValue: '198.51.100.23', Tags: 'rdp-brute-force', Confidence: 85, Source: 'MDTI' }], [{ FileHashValue: 'abc', ThreatType: 'Malware', ConfidenceScore: 90 }]);
    expect(v.map((x) => [x.ioc, x.known, x.verdict])).toEqual([
      ['198.51.100.23', true, 'known IOC: rdp-brute-force (confidence 85, source MDTI)'],
      ['203.0.113.45', false, UNKNOWN_IOC],
      ['http://203.0.113.45/update.exe', false, UNKNOWN_IOC],
      ['ABC', true, 'known IOC: Malware (confidence 90)'],
    ]);
  });
  test('when the lookup failed, the IOC is "not checked", not unknown', () => {
    expect(iocVerdicts(iocs, [], [], 'timed out after 4 s')[1]!.verdict).toBe('not checked: timed out after 4 s');
  });
});

describe('findRelatedAmong', () => {
  const ps = flagshipPowerShellAlert();
  const bf = flagshipBruteForceAlert();
  test('the brute force shares host and account with the PowerShell alert', () => {
    expect(findRelatedAmong(ps, [ps, bf], 24)).toEqual([{ alert: bf, shared: ['host', 'account'] }]);
  });
  test('a Defender incident sharing an entity is marked as the security-incident grouping', () => {
    const incident = { ...bf, systemAlertId: 'incident-1', isIncident: true };
    expect(findRelatedAmong(ps, [incident], 24)[0]!.shared).toEqual(['host', 'account', 'security incident']);
  });
  test('same correlation key counts; other machines and other days do not', () => {
    const elsewhere = { ...bf, systemAlertId: 'x', where: [], compromisedEntity: 'db-vm-07', resourceName: 'db-vm-07', resourceId: undefined, who: [] };
    expect(findRelatedAmong(ps, [elsewhere], 24)).toEqual([]);
    expect(findRelatedAmong({ ...ps, correlationKey: 'K' }, [{ ...elsewhere, correlationKey: 'K' }], 24)[0]!.shared).toEqual(['correlation key']);
    expect(findRelatedAmong(ps, [{ ...bf, startTime: '2026-11-24T00:00:00.000Z' }], 24)).toEqual([]);
  });
});

describe('parseDuration (the /investigate window)', () => {
  test.each([
    ['30m', 30 * 60_000],
    ['2h', 2 * 3_600_000],
    ['1d', 86_400_000],
    ['1w', 7 * 86_400_000],
    ['30d', 30 * 86_400_000],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));
  test.each(['0h', '5w', '31d', 'soon', '2 hours', '-1h'])('%s is not a window', (text) => expect(parseDuration(text)).toBeUndefined());
});
