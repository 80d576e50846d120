/** A bounded catalogue-style query named `name` (its `// name` first line is how the fake Log Analytics answers it). */
import type { KqlQuery } from '../../../src/ports/logs-query';

export const sampleKql = (name: string): KqlQuery => ({
  name,
  query: `// ${name}\nSecurityEvent | where TimeGenerated between (datetime(2026-11-26T01:16:04Z) .. datetime(2026-11-26T02:46:04Z)) | take 10`,
  timespan: { start: '2026-11-26T01:16:04.000Z', end: '2026-11-26T02:46:04.000Z' },
});
