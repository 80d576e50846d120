/**
 * Databases (Defender for SQL, open-source relational databases): which login, from which client IP
 * and application, ran which statements, and whether they succeeded.
 *   Azure SQL: SQLSecurityAuditEvents, or AzureDiagnostics (Category SQLSecurityAuditEvents) when
 *     auditing writes in Azure diagnostics mode;
 *   SQL Server on a machine: the audit and failed-login events SQL Server writes to the Windows
 *     Application log (Event 33205, 18456);
 *   PostgreSQL: AzureDiagnostics PostgreSQLLogs; MySQL / MariaDB: AzureDiagnostics MySqlAuditLogs.
 */
import { heartbeat, resourceActivity } from '../identity-queries';
import type { CatalogueQuery, QueryParams } from '../query-types';
import { anyOf, inList, scopeOf, textOf, type Derived, type Fixed, type Row } from '../source-query';
import type { CloudSubject, InvestigationSubject } from '../subject';
import { displayName, groupsOf, rootOf, spanOf, specQuery, totalCount, type Plan } from './plan';

const SERVER = /microsoft\.(sql\/servers|sql\/managedinstances|synapse\/workspaces|dbforpostgresql\/[a-z]+|dbformysql\/[a-z]+|dbformariadb\/[a-z]+)/;
const BY = ['ClientIp', 'ServerPrincipalName', 'ApplicationName', 'ActionName', 'Succeeded', 'DatabaseName'];

const ifExists = (column: string): Derived['kql'] => `tostring(column_ifexists('${column}', ''))`;
const col = (name: string, source: string): Derived => ({ name, kql: ifExists(source), value: (r) => textOf(r[source]) });

const LEGACY_DERIVED: Derived[] = [
  col('ClientIp', 'client_ip_s'),
  col('ServerPrincipalName', 'server_principal_name_s'),
  col('ApplicationName', 'application_name_s'),
  col('ActionName', 'action_name_s'),
  col('Succeeded', 'succeeded_s'),
  col('DatabaseName', 'database_name_s'),
  { name: 'StatementText', kql: `substring(${ifExists('statement_s')}, 0, 300)`, value: (r) => textOf(r.statement_s).slice(0, 300) },
];

export const azureSqlPlan: Plan = {
  queries(subject, cloud, p) {
    const server = rootOf(subject.resourceId, SERVER);
    if (!server) return [];
    const who = whoMatch(subject, cloud, 'ServerPrincipalName');
    const out: CatalogueQuery[] = [
      specQuery('sql-audit', 'SQL audit: logins and statements (SQLSecurityAuditEvents)', {
        window: p.window,
        derive: [{ name: 'StatementText', kql: 'substring(Statement, 0, 300)', value: (r) => textOf(r.Statement).slice(0, 300) }],
        match: [scopeOf(server), who],
        summarize: { by: BY, sets: [{ name: 'Statements', column: 'StatementText' }] },
        order: ['FirstSeen', 'asc'],
        limit: 50,
      }, p),
      specQuery('sql-audit-legacy', 'SQL audit (AzureDiagnostics SQLSecurityAuditEvents)', {
        window: p.window,
        fixed: [{ kql: "Category == 'SQLSecurityAuditEvents'", test: (r) => r.Category === 'SQLSecurityAuditEvents' }],
        derive: LEGACY_DERIVED,
        match: [scopeOf(server), who],
        summarize: { by: BY, sets: [{ name: 'Statements', column: 'StatementText' }] },
        order: ['FirstSeen', 'asc'],
        limit: 50,
      }, p),
    ];
    const activity = resourceActivity({ ...p, resourceId: server });
    return activity ? [...out, activity] : out;
  },
  answer(rows, subject) {
    return sqlSentences([...rows('sql-audit'), ...rows('sql-audit-legacy')], subject);
  },
};

