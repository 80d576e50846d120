/**
 * check-config's Microsoft Graph items (GRAPH_ALERTS): a Graph token — and, when the token is a
 * JWT, the application permissions it carries against those the configuration needs — then one
 * alerts_v2 call for Defender for Cloud alerts. Each says what to fix.
 */
import type { TokenCredential } from '@azure/core-auth';
import { DEFAULT_GRAPH_ENDPOINT, GraphRequestError, GraphSecurityClient } from '../adapters/azure/graph-security-client';
import type { RawConfig } from '../config/schema';
import type { CheckResult } from './check-result';

type Bounded = (item: string, work: () => Promise<CheckResult>) => Promise<CheckResult>;

export async function checkGraph(c: Partial<RawConfig>, credential: TokenCredential, bounded: Bounded): Promise<CheckResult[]> {
  const endpoint = (c.GRAPH_ENDPOINT ?? DEFAULT_GRAPH_ENDPOINT).replace(/\/+$/, '');
  const scope = `${endpoint.startsWith('https://') ? new URL(endpoint).origin : DEFAULT_GRAPH_ENDPOINT}/.default`;
  let roles: string[] | undefined;
  const token = await bounded('graph token', async () => {
    const t = await credential.getToken(scope);
    if (!t) return { item: 'graph token', ok: false, detail: `no token for ${scope}: check AZURE_CREDENTIAL and its settings` };
    roles = rolesOf(t.token);
    return { item: 'graph token', ok: true, detail: `token for ${scope}${roles ? ` with roles ${roles.join(', ') || '(none)'}` : ''}` };
  });
  const results = [token];
  if (!token.ok) return results;
  if (roles) results.push(permissions(roles, c.WRITE_BACK === true));
  const client = new GraphSecurityClient({ credential, endpoint, attempts: 1 });
  results.push(
    await bounded('graph alerts', async () => {
      try {
        const n = await client.probe();
        return { item: 'graph alerts', ok: true, detail: `alerts_v2 answered (${n} Defender for Cloud alert${n === 1 ? '' : 's'} in the newest page)` };
      } catch (err) {
        const detail = err instanceof GraphRequestError || err instanceof Error ? err.message : String(err);
        return { item: 'graph alerts', ok: false, detail: detail.slice(0, 400) };
      }
    }),
  );
  return results;
}

function permissions(roles: string[], writeBack: boolean): CheckResult {
  const needed = [writeBack ? 'SecurityAlert.ReadWrite.All' : 'SecurityAlert.Read.All', 'SecurityIncident.Read.All'];
  const has = (role: string) => roles.includes(role) || (role.endsWith('.Read.All') && roles.includes(role.replace('.Read.All', '.ReadWrite.All')));
  const missing = needed.filter((r) => !has(r));
  if (!missing.length) return { item: 'graph permissions', ok: true, detail: `the token carries ${needed.join(' and ')}` };
  const why = missing.map((r) => (r.startsWith('SecurityIncident') ? `${r} (Correlate's XDR incident)` : r === 'SecurityAlert.ReadWrite.All' ? `${r} (WRITE_BACK to the XDR alert)` : `${r} (polling alerts)`));
  return { item: 'graph permissions', ok: false, detail: `grant the app the Microsoft Graph application permission${missing.length > 1 ? 's' : ''} ${why.join(', ')}, with admin consent` };
}

/** The `roles` claim of a JWT access token (decoded, not verified: this is a diagnostic). */
function rolesOf(token: string): string[] | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { roles?: unknown };
    return Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return undefined;
  }
}
