import fs from 'node:fs';
import { CONFIG_DOC, configReference } from '../../scripts/config-reference';
import { configSchema } from '../../src/config/schema';

describe('configuration reference', () => {
  it('is up to date with the schema (run `npm run docs:config` after changing src/config/schema.ts)', () => {
    expect(fs.readFileSync(CONFIG_DOC, 'utf8')).toBe(configReference());
  });

  it('documents every variable', () => {
    const doc = configReference();
    for (const [name, schema] of Object.entries(configSchema.shape)) {
      expect(doc).toContain(`\`${name}\``);
      expect((schema as { description?: string }).description ?? '').not.toBe('');
    }
  });
});
