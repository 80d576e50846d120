/**
 * `triage-bot queries <alert.json>` for each plan's real-shaped alert: Who?'s queries are that kind's
 * sources plus the Entra ones its accounts need (Correlate's Sentinel and Analyze's TI queries as for
 * any alert), each valid KQL — the same JSON shape as before.
 */
import path from 'node:path';
import { main } from '../../src/cli/main';
import { QUERY_TABLE, type QueryName } from '../../src/domain/investigation';
import { PLAN_FIXTURES, planAlert, planFixtureFiles } from '../helpers/plan-alerts';
import { analyzeKql } from '../domain/investigation/kusto-analyzer';

const GENERIC = ['sentinel-alerts', 'sentinel-incidents', 'threat-intel', 'threat-intel-legacy'];
const ENTRA = ['SigninLogs', 'AADNonInteractiveUserSignInLogs', 'AADServicePrincipalSignInLogs', 'AADManagedIdentitySignInLogs'];
const WINDOWS_ONLY = ['logons', 'process-creation', 'powershell-script-blocks'];

async function queries(file: string): Promise<{ name: string; query: string; timespan: string }[]> {
  let stdout = '';
  const code = await main(['queries', file], { stdout: (s) => (stdout += s), stderr: () => {}, env: {} });
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

describe('triage-bot queries per plan', () => {
  test.each(planFixtureFiles())('%s', async (file) => {
    const alert = planAlert(file);
    const out = await queries(path.join(PLAN_FIXTURES, file));
    for (const q of out) {
      expect(Object.keys(q)).toEqual(['name', 'query', 'timespan']);
      expect(analyzeKql(q.query).errors).toEqual([]);
    }
    const who = out.map((q) => q.name).filter((n) => !GENERIC.includes(n));
    if (alert.resourceKind !== 'windows-machine') expect(who.filter((n) => WINDOWS_ONLY.includes(n))).toEqual([]);
    if (!alert.hasEntraIdentity) expect(who.filter((n) => ENTRA.includes(QUERY_TABLE[n as QueryName]))).toEqual([]);
    expect(who.length).toBeGreaterThanOrEqual(['api-management', 'resource-manager', 'unknown'].includes(alert.resourceKind!) ? 1 : 2);
  });
});
