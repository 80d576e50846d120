/**
 * The bundled demo workspace: one JSON file per Log Analytics table under demo/workspace/, rows keyed
 * by the real column names. Column types come from the rows' values (datetime for ISO instants).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type DemoRow = Record<string, unknown>;
export type DemoTables = Record<string, DemoRow[]>;

export const DEMO_WORKSPACE_DIR = join(__dirname, '../../../demo/workspace');

export function loadDemoTables(dir = DEMO_WORKSPACE_DIR): DemoTables {
  const tables: DemoTables = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const parsed = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { table: string; rows: DemoRow[] };
    tables[parsed.table] = parsed.rows;
  }
  return tables;
}
