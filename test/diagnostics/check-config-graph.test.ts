/**
 * check-config with GRAPH_ALERTS against the fake Graph server: a Graph token (its permissions read
 * from the JWT's roles), then one alerts_v2 call; a missing permission is named, for the call that
 * needs it and for WRITE_BACK.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import { checkConfig } from '../../src/diagnostics/check-config';
import { FakeGraph, INCIDENT_READ_ROLE, READ_ROLE } from '../fakes/graph-server';

/** An access token shaped like Entra's: a JWT whose payload carries the app's roles (unsigned: the fake only compares it). */
const jwt = (roles: string[]) =>
  [{ alg: 'none', typ: 'JWT' }, { aud: 'https://graph.microsoft.com', roles }].map((p) => Buffer.from(JSON.stringify(p)).toString('base64url')).join('.') + '.sig';
const credentialFor = (token: string): TokenCredential => ({ getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) });

describe('check-config: Microsoft Graph', () => {
  let graph: FakeGraph;
  let dir: string;
  beforeAll(async () => {
    graph = await new FakeGraph().start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-graph-'));
  });
  afterAll(async () => {
    await graph.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const env = (over: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ DATABASE_URL: `sqlite:${path.join(dir, 'c.db')}`, GRAPH_ALERTS: 'true', GRAPH_ENDPOINT: graph.url, ...over });
  const graphItems = (results: { item: string; ok: boolean; detail: string }[]) => results.filter((r) => r.item.startsWith('graph'));

  it('ok: a token with the roles, and alerts_v2 answers (with the Prefer header)', async () => {
    const token = jwt([READ_ROLE, INCIDENT_READ_ROLE]);
    graph.grant(token, READ_ROLE, INCIDENT_READ_ROLE);
    const results = await checkConfig(env(), { credential: credentialFor(token) });
    expect(graphItems(results).map((r) => [r.item, r.ok])).toEqual([
      ['graph token', true],
      ['graph permissions', true],
      ['graph alerts', true],
    ]);
    expect(graph.requests.at(-1)).toMatchObject({ path: '/v1.0/security/alerts_v2', prefer: 'include-unknown-enum-members', query: { $top: '1', $filter: "serviceSource eq 'microsoftDefenderForCloud'" } });
  });

  it('WRITE_BACK without SecurityAlert.ReadWrite.All, and no incident permission: both named', async () => {
    const token = jwt([READ_ROLE]);
    graph.grant(token, READ_ROLE);
    const results = graphItems(await checkConfig(env({ WRITE_BACK: 'true' }), { credential: credentialFor(token) }));
    expect(results.find((r) => r.item === 'graph permissions')).toEqual({
      item: 'graph permissions',
      ok: false,
      detail: "grant the app the Microsoft Graph application permissions SecurityAlert.ReadWrite.All (WRITE_BACK to the XDR alert), SecurityIncident.Read.All (Correlate's XDR incident), with admin consent",
    });
  });

  it('a 403 from alerts_v2 names SecurityAlert.Read.All', async () => {
    const token = jwt([]);
    graph.grant(token);
    const alerts = graphItems(await checkConfig(env(), { credential: credentialFor(token) })).find((r) => r.item === 'graph alerts');
    expect(alerts?.ok).toBe(false);
    expect(alerts?.detail).toMatch(/HTTP 403\): the bot's app registration needs the Microsoft Graph application permission SecurityAlert\.Read\.All, with admin consent/);
  });
});
