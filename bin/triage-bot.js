#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx's require hook: no build step between a
// `git pull` and `npm start`, and `npx triage-bot` works right after `npm install`. Lazily loaded
// modules are `require`d, not `import()`ed, so tsx's slower ESM hooks are not needed at start.
require('tsx/cjs');
Promise.resolve()
  .then(() => require('../src/cli/main.ts').main(process.argv.slice(2)))
  .then(
    (code) => { if (typeof code === 'number') process.exitCode = code; },
    (err) => { process.stderr.write(`triage-bot: ${err && err.message ? err.message : err}\n`); process.exitCode = 1; },
  );