const SQL_EVENT_DERIVED: Derived[] = [
  {
    name: 'ServerPrincipalName',
    kql: "coalesce(extract(@'server_principal_name:([^ \\r\\n]+)', 1, RenderedDescription), extract(@\"Login failed for user '([^']+)'\", 1, RenderedDescription))",
    value: (r) => /server_principal_name:([^ \r\n]+)/.exec(textOf(r.RenderedDescription))?.[1] ?? /Login failed for user '([^']+)'/.exec(textOf(r.RenderedDescription))?.[1] ?? '',
  },
  {
    name: 'ClientIp',
    kql: "coalesce(extract(@'client_ip:([^ \\r\\n]+)', 1, RenderedDescription), extract(@'\\[CLIENT: ([^\\]]+)\\]', 1, RenderedDescription))",
    value: (r) => /client_ip:([^ \r\n]+)/.exec(textOf(r.RenderedDescription))?.[1] ?? /\[CLIENT: ([^\]]+)\]/.exec(textOf(r.RenderedDescription))?.[1] ?? '',
  },
  { name: 'ActionName', kql: "iff(EventID == 18456, 'LOGIN FAILED', extract(@'action_id:([^ \\r\\n]+)', 1, RenderedDescription))", value: (r) => (Number(r.EventID) === 18456 ? 'LOGIN FAILED' : (/action_id:([^ \r\n]+)/.exec(textOf(r.RenderedDescription))?.[1] ?? '')) },
  { name: 'Succeeded', kql: "iff(EventID == 18456, 'false', extract(@'succeeded:([^ \\r\\n]+)', 1, RenderedDescription))", value: (r) => (Number(r.EventID) === 18456 ? 'false' : (/succeeded:([^ \r\n]+)/.exec(textOf(r.RenderedDescription))?.[1] ?? '')) },
];

const SQL_EVENTS: Fixed[] = [
  { kql: "Source startswith 'MSSQL'", test: (r) => textOf(r.Source).toUpperCase().startsWith('MSSQL') },
  { kql: 'EventID in (33205, 18456)', test: (r) => [33205, 18456].includes(Number(r.EventID)) },
];

export const sqlOnMachinePlan: Plan = {
  queries(subject, cloud, p) {
    const out: CatalogueQuery[] = [];
    if (subject.host) {
      out.push(specQuery('sql-server-audit', 'SQL Server audit and failed logins (Application log: Event 33205, 18456)', {
        window: p.window,
        fixed: SQL_EVENTS,
        derive: SQL_EVENT_DERIVED,
        match: [[{ column: 'Computer', op: 'host', binding: 'host', values: [subject.host] }], whoMatch(subject, cloud, 'ServerPrincipalName')],
        summarize: { by: ['Computer', 'ServerPrincipalName', 'ClientIp', 'ActionName', 'Succeeded'] },
        order: ['FirstSeen', 'asc'],
        limit: 50,
      }, p));
    }
    for (const q of [heartbeat(p), resourceActivity(p)]) if (q) out.push(q);
    return out;
  },
  answer(rows, subject) {
    return sqlSentences(rows('sql-server-audit'), subject);
  },
};

export const openSourceDatabasePlan: Plan = {
  queries(subject, cloud, p) {
    const server = rootOf(subject.resourceId, SERVER);
    if (!server) return [];
    const mysql = /dbformysql|dbformariadb/i.test(server) || /^SQL\.(MySQL|MariaDB)_/i.test(cloud.alertType);
    const out: CatalogueQuery[] = [mysql ? mysqlQuery(server, subject, cloud, p) : postgresQuery(server, subject, cloud, p)];
    const activity = resourceActivity({ ...p, resourceId: server });
    return activity ? [...out, activity] : out;
  },
  answer(rows, subject) {
    return sqlSentences([...rows('postgres-logs'), ...rows('mysql-audit')], subject);
  },
};

