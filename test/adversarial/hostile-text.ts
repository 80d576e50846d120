/**
 * Hostile text for the adversarial suite: every kind of string an attacker can put in an alert field
 * (Defender copies command lines, file names, account and host names from the machine).
 *
 * MARKER tags the hostile values, so an output check can tell alert text from the bot's own text:
 * alert text may only ever appear inside a KQL string literal, escaped in Slack, inert in markdown.
 */
import fc from 'fast-check';

export const MARKER = 'ZQX';

/** How many times more runs than the CI default (ADVERSARIAL_RUNS=20 for a long run). */
export const RUN_FACTOR = Math.max(1, Number(process.env.ADVERSARIAL_RUNS ?? 1) || 1);
/**
 * fast-check parameters: `ci` runs times RUN_FACTOR, and a short failure report (hostile values are
 * long; the full counterexample can be replayed from the seed and path printed here).
 */
export const runs = (ci: number): fc.Parameters<unknown> => ({
  numRuns: ci * RUN_FACTOR,
  reporter: (details) => {
    if (!details.failed) return;
    const example = JSON.stringify(details.counterexample, (_k, v: unknown) => (typeof v === 'string' && v.length > 120 ? `${v.slice(0, 120)}…(${v.length} chars)` : v));
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`property failed after ${details.numRuns} runs (seed ${details.seed}, path "${details.counterexamplePath}")\ncounterexample: ${example.slice(0, 3000)}\n${cause.slice(0, 3000)}`);
  },
});

/** Payloads that mean something to one of our outputs (Slack mrkdwn, markdown, templates, KQL, HTML). */
export const PAYLOADS = [
  '<!channel>',
  '<!here|here>',
  '<@U0123ABCD>',
  '<#C0123ABCD|general>',
  '<!subteam^S0123|@soc>',
  '<http://evil.example|Open the Azure portal>',
  '<https://evil.example>',
  '&lt;!channel&gt;',
  '&amp;',
  '[Open the portal](http://evil.example/login)',
  '![x](http://evil.example/p.png)',
  '<a href="http://evil.example">x</a>',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '[ref]: http://evil.example',
  '**bold** _em_ `code` ~~strike~~ *b*',
  '# heading',
  '> quote',
  '```\nfence\n```',
  "${concat('EVAL','ED')}",
  '${$root.alertId}',
  '${string(1+1)}',
  '{{template}}',
  "' | union * | take 1000000 //",
  "x' or 1==1 //",
  "\\'",
  '\\',
  "''",
  '"; drop table alerts; --',
  '/* comment */',
  '\u202eexe.txt',
  '\u2028\u2029',
  '\u0000\u0007\u001b[31m',
  '\ud800',
  '😀 日本語 naïve',
  '\r\n\t',
  'javascript:alert(1)',
  'http://203.0.113.45/update.exe',
  '198.51.100.23',
  'WEB-VM-01\\svc-backup',
  'user@contoso.example',
  '-EncodedCommand SQBFAFgA',
  '__proto__',
  'constructor',
];

/** A string made of payloads and random text, carrying the marker at both ends. */
export const hostileString: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PAYLOADS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((parts) => `${MARKER}${parts.join('')}${MARKER}`);

/** The marker between every character: any part of the value that escapes its literal carries a marker out. */
export const interleavedString: fc.Arbitrary<string> = fc
  .constantFrom(...PAYLOADS)
  .map((p) => `${MARKER}${[...p].join(MARKER)}${MARKER}`);

/** Long values, to hit every size limit. */
export const longString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...PAYLOADS), fc.integer({ min: 200, max: 6000 }))
  .map(([p, n]) => `${MARKER}${p.repeat(Math.ceil(n / Math.max(1, p.length))).slice(0, n)}${MARKER}`);

export const anyHostile: fc.Arbitrary<string> = fc.oneof({ weight: 6, arbitrary: hostileString }, { weight: 2, arbitrary: interleavedString }, { weight: 1, arbitrary: longString });
