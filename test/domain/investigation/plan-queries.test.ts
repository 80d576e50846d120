/**
 * Who? per plan: for each kind, the queries read only that kind's sources plus the Entra sign-in
 * tables its accounts need; every query parses against the real table columns, is bounded in time
 * and rows, and returns the columns the demo workspace answers with (the spec and its KQL agree).
 * Resource Manager never searches another resource's activity.
 */
import { defaultSettings } from '../../../src/app/deps';
import type { Alert } from '../../../src/domain/alert';
import { allQueriesFor, identityQueriesFor, outputColumns, subjectFromAlert } from '../../../src/domain/investigation';
import { planAlert, planFixtureFiles, story2Alerts } from '../../helpers/plan-alerts';
import { analyzeKql, resultColumns } from './kusto-analyzer';
import { flagshipPowerShellAlert } from './flagship';

const ENTRA = ['SigninLogs', 'AADNonInteractiveUserSignInLogs', 'AADServicePrincipalSignInLogs', 'AADManagedIdentitySignInLogs'];

/** The tables each kind's Who? may read (besides Entra). */
const SOURCES: Record<string, string[]> = {
  'windows-machine': ['SecurityEvent', 'Event', 'VMConnection', 'Heartbeat', 'AzureActivity'],
  'linux-machine': ['Syslog', 'DeviceLogonEvents', 'DeviceProcessEvents', 'VMConnection', 'Heartbeat', 'AzureActivity'],
  'storage-account': ['StorageBlobLogs', 'StorageFileLogs', 'StorageQueueLogs', 'StorageTableLogs', 'AzureActivity'],
  'azure-sql': ['SQLSecurityAuditEvents', 'AzureDiagnostics', 'AzureActivity'],
  'sql-on-machine': ['Event', 'Heartbeat', 'AzureActivity'],
  'open-source-database': ['AzureDiagnostics', 'AzureActivity'],
  'key-vault': ['AZKVAuditLogs', 'AzureDiagnostics', 'AzureActivity'],
  kubernetes: ['AKSAudit', 'AKSAuditAdmin', 'KubeEvents', 'KubePodInventory', 'ContainerLogV2', 'AzureActivity'],
  'app-service': ['AppServiceHTTPLogs', 'AppServiceAuditLogs', 'AppServiceConsoleLogs', 'AzureActivity'],
  'resource-manager': ['AzureActivity'],
  dns: ['DNSQueryLogs', 'AZFWDnsQuery'],
  'cosmos-db': ['CDBDataPlaneRequests', 'CDBControlPlaneRequests', 'AzureActivity'],
  'api-management': ['ApiManagementGatewayLogs'],
  'ai-service': ['AzureDiagnostics', 'AzureActivity'],
  unknown: ['AzureActivity'],
};

/** The table each query reads, as written in its text (the line after the `let`s). */
function tableIn(query: string): string {
  return query.split('\n').find((l) => !l.startsWith('//') && !l.startsWith('let ') && !l.startsWith('|'))!.trim();
}

const who = (alert: Alert) => identityQueriesFor(subjectFromAlert(alert), defaultSettings);
const cases: [string, () => Alert][] = [...planFixtureFiles().map((f) => [f, () => planAlert(f)] as [string, () => Alert]), ...story2Alerts().map((a) => [a.alertType, () => a] as [string, () => Alert])];

