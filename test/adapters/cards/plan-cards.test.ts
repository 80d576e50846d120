/**
 * Cards that speak each plan's language: the affected resource under the plan's own label ("Host"
 * only for machines), accounts named for what they are, the local-account warning only for a
 * machine's own accounts, Kubernetes objects as cluster / namespace / pod and container / image,
 * credential-only access, Defender's threat intelligence on the IPs, the plan's key extended
 * properties — on Teams (schema-valid, within limits) and Slack (within Block Kit limits).
 */
import type { AdaptiveCard } from '../../../src/adapters/cards/adaptive-card';
import { checkBlockKitLimits, checkTeamsCardLimits } from '../../../src/adapters/cards/limits';
import { renderAdaptiveCard } from '../../../src/adapters/cards/render-adaptive-card';
import { renderBlockKit } from '../../../src/adapters/cards/render-block-kit';
import type { Alert } from '../../../src/domain/alert';
import { adaptiveCardSchemaErrors } from '../../helpers/adaptive-card-schema';
import { planAlert, planFixtureFiles, story2Alerts } from '../../helpers/plan-alerts';
import { cardTexts, unescapeMd } from './card-walk';

const NOW = new Date('2026-11-26T20:00:00.000Z');
const WARNING = '⚠ No Entra ID identity — local account only';

function card(alert: Alert): AdaptiveCard {
  return renderAdaptiveCard({ kind: 'alert', alert, state: { status: alert.status } }, NOW);
}

/** Every fact of the card as "Title: value" (unescaped). */
function facts(c: AdaptiveCard): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === undefined && typeof o.title === 'string' && typeof o.value === 'string') out.push(`${unescapeMd(o.title)}: ${unescapeMd(o.value)}`);
      Object.values(o).forEach(visit);
    }
  };
  visit(c.body);
  return out;
}

const WHERE: Record<string, string> = {
  'ai-jailbreak-blocked.arm-2022-01-01.json': 'AI resource: oai-prod-01',
  'aks-privileged-container.arm-2022-01-01.json': 'Cluster / namespace / pod: aks-prod-02 / ci / builder-6c9d8-7kq2p',
  'api-tor-exit-node.arm-2022-01-01.json': 'API Management service: orders-api',
  'app-service-php-in-upload-folder.export.json': 'App: app-prod-portal',
  'arc-windows-rdp-brute-force.arm-2022-01-01.json': 'Host: fs-onprem-01 (Windows)',
  'arm-microburst-subscription.arm-2022-01-01.json': 'Subscription: 3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c',
  'aws-ec2-ssh-brute-force.arm-2022-01-01.json': 'Host: ip-10-0-1-25 (Linux)',
  'cosmos-tor-access.arm-2022-01-01.json': 'Cosmos DB account: cosmos-prod-catalog',
  'dns-threat-intel-domain.arm-2022-01-01.json': 'DNS client: app-vm-03',
  'key-vault-tor-access.arm-2022-01-01.json': 'Key vault: kv-prod-secrets',
  'linux-ssh-brute-force.arm-2022-01-01.json': 'Host: app-vm-02 (Ubuntu 22.04)',
  'network-ddos-public-ip.arm-2022-01-01.json': 'Resource: pip-web-frontend',
  'postgresql-brute-force.arm-2022-01-01.json': 'Database server: pg-prod-01',
  'sql-db-vulnerability-to-sql-injection.arm-2022-01-01.json': 'SQL server / database: sql-prod-orders / orders',
  'sql-vm-brute-force.arm-2022-01-01.json': 'Host: sql-vm-01 (Windows)',
  'storage-anonymous-access.export.json': 'Storage account: stpublicassets',
  'storage-blob-suspicious-ip.arm-2022-01-01.json': 'Storage account: stcontosoexports',
};

const MACHINES = new Set(['windows-machine', 'linux-machine', 'sql-on-machine']);

