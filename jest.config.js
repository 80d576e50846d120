/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
    // ESM-only packages (jose via the Agents SDK, strip-bom via @microsoft/app-manifest); jest runs CommonJS.
    '^.+/node_modules/(jose|strip-bom)/.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|strip-bom)/)'],
  testTimeout: 30000,
  maxWorkers: 2,
  // Bolt's unacknowledged-request timer and socket-mode's reconnect timer outlive their tests; without
  // this a finished run can wait forever for them, and CI has a hard time limit.
  forceExit: true,
};
