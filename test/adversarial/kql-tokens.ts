/**
 * Generated KQL, read by Microsoft's own Kusto parser (@kusto/language-service-next, offline):
 * parse errors, and every piece of query text that is NOT inside a string literal (tokens and the
 * trivia between them, where comments live). Alert text must never be found there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/* eslint-disable @typescript-eslint/no-explicit-any */
let kusto: any;
let globalState: any;
let stringLiteralKind: unknown;

function load(): void {
  if (globalState) return;
  require('@kusto/language-service-next/bridge.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.js');
  kusto = (globalThis as any).Kusto;
  const tables = JSON.parse(readFileSync(join(__dirname, '../fixtures/schemas/log-analytics-tables.json'), 'utf8')).tables as Record<string, Record<string, string>>;
  const symbols = Object.entries(tables).map(
    ([name, columns]) => new kusto.Language.Symbols.TableSymbol.$ctor7(name, `(${Object.entries(columns).map(([c, t]) => `['${c}']:${t}`).join(', ')})`, null),
  );
  globalState = kusto.Language.GlobalState.Default.WithDatabase(new kusto.Language.Symbols.DatabaseSymbol.ctor('workspace', symbols));
  stringLiteralKind = kusto.Language.Syntax.SyntaxKind.StringLiteralToken;
}

export interface KqlReading {
  errors: string[];
  /** Query text outside string literals: every non-string token and all trivia (whitespace, comments). */
  outsideLiterals: string;
  stringLiterals: number;
}

export function readKql(query: string): KqlReading {
  load();
  const code = kusto.Language.KustoCode.ParseAndAnalyze(query, globalState);
  const errors = (globalThis as any).Bridge.toArray(code.GetDiagnostics())
    .filter((d: any) => String(d.Severity) === 'Error')
    .map((d: any) => `${d.Code}: ${d.Message}`);
  let outside = '';
  let literals = 0;
  for (let t = code.Syntax.GetFirstToken(); t; t = t.GetNextToken()) {
    outside += t.Trivia ?? '';
    if (t.Kind === stringLiteralKind) literals++;
    else outside += t.Text ?? '';
  }
  return { errors, outsideLiterals: outside, stringLiterals: literals };
}
