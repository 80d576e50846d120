/**
 * Offline KQL analysis with @kusto/language-service-next against the real Log Analytics table
 * columns (test/fixtures/schemas/log-analytics-tables.json), as DESIGN.md describes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/* eslint-disable @typescript-eslint/no-explicit-any */
let kusto: any;
let globalState: any;

const TABLES_JSON = join(__dirname, '../../fixtures/schemas/log-analytics-tables.json');

function load(): void {
  if (globalState) return;
  require('@kusto/language-service-next/bridge.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.js');
  kusto = (globalThis as any).Kusto;
  const tables = JSON.parse(readFileSync(TABLES_JSON, 'utf8')).tables as Record<string, Record<string, string>>;
  const symbols = Object.entries(tables).map(([name, columns]) => {
    const schema = `(${Object.entries(columns).map(([c, t]) => `['${c}']:${t}`).join(', ')})`;
    return new kusto.Language.Symbols.TableSymbol.$ctor7(name, schema, null);
  });
  const db = new kusto.Language.Symbols.DatabaseSymbol.ctor('workspace', symbols);
  globalState = kusto.Language.GlobalState.Default.WithDatabase(db);
}

export interface Diagnostic {
  severity: string;
  code: string;
  message: string;
}

export interface Analysis {
  errors: Diagnostic[];
  /** Values of every string literal, in order. */
  stringLiterals: string[];
  /** The syntax tree as a sequence of node kinds, literal values left out: equal shapes ⇔ equal structure. */
  shape: string;
}

/**
 * `syntaxOnly` parses without binding to the tables (much faster): enough for literal values and
 * the tree's shape, and for syntax errors; the full analysis also reports unknown tables/columns.
 */
export function analyzeKql(query: string, options: { syntaxOnly?: boolean } = {}): Analysis {
  load();
  const code = options.syntaxOnly ? kusto.Language.KustoCode.Parse(query) : kusto.Language.KustoCode.ParseAndAnalyze(query, globalState);
  const errors = (globalThis as any).Bridge.toArray(code.GetDiagnostics())
    .filter((d: any) => String(d.Severity) === 'Error')
    .map((d: any) => ({ severity: String(d.Severity), code: String(d.Code), message: String(d.Message) }));
  const stringLiterals: string[] = [];
  const kinds: string[] = [];
  kusto.Language.Syntax.SyntaxElement.WalkNodes(code.Syntax, (node: any) => {
    kinds.push(String(node.Kind));
    if (node instanceof kusto.Language.Syntax.LiteralExpression && typeof node.LiteralValue === 'string') {
      stringLiterals.push(node.LiteralValue);
    }
  });
  return { errors, stringLiterals, shape: kinds.join(',') };
}

export function knownTables(): string[] {
  return Object.keys(JSON.parse(readFileSync(TABLES_JSON, 'utf8')).tables);
}

/** The names of the columns a query returns, as the Kusto analyzer infers them (its result schema). */
export function resultColumns(query: string): string[] {
  load();
  const code = kusto.Language.KustoCode.ParseAndAnalyze(query, globalState);
  const type = code.ResultType;
  if (!type?.Columns) return [];
  return (globalThis as any).Bridge.toArray(type.Columns).map((c: any) => String(c.Name));
}
