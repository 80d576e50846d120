import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TokenCredential } from '@azure/core-auth';
import { checkConfig } from '../../src/diagnostics/check-config';
import { main } from '../../src/cli/main';
import { FakeArmServer } from '../fakes/arm-server';
import { FakeLogAnalytics } from '../fakes/log-analytics-server';
import { startFakeSlack, type FakeSlackApi } from '../fakes/slack-api-server';

const SUB = '3f2b8c1e-7a4d-4e9b-9c21-5d6e8f0a1b2c';
const WORKSPACE = '8c1d2e3f-4a5b-4c6d-9e7f-0a1b2c3d4e5f';
const TOKEN = 'xoxb-good-token';

/** The fakes do not check Azure tokens; the credential only has to answer. */
const stubCredential: TokenCredential = { getToken: async () => ({ token: 'stub', expiresOnTimestamp: Date.now() + 3600_000 }) };

describe('check-config', () => {
  let slack: FakeSlackApi;
  let arm: FakeArmServer;
  let logs: FakeLogAnalytics;
  let dir: string;

  beforeAll(async () => {
    slack = await startFakeSlack({ token: TOKEN });
    arm = await new FakeArmServer().start();
    arm.setAlerts(SUB, []);
    logs = await new FakeLogAnalytics().start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-config-'));
  });
  afterAll(async () => {
    await Promise.all([slack.stop(), arm.stop(), logs.stop()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const env = (overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    DATABASE_URL: `sqlite:${path.join(dir, 'check.db')}`,
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: 'signing',
    SLACK_ALERT_CHANNEL: 'C0ALERTS',
    SLACK_API_URL: `${slack.url}/api/`,
    AZURE_SUBSCRIPTION_IDS: SUB,
    LOG_ANALYTICS_WORKSPACE_ID: WORKSPACE,
    ARM_ENDPOINT: arm.url,
    LOG_ANALYTICS_ENDPOINT: logs.url,
    ...overrides,
  });

  it('reports ok for every item against working Slack, ARM and Log Analytics', async () => {
    const results = await checkConfig(env(), { credential: stubCredential });
    expect(results.map((r) => [r.item, r.ok])).toEqual([
      ['config', true],
      ['store', true],
      ['slack', true],
      [`defender ${SUB}`, true],
      ['log analytics', true],
    ]);
    expect(slack.calls.some((c) => c.method === 'auth.test')).toBe(true);
    expect(logs.requests.some((r) => r.workspaceId === WORKSPACE)).toBe(true);
  });

  it('names a wrong token, a missing variable and a 403 at once', async () => {
    arm.faults.push({ status: 403, body: { error: { code: 'AuthorizationFailed', message: 'no access' } }, times: 5 });
    const results = await checkConfig(env({ SLACK_BOT_TOKEN: 'xoxb-wrong', SLACK_SIGNING_SECRET: '' }), { credential: stubCredential });
    const failed = results.filter((r) => !r.ok);
    expect(failed.map((r) => r.item)).toEqual(['config SLACK_SIGNING_SECRET', 'slack', `defender ${SUB}`]);
    expect(failed[0]!.detail).toMatch(/SLACK_SIGNING_SECRET: required/);
    expect(failed[1]!.detail).toMatch(/SLACK_BOT_TOKEN was refused \(invalid_auth\)/);
    expect(failed[2]!.detail).toBe(`Security Reader role missing on subscription ${SUB}: assign it to the bot's identity (HTTP 403)`);
  });

  it('names a missing Log Analytics role', async () => {
    logs.faults.push({ status: 403, body: { error: { code: 'InsufficientAccessError', message: 'The provided credentials have insufficient access' } } });
    const results = await checkConfig(env(), { credential: stubCredential });
    const la = results.find((r) => r.item === 'log analytics')!;
    expect(la.ok).toBe(false);
    expect(la.detail).toMatch(/^Log Analytics Reader role missing on workspace/);
  });

  it('names DATABASE_URL, without its password, and what to fix when the store is down', async () => {
    const results = await checkConfig(env({ DATABASE_URL: 'postgres://triage:hunter2@127.0.0.1:1/triage' }), { credential: stubCredential });
    const store = results.find((r) => r.item === 'store')!;
    expect(store).toEqual({
      item: 'store',
      ok: false,
      detail:
        'nothing accepts connections at 127.0.0.1:1 (DATABASE_URL=postgres://triage:***@127.0.0.1:1/triage): start PostgreSQL there, or set DATABASE_URL to the host and port it listens on',
    });
  });

  it('names DATABASE_URL when the SQLite file cannot be opened', async () => {
    const file = path.join(dir, 'not-a-dir');
    fs.writeFileSync(file, 'x');
    const results = await checkConfig(env({ DATABASE_URL: `sqlite:${path.join(file, 'triage.db')}` }), { credential: stubCredential });
    const detail = results.find((r) => r.item === 'store')!.detail;
    expect(detail.startsWith(`cannot open the SQLite file of DATABASE_URL=sqlite:${path.join(file, 'triage.db')} (`)).toBe(true);
    expect(detail.endsWith('): make its directory writable, or set DATABASE_URL=sqlite:<a writable path>')).toBe(true);
  });

  it('exits non-zero from the CLI and prints each problem on its own line', async () => {
    let out = '';
    const code = await main(['check-config'], {
      stdout: (s) => (out += s),
      stderr: (s) => (out += s),
      env: { DATABASE_URL: `sqlite:${path.join(dir, 'cli.db')}`, PORT: 'x', SLACK_ALERT_CHANNEL: 'C1' },
    });
    expect(code).toBe(1);
    expect(out).toMatch(/^FAIL {2}config PORT: PORT: must be a whole number/m);
    expect(out).toMatch(/^FAIL {2}config SLACK_ALERT_CHANNEL: SLACK_ALERT_CHANNEL: set, but SLACK_BOT_TOKEN is missing/m);
    expect(out).toMatch(/^ok {4}store: sqlite reachable/m);
    expect(out).toMatch(/2 problem\(s\) to fix/);
  });
});