function postgresQuery(server: string, subject: InvestigationSubject, cloud: CloudSubject, p: QueryParams): CatalogueQuery {
  return specQuery('postgres-logs', 'PostgreSQL connections and failed logins (AzureDiagnostics PostgreSQLLogs)', {
    window: p.window,
    fixed: [{ kql: "Category == 'PostgreSQLLogs'", test: (r) => r.Category === 'PostgreSQLLogs' }],
    derive: [
      { name: 'ClientIp', kql: "extract(@'([0-9]{1,3}(\\.[0-9]{1,3}){3})', 1, Message)", value: (r) => /([0-9]{1,3}(\.[0-9]{1,3}){3})/.exec(textOf(r.Message))?.[1] ?? '' },
      { name: 'ServerPrincipalName', kql: "extract(@'user[= ]\"?([^\" ,]+)', 1, Message)", value: (r) => /user[= ]"?([^" ,]+)/.exec(textOf(r.Message))?.[1] ?? '' },
      {
        name: 'ActionName',
        kql: "case(Message has 'password authentication failed', 'LOGIN FAILED', Message has 'connection authorized', 'LOGIN', 'other')",
        value: (r) => (/password authentication failed/i.test(textOf(r.Message)) ? 'LOGIN FAILED' : /connection authorized/i.test(textOf(r.Message)) ? 'LOGIN' : 'other'),
      },
    ],
    after: [{ kql: "ActionName != 'other'", test: (r) => r.ActionName !== 'other' }],
    match: [scopeOf(server), whoMatch(subject, cloud, 'ServerPrincipalName')],
    summarize: { by: ['ServerPrincipalName', 'ClientIp', 'ActionName'] },
    order: ['FirstSeen', 'asc'],
    limit: 50,
  }, p);
}

function mysqlQuery(server: string, subject: InvestigationSubject, cloud: CloudSubject, p: QueryParams): CatalogueQuery {
  return specQuery('mysql-audit', 'MySQL audit: connections and statements (AzureDiagnostics MySqlAuditLogs)', {
    window: p.window,
    fixed: [{ kql: "Category == 'MySqlAuditLogs'", test: (r) => r.Category === 'MySqlAuditLogs' }],
    derive: [
      col('ServerPrincipalName', 'user_s'),
      col('ClientIp', 'ip_s'),
      col('DatabaseName', 'db_s'),
      col('ActionName', 'event_subclass_s'),
      { name: 'StatementText', kql: `substring(${ifExists('sql_text_s')}, 0, 300)`, value: (r) => textOf(r.sql_text_s).slice(0, 300) },
    ],
    match: [scopeOf(server), whoMatch(subject, cloud, 'ServerPrincipalName')],
    summarize: { by: ['ServerPrincipalName', 'ClientIp', 'DatabaseName', 'ActionName'], sets: [{ name: 'Statements', column: 'StatementText' }] },
    order: ['FirstSeen', 'asc'],
    limit: 50,
  }, p);
}

function whoMatch(subject: InvestigationSubject, cloud: CloudSubject, principalColumn: string) {
  return anyOf(inList('ClientIp', 'ips', subject.ips, false), inList(principalColumn, 'logins', [...cloud.accountNames, ...cloud.upns]));
}

/** "app_orders from 203.0.113.80 (sqlmap/1.8) on orders: 14 events (BATCH COMPLETED ×12, …), 3 failed, 02:10–02:31; e.g. SELECT …" */
function sqlSentences(rows: Row[], subject: InvestigationSubject): string[] {
  return groupsOf(rows, (r) => `${textOf(r.ServerPrincipalName)}|${textOf(r.ClientIp)}`, (r) => textOf(r.ClientIp), subject.ips).slice(0, 2).map((group) => {
    const r = group[0]!;
    const login = textOf(r.ServerPrincipalName) ? displayName(subject, textOf(r.ServerPrincipalName)) : 'An unknown login';
    const app = textOf(r.ApplicationName);
    const db = [...new Set(group.map((g) => textOf(g.DatabaseName)).filter(Boolean))];
    const failed = totalCount(group.filter((g) => /^(false|0)$/i.test(textOf(g.Succeeded)) || /FAILED/i.test(textOf(g.ActionName))));
    const statement = group.flatMap((g) => (Array.isArray(g.Statements) ? g.Statements.map(textOf) : [])).find(Boolean);
    const actions = [...new Set(group.map((g) => textOf(g.ActionName)).filter(Boolean))].slice(0, 3).join(', ');
    return (
      `${login}${textOf(r.ClientIp) ? ` from ${textOf(r.ClientIp)}` : ''}${app ? ` (${app})` : ''}${db.length ? ` on ${db.join(', ')}` : ''}: ` +
      `${totalCount(group)} audited event${totalCount(group) === 1 ? '' : 's'}${actions ? ` (${actions})` : ''}${failed ? `, ${failed} failed` : ''}, ${spanOf(group)}` +
      `${statement ? `; e.g. ${statement}` : ''}.`
    );
  });
}

