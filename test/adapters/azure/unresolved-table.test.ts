/** Log Analytics' answer for a table the workspace does not have (HTTP 400, SemanticError › SEM0100), as the SDK's RestError carries it. */
import { unresolvedTable } from '../../../src/adapters/azure/unresolved-table';

describe('Log Analytics: a table the workspace does not have', () => {
  const body = (message: string) => ({ statusCode: 400, details: { error: { code: 'BadArgumentError', message: 'The request had some invalid properties', innererror: { code: 'SemanticError', message: 'A semantic error occurred.', innererror: { code: 'SEM0100', message } } } } });
  it('is read from the innermost semantic error, for a table the query reads', () => {
    expect(unresolvedTable(body("'where' operator: Failed to resolve table or column expression named 'StorageFileLogs'"), ['StorageFileLogs'])).toBe('StorageFileLogs');
    expect(unresolvedTable(body("'where' operator: Failed to resolve table or column expression named 'CallerObjectId'"), ['AZKVAuditLogs'])).toBeUndefined();
    expect(unresolvedTable(body("'where' operator: Failed to resolve scalar expression named 'Foo'"), ['Foo'])).toBeUndefined();
    expect(unresolvedTable({ ...body("Failed to resolve table or column expression named 'X'"), statusCode: 500 }, ['X'])).toBeUndefined();
  });
});
