/**
 * The real-shaped alerts of every Defender plan (test/fixtures/defender/plans, see its README) and
 * the demo's story 2 (demo/alerts/story2-*), normalized. Shared: other engineers' tests may use these.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Alert } from '../../src/domain/alert';
import { normalizeAlert } from '../../src/domain/normalize';

export const PLAN_FIXTURES = path.join(__dirname, '../fixtures/defender/plans');
const DEMO = path.join(__dirname, '../../demo/alerts');

export function planFixtureFiles(): string[] {
  return readdirSync(PLAN_FIXTURES).filter((f) => f.endsWith('.json')).sort();
}

export function rawPlanAlert(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(PLAN_FIXTURES, file), 'utf8')) as Record<string, unknown>;
}

export function planAlert(file: string): Alert {
  return normalizeAlert(rawPlanAlert(file));
}

export function story2Files(): string[] {
  return readdirSync(DEMO).filter((f) => f.startsWith('story2-')).sort();
}

/** Story 2, in order: the key vault, the storage account, the AKS cluster. */
export function story2Alerts(): [Alert, Alert, Alert] {
  const alerts = story2Files().map((f) => normalizeAlert(JSON.parse(readFileSync(path.join(DEMO, f), 'utf8'))));
  return alerts as [Alert, Alert, Alert];
}
