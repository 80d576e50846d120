import { openStore } from '../../src/adapters/store/open-store';
import { main, type CliIo } from '../../src/cli/main';
import { createSqliteDatabase } from '../adapters/store/test-databases';

function capture(env: NodeJS.ProcessEnv): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, env, stdout: (s) => out.push(s), stderr: (s) => err.push(s) };
}

describe('triage-bot audit', () => {
  it('prints the entries since a time as JSON lines, oldest first', async () => {
    const db = createSqliteDatabase();
    const store = await openStore(db.url);
    await store.audit.append({ at: '2026-11-27T01:00:00.000Z', actor: 'slack:U0 (old)', action: 'vote', alertId: 'a0', after: { verdict: 'false-positive' } });
    await store.audit.append({ at: '2026-11-27T02:20:00.000Z', actor: 'slack:U1 (ana)', action: 'vote', alertId: 'a1', before: null, after: { verdict: 'true-positive' } });
    await store.audit.append({ at: '2026-11-27T02:21:00.000Z', actor: 'teams:aad-7 (lee)', action: 'handoff-ack', after: { handoffId: 'h1' } });
    await store.close();

    const io = capture({ DATABASE_URL: db.url });
    expect(await main(['audit', '--since', '2026-11-27T02:00:00Z'], io)).toBe(0);
    const lines = io.out.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { id: 2, at: '2026-11-27T02:20:00.000Z', actor: 'slack:U1 (ana)', action: 'vote', alertId: 'a1', before: null, after: { verdict: 'true-positive' } },
      { id: 3, at: '2026-11-27T02:21:00.000Z', actor: 'teams:aad-7 (lee)', action: 'handoff-ack', alertId: null, before: null, after: { handoffId: 'h1' } },
    ]);
    await db.drop();
  });

  it('--suggestions: how often the suggestion was the decided verdict, overall and per rule', async () => {
    const db = createSqliteDatabase();
    const store = await openStore(db.url);
    const decision = (alertId: string, verdict: string, suggested: unknown) =>
      store.audit.append({ at: '2026-11-27T02:30:00.000Z', actor: 'slack:U1 (ana)', action: 'decision', alertId, before: null, after: { verdict, severity: 'Medium', how: 'quorum', decidedBy: [], suggested } });
    await decision('a1', 'true-positive', { verdict: 'true-positive', severity: 'Medium', rules: ['rdp-logon-after-failures', 'download-and-execute'] });
    await decision('a2', 'benign-positive', { verdict: 'true-positive', severity: 'Medium', rules: ['download-and-execute'] });
    await decision('a3', 'false-positive', null); // no suggestion: counted as a decision only
    await store.audit.append({ at: '2026-11-27T02:31:00.000Z', actor: 'slack:U1 (ana)', action: 'vote', alertId: 'a1', after: { verdict: 'true-positive' } });
    await store.close();

    const io = capture({ DATABASE_URL: db.url });
    expect(await main(['audit', '--since', '2026-11-27T00:00:00Z', '--suggestions'], io)).toBe(0);
    expect(JSON.parse(io.out.join(''))).toEqual({
      decisions: 3,
      withSuggestion: 2,
      agreed: 1,
      agreementRate: 0.5,
      rules: [
        { rule: 'download-and-execute', decisions: 2, agreed: 1, agreementRate: 0.5 },
        { rule: 'rdp-logon-after-failures', decisions: 1, agreed: 1, agreementRate: 1 },
      ],
    });
    await db.drop();
  });

  it.each([[['audit']], [['audit', '--since', 'yesterday']], [['audit', '--since', '2026-11-27', '--bogus']]])('rejects %j with exit 2 and one line', async (argv) => {
    const io = capture({ DATABASE_URL: 'sqlite:/nonexistent/x.db' });
    expect(await main(argv, io)).toBe(2);
    expect(io.err.join('').trim().split('\n')).toHaveLength(1);
  });

  it('does not create a database that is not there', async () => {
    const io = capture({ DATABASE_URL: 'sqlite:/tmp/triage-no-such-dir/none.db' });
    expect(await main(['audit', '--since', '2026-11-27'], io)).toBe(2);
    expect(io.err.join('')).toContain('no database at /tmp/triage-no-such-dir/none.db');
  });
});
