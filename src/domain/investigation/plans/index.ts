/**
 * Which plan investigates which resource kind. Windows machines keep the original machine queries
 * (identity-queries.ts: SecurityEvent, Event 4104, VMConnection…); every other kind has its own
 * sources, and every kind adds the Entra sign-in tables its accounts need.
 */
import type { ResourceKind } from '../../resource-kind';
import { identityQueries, paramsOf, resourceActivity } from '../identity-queries';
import type { CatalogueQuery } from '../query-types';
import type { InvestigationSubject } from '../subject';
import type { TimeWindow } from '../window';
import { appServicePlan } from './app-service';
import { entraQueries, entraSentences } from './entra';
import { keyVaultPlan } from './key-vault';
import { kubernetesPlan } from './kubernetes';
import { linuxPlan } from './linux';
import { aiPlan, apiManagementPlan, cosmosPlan, dnsPlan } from './network-and-data';
import type { Plan, RowsOf } from './plan';
import { resourceManagerPlan } from './resource-manager';
import { azureSqlPlan, openSourceDatabasePlan, sqlOnMachinePlan } from './sql';
import { storagePlan } from './storage';

/** An alert of unknown kind: only what is certain — the resource's own Azure activity. */
const unknownPlan: Plan = {
  queries: (_subject, _cloud, p) => {
    const activity = resourceActivity(p);
    return activity ? [activity] : [];
  },
  answer: () => [],
};

const PLANS: Record<Exclude<ResourceKind, 'windows-machine'>, Plan> = {
  'linux-machine': linuxPlan,
  'storage-account': storagePlan,
  'azure-sql': azureSqlPlan,
  'sql-on-machine': sqlOnMachinePlan,
  'open-source-database': openSourceDatabasePlan,
  'key-vault': keyVaultPlan,
  kubernetes: kubernetesPlan,
  'app-service': appServicePlan,
  'resource-manager': resourceManagerPlan,
  dns: dnsPlan,
  'cosmos-db': cosmosPlan,
  'api-management': apiManagementPlan,
  'ai-service': aiPlan,
  unknown: unknownPlan,
};

/** Who?'s queries for a subject: its plan's sources plus the Entra ones its accounts need. */
export function whoQueries(subject: InvestigationSubject, window: TimeWindow): CatalogueQuery[] {
  const cloud = subject.cloud;
  if (!cloud || cloud.kind === 'windows-machine') {
    const machine = identityQueries(subject, window);
    return cloud ? [...machine, ...entraQueries(subject, cloud, paramsOf(subject, window), false)] : machine;
  }
  const p = paramsOf(subject, window);
  return [...PLANS[cloud.kind].queries(subject, cloud, p), ...entraQueries(subject, cloud, p, true)];
}

/** The plan's sentences and the Entra ones (empty when the rows say nothing). Not for Windows machines (who-answer.ts). */
export function planSentences(kind: ResourceKind, rows: RowsOf, subject: InvestigationSubject): string[] {
  // A Windows machine's SigninLogs sentence is who-answer.ts's.
  if (kind === 'windows-machine' || !subject.cloud) return entraSentences(rows, subject, false);
  return [...PLANS[kind].answer(rows, subject, subject.cloud), ...entraSentences(rows, subject)];
}
