/**
 * Two customers in one bot (CUSTOMERS), for the Slack and Teams tests: Contoso and Fabrikam, each
 * in its own tenant with one subscription, its own alert channel and analysts; the SOC-wide lead
 * sees both. Each subscription holds one RDP brute-force alert on a VM named the same and from the
 * same IP (the flagship's), so Correlate would link them if it crossed customers. The alerts come
 * from the fake ARM server, listed by the real poller with each tenant's credential.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import type { FakeArmServer } from '../fakes/arm-server';

export const CONTOSO = {
  name: 'Contoso',
  tenantId: '11111111-1111-4111-8111-111111111111',
  subscription: 'aaaaaaaa-0000-4000-8000-00000000000a',
  alertId: 'contoso-rdp-0001',
  title: 'Contoso RDP brute force',
};
export const FABRIKAM = {
  name: 'Fabrikam',
  tenantId: '22222222-2222-4222-8222-222222222222',
  subscription: 'bbbbbbbb-0000-4000-8000-00000000000b',
  alertId: 'fabrikam-rdp-0001',
  title: 'Fabrikam RDP brute force',
};

const FLAGSHIP_RDP = path.join(__dirname, '../../demo/alerts/flagship-1-rdp-brute-force.arm-2022-01-01.json');
const FLAGSHIP_SUB = '3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c';
const FLAGSHIP_ID = '2516066415599999999_5f0c2b7e-8d41-4c3a-9b6e-1a7d3e9f2c48';

/** The flagship RDP alert as the customer's own: its subscription, id and title. */
export function customerArmAlert(c: typeof CONTOSO): Record<string, unknown> {
  const text = fs.readFileSync(FLAGSHIP_RDP, 'utf8').replaceAll(FLAGSHIP_SUB, c.subscription).replaceAll(FLAGSHIP_ID, c.alertId);
  const alert = JSON.parse(text) as { properties: Record<string, unknown> };
  alert.properties.alertDisplayName = c.title;
  return alert;
}

export function seedArm(arm: FakeArmServer): void {
  for (const c of [CONTOSO, FABRIKAM]) arm.setAlerts(c.subscription, [customerArmAlert(c)]);
}

/** CUSTOMERS for the two, on one platform ("slack" or "teams") with the given channel ids and user ids. */
export function customersJson(platform: 'slack' | 'teams', channels: { contoso: string; fabrikam: string }, users: { contoso: string; fabrikam: string }): string {
  return JSON.stringify({
    [CONTOSO.name]: { tenantId: CONTOSO.tenantId, subscriptions: [CONTOSO.subscription], alertChannel: `${platform}:${channels.contoso}`, analysts: [users.contoso], quorum: 1 },
    [FABRIKAM.name]: { tenantId: FABRIKAM.tenantId, subscriptions: [FABRIKAM.subscription], alertChannel: `${platform}:${channels.fabrikam}`, analysts: [users.fabrikam] },
  });
}

/** One credential per tenant whose token names the tenant, so the fake ARM server shows whose identity each call used. */
export function tenantTokenCredential(tenantId: string): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      return { token: `token-of-${tenantId}`, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
}

/** Azure settings for per-tenant credentials against the fake ARM server (the secret is never used: the test gives the credentials). */
export function azureEnv(armUrl: string): Record<string, string> {
  return {
    ARM_ENDPOINT: armUrl,
    AZURE_TENANT_CREDENTIALS: 'per-tenant',
    AZURE_CREDENTIAL: 'client-secret',
    AZURE_TENANT_ID: '33333333-3333-4333-8333-333333333333',
    AZURE_CLIENT_ID: '44444444-4444-4444-8444-444444444444',
    AZURE_CLIENT_SECRET: 'unused-in-tests',
    POLL_INTERVAL_SECONDS: '3600',
    AUTO_INVESTIGATE_MIN_SEVERITY: 'off',
    WRITE_BACK: 'true',
  };
}
