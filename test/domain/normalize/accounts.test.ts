/**
 * Who: local accounts vs directory (AD / Entra ID) identities. The card's "no Entra ID identity —
 * local account only" warning and the Who? investigation both follow these answers.
 */
import type { AccountEntity } from '../../../src/domain/alert';
import { normalizeAlert } from '../../../src/domain/normalize';
import { LocalityJudge } from '../../../src/domain/normalize/account-locality';

const MACHINE_SID = 'S-1-5-21-3623811015-3361044348-30300820';
const DOMAIN_SID = 'S-1-5-21-1004336348-1177238915-682003330';

/** An ARM alert on host web-vm-01 (FQDN web-vm-01.contoso.local) with the given account entities. */
function alertWithAccounts(...accounts: Record<string, unknown>[]) {
  return normalizeAlert({
    id: '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Security/locations/westeurope/alerts/a1',
    name: 'a1',
    type: 'Microsoft.Security/Locations/alerts',
    properties: {
      systemAlertId: 'a1',
      startTimeUtc: '2026-11-26T02:16:04Z',
      entities: [
        { $id: '1', hostName: 'web-vm-01', netBiosName: 'WEB-VM-01', dnsDomain: 'contoso.local', type: 'host' },
        ...accounts.map((a, i) => ({ $id: String(i + 2), type: 'account', host: { $ref: '1' }, ...a })),
      ],
    },
  });
}

function whoOf(...accounts: Record<string, unknown>[]): AccountEntity[] {
  return alertWithAccounts(...accounts).who;
}

describe('account locality through the normalizer', () => {
  it('NT domain = the host name (any case) is a local account', () => {
    const [account] = whoOf({ name: 'svc-backup', ntDomain: 'Web-Vm-01', sid: `${MACHINE_SID}-1013` });
    expect(account).toMatchObject({ isLocal: true, isEntra: false, domain: 'Web-Vm-01' });
  });

  it('a domain account of CONTOSO is not local, even with a user-range RID', () => {
    const [account] = whoOf({ name: 'alice', ntDomain: 'CONTOSO', sid: `${DOMAIN_SID}-1107` });
    expect(account).toMatchObject({ isLocal: false, isEntra: false });
  });

  it('Entra identifiers win over a machine-looking domain: not local, and Entra', () => {
    const [withAadId, withUpnSuffix, withUpn] = whoOf(
      { name: 'bob', ntDomain: 'WEB-VM-01', aadUserId: '6f0f6c8e-0000-4000-8000-000000000001' },
      { name: 'carol', ntDomain: 'WEB-VM-01', upnSuffix: 'contoso.com' },
      { name: 'dave', userPrincipalName: 'dave@contoso.com', sid: `${MACHINE_SID}-1001` },
    );
    expect(withAadId).toMatchObject({ isLocal: false, isEntra: true, aadUserId: '6f0f6c8e-0000-4000-8000-000000000001' });
    expect(withUpnSuffix).toMatchObject({ isLocal: false, isEntra: true, upn: 'carol@contoso.com' });
    expect(withUpn).toMatchObject({ isLocal: false, isEntra: true, upn: 'dave@contoso.com' });
    expect(alertWithAccounts({ name: 'bob', aadUserId: 'x' }).hasEntraIdentity).toBe(true);
  });

  it('an AD object GUID makes it a directory account, but not an Entra one', () => {
    const [account] = whoOf({ name: 'erin', ntDomain: 'WEB-VM-01', objectGuid: '1d2c3b4a-0000-4000-8000-000000000002' });
    expect(account).toMatchObject({ isLocal: false, isEntra: false });
  });

  it('the same account defined under two $ids is listed once', () => {
    const who = whoOf({ name: 'svc-backup', ntDomain: 'WEB-VM-01' }, { name: 'SVC-BACKUP', ntDomain: 'web-vm-01' }, { name: 'other', ntDomain: 'WEB-VM-01' });
    expect(who.map((a) => a.name)).toEqual(['svc-backup', 'other']);
  });

  it('"WEB-VM-01\\svc-backup" in the name is split into domain and name', () => {
    const [account] = whoOf({ name: 'WEB-VM-01\\svc-backup' });
    expect(account).toMatchObject({ name: 'svc-backup', domain: 'WEB-VM-01', isLocal: true });
  });

  it('well-known machine SIDs and pseudo-domains are local', () => {
    const who = whoOf({ name: 'SYSTEM', sid: 'S-1-5-18' }, { name: 'NETWORK SERVICE', ntDomain: 'NT AUTHORITY' }, { name: 'Administrators', sid: 'S-1-5-32-544' });
    expect(who.map((a) => a.isLocal)).toEqual([true, true, true]);
  });

  it('without a domain, a SID learns from the other accounts which machine or domain it belongs to', () => {
    const who = whoOf(
      { name: 'svc-backup', ntDomain: 'WEB-VM-01', sid: `${MACHINE_SID}-1013` },
      { name: 'alice', ntDomain: 'CONTOSO', sid: `${DOMAIN_SID}-1107` },
      { name: 'helper', sid: `${MACHINE_SID}-1020` },
      { name: 'alice2', sid: `${DOMAIN_SID}-1108` },
    );
    expect(who.map((a) => [a.name, a.isLocal])).toEqual([
      ['svc-backup', true],
      ['alice', false],
      ['helper', true],
      ['alice2', false],
    ]);
    // the machine is named for the local account that had no domain
    expect(who[2]?.domain).toBe('web-vm-01');
  });

  it('without a domain, a domain-only RID (Domain Admins 512) is not local; nothing to go on is not local', () => {
    const [domainAdmins, bare] = whoOf({ name: 'Domain Admins', sid: `${DOMAIN_SID}-512` }, { name: 'mystery' });
    expect(domainAdmins?.isLocal).toBe(false);
    expect(bare?.isLocal).toBe(false);
  });

  it('the compromised entity and a VM resource name count as machine names too', () => {
    const alert = normalizeAlert({
      SystemAlertId: 'a2',
      StartTimeUtc: '2026-11-26T02:16:04Z',
      CompromisedEntity: 'db-vm-02',
      AzureResourceId: '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/app-vm-03',
      Entities: [
        { $id: '1', Name: 'a', NTDomain: 'DB-VM-02', Type: 'account' },
        { $id: '2', Name: 'b', NTDomain: 'app-vm-03', Type: 'account' },
        { $id: '3', Name: 'c', NTDomain: 'CONTOSO', Type: 'account' },
      ],
    });
    expect(alert.who.map((a) => a.isLocal)).toEqual([true, true, false]);
  });
});

describe('LocalityJudge', () => {
  it('compares the first DNS label only, so a FQDN host name matches its NetBIOS domain', () => {
    const judge = new LocalityJudge(['web-vm-01.contoso.local'], []);
    expect(judge.isLocal({ ntDomain: 'WEB-VM-01', hasDirectoryIds: false })).toBe(true);
    expect(judge.isLocal({ ntDomain: 'contoso', hasDirectoryIds: false })).toBe(false);
    expect(judge.isLocal({ ntDomain: 'WEB-VM-01', hasDirectoryIds: true })).toBe(false);
  });
});