describe('Who? per kind', () => {
  test.each(cases)('%s reads only its kind’s sources and the Entra ones it needs', (_name, alert) => {
    const a = alert();
    const queries = who(a);
    const allowed = [...SOURCES[a.resourceKind!]!, ...ENTRA];
    for (const q of queries) {
      expect({ name: q.name, table: tableIn(q.query) }).toEqual({ name: q.name, table: q.table });
      expect(allowed).toContain(q.table);
    }
    const entra = queries.filter((q) => ENTRA.includes(q.table)).map((q) => q.table);
    const kinds = new Set(a.who.map((w) => w.accountKind));
    if (!kinds.has('entra-user')) expect(entra).not.toContain('SigninLogs');
    if (!kinds.has('entra-service-principal')) expect(entra).not.toContain('AADServicePrincipalSignInLogs');
    if (!a.hasEntraIdentity) expect(entra).toEqual([]);
  });

  test.each(cases)('%s: every query parses against the table columns, is bounded, and returns the columns the demo answers with', (_name, alert) => {
    for (const q of allQueriesFor(alert(), defaultSettings)) {
      expect({ name: q.name, errors: analyzeKql(q.query).errors }).toEqual({ name: q.name, errors: [] });
      expect(q.query).toMatch(/\| where TimeGenerated between \(datetime\([^)]+\) \.\. datetime\([^)]+\)\)/);
      expect(q.query.split('\n').pop()).toMatch(/^\| (top|take) \d+/);
      if (q.spec) expect({ name: q.name, columns: resultColumns(q.query) }).toEqual({ name: q.name, columns: outputColumns(q.spec) });
    }
  });

  it('no non-Windows kind searches the Windows machine tables', () => {
    for (const [name, alert] of cases) {
      const a = alert();
      if (a.resourceKind === 'windows-machine' || a.resourceKind === 'sql-on-machine') continue;
      expect({ name, tables: who(a).map((q) => q.table).filter((t) => ['SecurityEvent', 'Event'].includes(t)) }).toEqual({ name, tables: [] });
    }
  });

  it('the flagship keeps its machine queries, unchanged in name and order', () => {
    expect(who(flagshipPowerShellAlert()).map((q) => q.name)).toEqual(['logons', 'process-creation', 'powershell-script-blocks', 'network-connections', 'heartbeat', 'resource-activity']);
  });

  it('Resource Manager searches the caller’s operations at the alert’s own scope, never resources under it', () => {
    const [q] = who(planAlert('arm-microburst-subscription.arm-2022-01-01.json'));
    expect(q!.name).toBe('resource-manager-activity');
    expect(q!.query).not.toMatch(/startswith/);
    expect(q!.query).toMatch(/where SubscriptionId in~ \(subscription\)/);
    expect(q!.query).toMatch(/where Caller in~ \(callers\) or CallerIpAddress in \(ips\)/);
    // With no caller named, only operations on the scope itself.
    const bare = { ...planAlert('arm-microburst-subscription.arm-2022-01-01.json'), who: [], what: [], extendedProperties: {} };
    const [scoped] = who(bare);
    expect(scoped!.query).toMatch(/where _ResourceId =~ scope\n/);
  });

  it('a storage alert on blobs searches the blob logs only; one on files the file logs', () => {
    expect(who(planAlert('storage-blob-suspicious-ip.arm-2022-01-01.json')).map((q) => q.table)).toEqual(['StorageBlobLogs', 'AzureActivity']);
    const files = { ...planAlert('storage-blob-suspicious-ip.arm-2022-01-01.json'), alertType: 'Storage.Files_SuspiciousIp' };
    expect(who(files).map((q) => q.table)).toEqual(['StorageFileLogs', 'AzureActivity']);
  });

  it('a DNS alert naming nothing to search by has no applicable source', () => {
    const bare = { ...planAlert('dns-threat-intel-domain.arm-2022-01-01.json'), what: [], extendedProperties: {} };
    expect(who(bare)).toEqual([]);
  });

  it('the key vault query reads the identity claims of AZKVAuditLogs and the flattened AzureDiagnostics columns only through column_ifexists', () => {
    const [audit, legacy] = who(story2Alerts()[0]);
    expect(audit!.query).toContain("Identity.claim['http://schemas.microsoft.com/identity/claims/objectidentifier']");
    expect(legacy!.query).toContain("column_ifexists('identity_claim_oid_g', '')");
    expect(legacy!.query).toContain("where ResourceType == 'VAULTS'");
  });
});
