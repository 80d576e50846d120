/**
 * A plan's alert given as Microsoft Graph (alerts_v2, typed evidence) is read like its ARM / export
 * twin: story 2's key vault, storage and AKS alerts as Graph (test/fixtures/graph/story2-*) get the
 * same resource kind, the same "where" under the plan's own label, the same account kinds, the same
 * credential-only access and Kubernetes chain, and Defender's verdict on the IP as its intelligence.
 */
import fs from 'node:fs';
import path from 'node:path';
import { renderAdaptiveCard } from '../../../src/adapters/cards/render-adaptive-card';
import type { Alert } from '../../../src/domain/alert';
import { alertIntel } from '../../../src/domain/alert-intel';
import { resourceKindOf } from '../../../src/domain/alert-kind';
import { normalizeAlert } from '../../../src/domain/normalize';
import { WHERE_LABEL } from '../../../src/domain/resource-kind';
import { story2Alerts } from '../../helpers/plan-alerts';
import { cardFacts } from './card-walk';

const NOW = new Date('2026-11-26T20:00:00.000Z');
const GRAPH = path.join(__dirname, '../../fixtures/graph');
const graphTwin = (name: string): Alert => normalizeAlert(JSON.parse(fs.readFileSync(path.join(GRAPH, `${name}.graph.json`), 'utf8')));

function facts(alert: Alert): string[] {
  return cardFacts(renderAdaptiveCard({ kind: 'alert', alert, state: { status: alert.status } }, NOW));
}

const [kv, storage, aks] = story2Alerts();
const TWINS: [string, Alert, string][] = [
  ['story2-1-key-vault-suspicious-ip', kv, 'Key vault: kv-prod-payments'],
  ['story2-2-storage-sas-download', storage, 'Storage account: stprodinvoices01'],
  ['story2-3-aks-privileged-container', aks, 'Cluster / namespace / pod: aks-prod-01 / payments / billing-debug-5d8f7c9b6-x2kqp'],
];

describe('story 2 given as Graph reads like its ARM / export twin', () => {
  test.each(TWINS)('%s: same alert, resource kind, where label, account kinds and access', (name, twin, where) => {
    const graph = graphTwin(name);
    expect(graph.shape).toBe('graph');
    expect(graph.systemAlertId).toBe(twin.systemAlertId);
    expect(graph.resourceKind).toBe(twin.resourceKind);
    expect(resourceKindOf(graph)).toBe(resourceKindOf(twin));
    expect(graph.who.map((a) => a.accountKind)).toEqual(twin.who.map((a) => a.accountKind));
    expect(graph.accessKind).toBe(twin.accessKind);
    const [graphFacts, twinFacts] = [facts(graph), facts(twin)];
    const label = WHERE_LABEL[resourceKindOf(twin)];
    expect(graphFacts.filter((f) => f.startsWith(`${label}:`))).toEqual([where]);
    expect(twinFacts.filter((f) => f.startsWith(`${label}:`))).toEqual([where]);
    // "Host" only for machines, in both shapes.
    expect(graphFacts.filter((f) => f.startsWith('Host:'))).toEqual([]);
    const whoFacts = (f: string[]) => f.filter((x) => /^(Account|Access|Look-alike):/.test(x));
    expect(whoFacts(graphFacts)).toEqual(whoFacts(twinFacts));
    expect(whoFacts(graphFacts).length).toBeGreaterThan(0);
  });

  it('the service principal is one in Graph too (from the OAuth application evidence naming it), with its app id', () => {
    expect(graphTwin('story2-1-key-vault-suspicious-ip').who).toEqual([
      expect.objectContaining({ name: 'sp-billing-sync', accountKind: 'entra-service-principal', aadUserId: '9e4a7c21-3b5d-4f86-a1c9-0d2e8f7b6a53', appId: '6b1f4c2e-9d3a-4e71-8c05-2a7e9b3d1f64', isEntra: true, isLocal: false }),
    ]);
  });

  it('a SAS token in the evidence is credential-only access, as the ARM alert’s authentication type says', () => {
    const graph = graphTwin('story2-2-storage-sas-download');
    expect(graph.accessKind).toBe('sas');
    expect(facts(graph)).toEqual(expect.arrayContaining(['Access: SAS token — no identity named in the alert', 'Authentication type: SAS', 'Blobs: invoices']));
  });

  it('Graph’s shallow references (a container’s pod by name) are tied to their evidence: the whole chain, as in ARM', () => {
    const chain = (a: Alert) => a.where.filter((w) => w.kind === 'kubernetes');
    expect(chain(graphTwin('story2-3-aks-privileged-container'))).toEqual(chain(aks));
    expect(chain(aks)).toEqual([expect.objectContaining({ level: 'container', container: 'debug', pod: 'billing-debug-5d8f7c9b6-x2kqp', namespace: 'payments', cluster: 'aks-prod-01', privileged: true })]);
  });

  it('Defender’s verdict and tags on the IP are its intelligence on it: the IP is a known IOC in both shapes', () => {
    const graph = graphTwin('story2-1-key-vault-suspicious-ip');
    expect(alertIntel(graph)).toEqual([{ ioc: '198.51.100.77', kind: 'ip', verdict: 'Anonymizing VPN exit node (Microsoft Defender)' }]);
    expect(alertIntel(kv).map((i) => i.ioc)).toEqual(['198.51.100.77']);
  });
});
