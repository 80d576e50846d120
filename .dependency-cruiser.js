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
