/**
 * Log Analytics answers a query on a table the workspace does not have with HTTP 400:
 * BadArgumentError › SemanticError › SEM0100 "'where' operator: Failed to resolve table or column
 * expression named 'StorageFileLogs'". That is a source not collected here, not a failed search:
 * this finds the table's name in the innermost error (the SDK's RestError keeps the body in `details`).
 */

interface ErrorNode {
  message?: unknown;
  innererror?: unknown;
  innerError?: unknown;
  error?: unknown;
}

const UNRESOLVED = /Failed to resolve table (?:or column )?expression named '([^']+)'/;
const MAX_DEPTH = 8;

/** The innermost message of the error body (where Log Analytics puts the semantic error's text). */
export function innermostMessage(err: unknown): string | undefined {
  let node = (err as { details?: unknown } | undefined)?.details as ErrorNode | undefined;
  let message: string | undefined;
  for (let depth = 0; node && typeof node === 'object' && depth < MAX_DEPTH; depth++) {
    if (typeof node.message === 'string') message = node.message;
    node = (node.error ?? node.innererror ?? node.innerError) as ErrorNode | undefined;
  }
  return message;
}

/** The table the workspace does not have, when that is what the 400 says; only for `tables` the query reads. */
export function unresolvedTable(err: unknown, tables: readonly string[]): string | undefined {
  if ((err as { statusCode?: number } | undefined)?.statusCode !== 400) return undefined;
  const name = UNRESOLVED.exec(innermostMessage(err) ?? '')?.[1];
  return name && tables.some((t) => t.toLowerCase() === name.toLowerCase()) ? name : undefined;
}
