#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx: no build step between a `git pull` and
// `npm start`, and `npx triage-bot` works right after `npm install`. tsx/cjs handles require();
// tsx/esm handles the dynamic import() of the lazily loaded commands (without it Node's own ESM
// resolver refuses extensionless .ts paths). Both share one module cache for our .ts files.
require('tsx/cjs');
import('tsx/esm')
  .then(() => require('../src/cli/main.ts').main(process.argv.slice(2)))
  .then(
    (code) => { if (typeof code === 'number') process.exitCode = code; },
    (err) => { process.stderr.write(`triage-bot: ${err && err.message ? err.message : err}\n`); process.exitCode = 1; },
  );
