import { Writable } from 'node:stream';
import { createLogger, maskTokens } from '../../../src/adapters/observability/logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ destination }) };
}

describe('logger', () => {
  it('redacts secrets wherever they sit in a log object', () => {
    const { lines, logger } = capture();
    logger.info({ config: { SLACK_BOT_TOKEN: 'xoxb-1-secret', TEAMS_APP_PASSWORD: 'pw' }, headers: { authorization: 'Bearer abc' } }, 'start');
    const out = lines.join('');
    expect(out).not.toContain('xoxb-1-secret');
    expect(out).not.toContain('"pw"');
    expect(out).not.toContain('Bearer abc');
    expect(out).toContain('[redacted]');
  });

  it('masks token-shaped strings inside messages and errors', () => {
    const { lines, logger } = capture();
    logger.error({ err: new Error('auth failed for xoxb-123-456-abcdef') }, 'slack said no to xapp-1-A0-zzz');
    const out = lines.join('');
    expect(out).not.toMatch(/xoxb-123-456-abcdef|xapp-1-A0-zzz/);
    expect(maskTokens('Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig')).not.toContain('eyJzdWIi');
  });
});
