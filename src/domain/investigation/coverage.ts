/**
 * Honest coverage: which sources an investigation searched and what each gave. When the rows say
 * nothing, the answer says why — nothing applicable to search, sources not collected in this
 * workspace (with the setting to turn on), or searched with no rows — never a bare "nothing found".
 */
import { KIND_NAME, type ResourceKind } from '../resource-kind';

export type SourceOutcome = 'rows' | 'no-rows' | 'partial' | 'not-collected' | 'failed';

export interface SourceCoverage {
  source: string;
  query: string;
  title: string;
  outcome: SourceOutcome;
  rows: number;
  detail?: string;
  setting?: string;
  docsUrl?: string;
}

/** "StorageBlobLogs: 4 rows", "StorageFileLogs: not collected here — turn on …", "Syslog: no rows". */
export function coverageLine(c: SourceCoverage): string {
  switch (c.outcome) {
    case 'rows':
      return `${c.rows} row${c.rows === 1 ? '' : 's'}`;
    case 'no-rows':
      return 'searched, no rows';
    case 'partial':
      return `partial: ${c.rows} row${c.rows === 1 ? '' : 's'} (${c.detail ?? 'cut by Log Analytics'})`;
    case 'not-collected':
      return `not collected here — turn on ${c.setting ?? 'its diagnostic setting'}`;
    case 'failed':
      return `query failed: ${c.detail ?? 'unknown error'}`;
  }
}

/** What the analyst is told when no source gave an answer; `target` names the resource ("storage account stprodinvoices01"). */
export function coverageAnswer(coverage: SourceCoverage[], kind: ResourceKind | undefined, target: string): string {
  const tables = (outcome: SourceOutcome) => unique(coverage.filter((c) => c.outcome === outcome).map((c) => c.source));
  if (!coverage.length) {
    const what = kind ? `${article(KIND_NAME[kind])} ${KIND_NAME[kind]} alert` : 'this target';
    return `No log source applies to ${what} with what it names; Who? can only show what Defender put in the alert.`;
  }
  const missing = tables('not-collected');
  const searched = unique([...tables('no-rows'), ...tables('partial')]);
  const failed = tables('failed');
  const parts: string[] = [];
  if (searched.length) parts.push(`No rows in ${list(searched)} for ${target} in the window.`);
  if (missing.length && !searched.length && !failed.length) {
    parts.push(`Not collected here: ${list(missing)} — this workspace has none of the logs that say who acted on ${target}.`);
  } else if (missing.length) {
    parts.push(`Not collected here: ${list(missing)}.`);
  }
  if (failed.length) parts.push(`${list(failed)} could not be searched (query failed).`);
  return parts.join(' ');
}

function list(items: string[]): string {
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}
