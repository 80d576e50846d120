// The dependency rule that keeps the architecture honest: the domain is pure, use cases depend on
// ports only, and adapters do not reach into each other (the shared card renderer excepted).
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports nothing outside src/domain (no SDKs, no node built-ins with I/O).',
      severity: 'error',
      from: { path: '^src/domain' },
      to: { pathNot: '^src/domain' },
    },
    {
      name: 'app-depends-on-ports',
      comment: 'src/app may use src/domain and src/ports only: no adapters, no SDKs, no config.',
      severity: 'error',
      from: { path: '^src/app' },
      to: { pathNot: '^src/(domain|ports|app)' },
    },
    {
      name: 'ports-are-interfaces',
      severity: 'error',
      from: { path: '^src/ports' },
      to: { pathNot: '^src/(domain|ports)' },
    },
    {
      name: 'adapters-apart',
      comment: 'An adapter may use the shared card renderer, but not another platform adapter.',
      severity: 'error',
      from: { path: '^src/adapters/([^/]+)/' },
      to: { path: '^src/adapters/', pathNot: ['^src/adapters/$1/', '^src/adapters/(cards|shared|http|observability)/'] },
    },
    {
      name: 'entry-points-hand-over',
      comment:
        'Issue 19: an entry point decodes, dispatches and hands the result to the presenter (app/answer-intent.ts, app/present.ts); it decides nothing about who sees what, so it may not reach the dispatcher alone nor any other use-case module.',
      severity: 'error',
      from: { path: '^src/adapters/(slack/(button-click|slash-command)|teams/(teams-actions|teams-turn|teams-commands)|web/web-routes)[.]ts$' },
      to: { path: '^src/app/', pathNot: '^src/app/(answer-intent|present|deps|authorize)[.]ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.d\\.ts$' },
  },
};
