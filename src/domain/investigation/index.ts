export { kqlString, kqlDatetime, isIpAddress, isIPv4, isIPv6 } from './kql-literals';
export { investigationWindow, correlationWindow, parseDuration, timespanText, windowEndingAt, type TimeWindow, type WindowSettings } from './window';
export { subjectFromAlert, subjectFromTarget, targetKind, type InvestigationSubject } from './subject';
export { identityQueriesFor, correlationQueriesFor, alertIocs, allQueriesFor, entityIocs } from './catalogue';
export { iocQueries } from './ioc-queries';
export { isCatalogueQuery, QUERY_NAMES, type CatalogueQuery, type QueryName, type QueryParams, type IocSet } from './query-types';
export { records, text, hhmm, relative, humanMinutes, type Row, type ResultTable } from './records';
export { targetLookupQuery, TARGET_LOOKUP_DAYS, type LookupKind } from './target-lookup';
export { whoAnswer, whoLogon, whoSentences, type WhoLogon } from './who-answer';
export { findRelatedAmong, relationTo, type RelatedAlert, type Relation } from './related-alerts';
export { iocVerdicts, UNKNOWN_IOC, type IocVerdict } from './threat-intel-verdicts';
export { coverageAnswer, coverageLine, type SourceCoverage, type SourceOutcome } from './coverage';
export { logSource, allLogSources, type LogSource } from './log-sources';
export { planSentences } from './plans';
export { QUERY_TABLE } from './query-types';
export type { SourceQuerySpec, Row as SpecRow } from './source-query';
export { outputColumns } from './source-query';
export {
  chooseWorkspace,
  diagnosticResourceOf,
  isAllowed,
  namedWorkspaceOf,
  notAllowedText,
  workspaceFact,
  workspaceIdOf,
  workspaceText,
  WORKSPACE_REASON_TEXT,
  type LogsWorkspace,
  type WorkspaceAllowlist,
  type WorkspaceChoice,
  type WorkspaceId,
  type WorkspaceReason,
} from './workspace-choice';
