/** The SQL of an AlertScope (ports/store.ts): `AND <column> IN (…)`, its parameters numbered from `first`. */
import type { AlertScope } from '../../ports/alert-scope';

export function scopeSql(scope: AlertScope | undefined, column: string, first: number): { sql: string; params: string[] } {
  if (!scope) return { sql: '', params: [] };
  if (!scope.customers.length) return { sql: ' AND 1 = 0', params: [] };
  const marks = scope.customers.map((_, i) => `$${first + i}`).join(', ');
  return { sql: ` AND ${column} IN (${marks})`, params: [...scope.customers] };
}