describe('each plan card', () => {
  it('covers every fixture', () => expect(Object.keys(WHERE).sort()).toEqual(planFixtureFiles()));

  test.each(Object.entries(WHERE))('%s says where in its plan’s words, and is valid on Teams and Slack', (file, where) => {
    const alert = planAlert(file);
    const c = card(alert);
    expect(adaptiveCardSchemaErrors(c)).toEqual([]);
    expect(checkTeamsCardLimits(c)).toEqual([]);
    expect(checkBlockKitLimits(renderBlockKit({ kind: 'alert', alert, state: { status: alert.status } }, NOW))).toEqual([]);
    const f = facts(c);
    expect(f).toContain(where);
    if (!MACHINES.has(alert.resourceKind!)) expect(f.filter((x) => x.startsWith('Host:'))).toEqual([]);
    const texts = cardTexts(c).map(unescapeMd);
    const machineLocal = alert.who.some((a) => a.accountKind === 'machine-local');
    expect(texts.includes(WARNING)).toBe(machineLocal && ['windows-machine', 'linux-machine'].includes(alert.resourceKind!));
    // An account is never called both local and domain.
    for (const account of f.filter((x) => x.startsWith('Account:'))) expect(/local account/.test(account) && /domain account/.test(account)).toBe(false);
  });
});

describe('plan vocabulary on the card', () => {
  it('names accounts for what they are', () => {
    expect(facts(card(planAlert('sql-db-vulnerability-to-sql-injection.arm-2022-01-01.json')))).toContain('Account: app_orders · SQL login');
    expect(facts(card(planAlert('aks-privileged-container.arm-2022-01-01.json')))).toContain('Account: system:serviceaccount:ci:deployer · Kubernetes service account');
    expect(facts(card(planAlert('linux-ssh-brute-force.arm-2022-01-01.json')))).toContain('Account: azureuser · local account');
    expect(facts(card(planAlert('key-vault-tor-access.arm-2022-01-01.json')))).toContain(
      'Account: bob · Entra ID user · UPN bob@contoso.com · Entra ID object 3c2b1a09-8f7e-4d6c-b5a4-93827160f5e4',
    );
    const [kv] = story2Alerts();
    expect(facts(card(kv))).toContain(
      'Account: sp-billing-sync · Entra ID service principal · Entra ID object 9e4a7c21-3b5d-4f86-a1c9-0d2e8f7b6a53 · app id 6b1f4c2e-9d3a-4e71-8c05-2a7e9b3d1f64',
    );
  });

  it('shows a SAS or anonymous access as such, with the plan’s extended properties', () => {
    const sas = facts(card(planAlert('storage-blob-suspicious-ip.arm-2022-01-01.json')));
    expect(sas).toContain('Access: SAS token — no identity named in the alert');
    expect(sas).toEqual(expect.arrayContaining(['Authentication type: SAS', 'Operations types: ListBlobs, GetBlob', 'User agent: python-requests/2.32.3', 'Blobs: exports/2026/11/customers.csv']));
    expect(facts(card(planAlert('storage-anonymous-access.export.json')))).toContain('Access: anonymous — no authentication');
    expect(facts(card(planAlert('sql-db-vulnerability-to-sql-injection.arm-2022-01-01.json')))).toContain("Vulnerable statement: SELECT * FROM Orders WHERE CustomerId = '1' OR '1'='1'");
  });

  it('shows Kubernetes objects as container and image, never as "Other"', () => {
    const f = facts(card(planAlert('aks-privileged-container.arm-2022-01-01.json')));
    expect(f).toContain('Containers: builder (privileged) · image contosoacr.azurecr.io/ci/builder:2.4');
    expect(f.filter((x) => x.startsWith('Other:'))).toEqual([]);
  });

  it('joins a Linux path with "/"', () => {
    expect(facts(card(planAlert('app-service-php-in-upload-folder.export.json')))).toContain('Files: /home/site/wwwroot/wp-content/uploads/2026/11/cache.php');
  });

  it('shows the threat intelligence Defender put on the IP, and the Tor verdict of the alert type', () => {
    expect(facts(card(planAlert('storage-blob-suspicious-ip.arm-2022-01-01.json')))).toContain('IPs: 203.0.113.61 (Defender: Known botnet node (Microsoft, confidence 80%))');
    expect(facts(card(planAlert('key-vault-tor-access.arm-2022-01-01.json')))).toContain('IPs: 198.51.100.201 (Defender: Tor exit node (Defender alert KV_TORAccess))');
    expect(facts(card(planAlert('cosmos-tor-access.arm-2022-01-01.json')))).toContain('IPs: 198.51.100.202 (Defender: Tor exit node (Microsoft, confidence 100%))');
  });

  it('a resource-group-less subscription alert shows no resource group and no duplicate subscription', () => {
    const f = facts(card(planAlert('arm-microburst-subscription.arm-2022-01-01.json')));
    expect(f.filter((x) => x.startsWith('Subscription:'))).toHaveLength(1);
  });
});
