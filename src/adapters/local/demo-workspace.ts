/**
 * Local-mode LogsQuery: answers the bot's own catalogue queries from the bundled demo workspace
 * (demo/workspace/*.json, real Log Analytics column names), with the same result shape as the real
 * workspace: the columns each KQL query projects, in its order. Any other query is a failure value.
 * A table with no file is a table this workspace does not collect: the answer is Log Analytics' own
 * ("Failed to resolve table or column expression named …"), so the bot says "not collected here".
 * One workspace stands in for every workspace an alert names; several (`DemoWorkspace.several`)
 * answer each in its own data, and a workspace they do not hold as Log Analytics does (not found).
 */
import { isCatalogueQuery, type CatalogueQuery, type QueryName } from '../../domain/investigation';
import type { KqlQuery, LogsQuery, LogsQueryResult, LogsWorkspace } from '../../ports/logs-query';
import { loadDemoTables, type DemoRow, type DemoTables } from './demo-workspace-data';
import { shiftIsoTimes } from './demo-time-shift';
import { EVALUATORS } from './demo-workspace-queries';
import { evaluateSpec, specColumns } from './demo-workspace-specs';

export const DEMO_WORKSPACE_ID = 'demo-workspace';

/** The columns each catalogue query returns, as its KQL projects/summarizes them. */
const COLUMNS: Partial<Record<QueryName, [string, string][]>> = {
  logons: cols('EventID:int Computer LogonAccount LogonDomain LogonType:int IpAddress WorkstationName Count:long FirstSeen:datetime LastSeen:datetime'),
  'process-creation': cols('TimeGenerated:datetime Computer Account SubjectUserName SubjectDomainName NewProcessName CommandLine ParentProcessName'),
  'powershell-script-blocks': cols('TimeGenerated:datetime Computer UserName ScriptBlock'),
  'network-connections': cols('Computer ProcessName Direction RemoteIp DestinationPort:int Protocol Connections:long FirstSeen:datetime LastSeen:datetime'),
  'entra-signins': cols('TimeGenerated:datetime UserPrincipalName IPAddress AppDisplayName ResultType ResultDescription Location ClientAppUsed'),
  heartbeat: cols('Computer _ResourceId OSType OSName ComputerIP LastHeartbeat:datetime'),
  'resource-activity': cols('Caller CallerIpAddress OperationNameValue ActivityStatusValue Operations:long FirstSeen:datetime LastSeen:datetime'),
  'sentinel-alerts': cols('StartTime:datetime AlertName AlertSeverity ProductName Status CompromisedEntity SystemAlertId VendorOriginalId Tactics'),
  'sentinel-incidents': cols('IncidentNumber:int Title Severity Status CreatedTime:datetime IncidentUrl RelatedAlerts:long'),
  'threat-intel': cols('ObservableValue ObservableKey Confidence:int Source Tags ValidUntil:datetime IsActive:bool'),
  'target-lookup': cols('Kind Name Domain LastSeen:datetime'),
  'threat-intel-legacy': cols(
    'NetworkIP NetworkSourceIP NetworkDestinationIP Url DomainName FileHashValue ThreatType ConfidenceScore:real Description Active:bool ExpirationDateTime:datetime',
  ),
};

function cols(spec: string): [string, string][] {
  return spec.split(' ').map((c) => {
    const [name, type] = c.split(':');
    return [name!, type ?? 'string'];
  });
}

export class DemoWorkspace implements LogsQuery {
  readonly workspaceId = DEMO_WORKSPACE_ID;
  /** Answers are labelled as demo data wherever they are shown. */
  readonly demo = true;
  private readonly tables: DemoTables;
  /** Several workspaces, by id (lower-case): each answers from its own tables. */
  private readonly byWorkspace?: Map<string, DemoTables>;

  /** `shiftMs`: every time in the rows moves by this much, as the replayed demo alerts' times do. */
  constructor(tables?: DemoTables, shiftMs = 0, byWorkspace?: Map<string, DemoTables>) {
    const loaded = tables ?? loadDemoTables();
    this.tables = shiftMs ? (shiftIsoTimes(loaded, shiftMs) as DemoTables) : loaded;
    if (byWorkspace) this.byWorkspace = new Map([...byWorkspace].map(([id, t]) => [id.toLowerCase(), shiftMs ? (shiftIsoTimes(t, shiftMs) as DemoTables) : t]));
  }

  /** Several demo workspaces; a query naming none goes to `defaultId`'s. */
  static several(workspaces: Record<string, DemoTables>, defaultId: string, shiftMs = 0): DemoWorkspace {
    const tables = workspaces[defaultId];
    if (!tables) throw new Error(`DemoWorkspace.several: no tables for the default workspace ${defaultId}`);
    return new DemoWorkspace(tables, shiftMs, new Map(Object.entries(workspaces)));
  }

  async query(q: KqlQuery, workspace?: LogsWorkspace): Promise<LogsQueryResult> {
    if (!isCatalogueQuery(q)) return { status: 'failure', reason: 'the demo workspace answers only the bot’s own investigation queries' };
    const tables = workspace && this.byWorkspace ? this.byWorkspace.get(workspace.id) : this.tables;
    if (!tables) return { status: 'failure', reason: `HTTP 404: workspace ${workspace!.id} not found (WorkspaceNotFoundError)` };
    const missing = tablesOf(q).find((t) => !(t in tables));
    if (missing) return { status: 'failure', reason: `'where' operator: Failed to resolve table or column expression named '${missing}'`, missingTable: missing };
    if (q.spec) {
      const rows = evaluateSpec(q.spec, tables[q.table] ?? []);
      const columns = specColumns(q.spec, rows);
      return { status: 'success', tables: [{ name: 'PrimaryResult', columns, rows: rows.map((r) => columns.map((c) => r[c.name] ?? null)) }] };
    }
    const columns = COLUMNS[q.name];
    const evaluate = EVALUATORS[q.name];
    if (!columns || !evaluate) return { status: 'failure', reason: `the demo workspace cannot answer ${q.name}` };
    const rows = evaluate(q, tables).map((r: DemoRow) => columns.map(([name]) => r[name] ?? null));
    return { status: 'success', tables: [{ name: 'PrimaryResult', columns: columns.map(([name, type]) => ({ name, type })), rows }] };
  }
}

/** The tables a query reads (Sentinel incidents read SecurityAlert too). */
function tablesOf(q: CatalogueQuery): string[] {
  return q.name === 'sentinel-incidents' ? [q.table, 'SecurityAlert'] : [q.table];
}
