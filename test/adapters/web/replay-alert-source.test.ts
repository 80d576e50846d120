import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BUNDLED_DEMO_DIR, ReplayAlertSource } from '../../../src/adapters/local/replay-alert-source';
import { normalizeAlerts } from '../../../src/domain/normalize';

const logs: { level: string; msg: string }[] = [];
const logger = {
  info: (_o: object, msg: string) => logs.push({ level: 'info', msg }),
  warn: (_o: object, msg: string) => logs.push({ level: 'warn', msg }),
};

describe('ReplayAlertSource', () => {
  it('delivers every bundled demo alert, in file-name order', async () => {
    const files = fs.readdirSync(BUNDLED_DEMO_DIR).filter((f) => f.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThanOrEqual(2);
    const delivered: string[] = [];
    const source = new ReplayAlertSource(BUNDLED_DEMO_DIR, logger);
    await source.start(async (raw, file) => {
      normalizeAlerts(raw);
      delivered.push(file);
    });
    expect(delivered).toEqual(files);
    expect(source.summary).toEqual({ files: files.length, delivered: files.length, skipped: [] });
  });

  it('logs a malformed or non-alert file with its name and goes on with the others', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-'));
    const demo = fs.readdirSync(BUNDLED_DEMO_DIR).filter((f) => f.endsWith('.json')).sort()[0]!;
    fs.copyFileSync(path.join(BUNDLED_DEMO_DIR, demo), path.join(dir, 'b-good.json'));
    fs.writeFileSync(path.join(dir, 'a-broken.json'), '{"properties": ');
    fs.writeFileSync(path.join(dir, 'c-not-an-alert.json'), '{"hello": "world"}');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not json, not read');
    const delivered: string[] = [];
    const source = new ReplayAlertSource(dir, logger);
    await source.start(async (raw, file) => {
      normalizeAlerts(raw); // throws InvalidAlertError for the non-alert
      delivered.push(file);
    });
    expect(delivered).toEqual(['b-good.json']);
    expect(source.summary.skipped.map((s) => s.file)).toEqual(['a-broken.json', 'c-not-an-alert.json']);
    expect(source.summary.skipped[0]!.reason).toMatch(/not valid JSON/);
    expect(logs.some((l) => l.level === 'warn' && l.msg.includes('c-not-an-alert.json'))).toBe(true);
  });

  it('says which directory it cannot read', async () => {
    const source = new ReplayAlertSource('/nonexistent/alerts', logger);
    await expect(source.start(async () => {})).rejects.toThrow(/\/nonexistent\/alerts: ENOENT \(check ALERT_REPLAY_DIR\)/);
  });
});
