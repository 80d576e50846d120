/**
 * The flagship PowerShell alert in each shape the bot reads, as raw JSON and normalized: ARM
 * 2021-11-01, continuous export (the demo file), Microsoft Graph alerts_v2 and a SecurityAlert row.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Alert } from '../../src/domain/alert';
import { normalizeAlert } from '../../src/domain/normalize';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));

export const FLAGSHIP_ALERT_ID = '2516066414359999999_c3a9e1d4-6b27-4f85-a0d2-7e4b9c1f5a63';

export const FLAGSHIP_FILES = {
  arm: 'test/domain/normalize/fixtures/flagship-2-suspicious-powershell.arm-2021-11-01.json',
  export: 'demo/alerts/flagship-2-suspicious-powershell.export.json',
  graph: 'test/fixtures/graph/flagship-2-suspicious-powershell.graph.json',
  row: 'test/fixtures/sentinel/flagship-2-suspicious-powershell.security-alert-row.json',
} as const;

export type FlagshipShape = keyof typeof FLAGSHIP_FILES;

export function flagshipRaw(shape: FlagshipShape): Record<string, unknown> {
  return read(FLAGSHIP_FILES[shape]);
}

export function flagshipAs(shape: FlagshipShape): Alert {
  return normalizeAlert(flagshipRaw(shape));
}
