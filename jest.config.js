/** Transpile-only: type-checking is `npm run typecheck`, a separate step. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.[cm]?[tj]s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // jose and the WebAssembly Graphviz ship only ES modules: jest's CommonJS runtime loads them once
  // transformed like our code.
  transformIgnorePatterns: ['/node_modules/(?!(jose|@hpcc-js/wasm-graphviz)/)'],
  // The shipped landing zones, synthesized once for every test file that reads them.
  globalSetup: '<rootDir>/test/support/shared-synth-setup.ts',
  // cdktf's token creation stacks are left unmapped; jest's source-mapped traces were seconds per run.
  setupFilesAfterEnv: ['<rootDir>/test/support/unmapped-captures.ts'],
  // The closing line naming checks skipped for a missing system tool (test/corporate-dns/support/tools.ts).
  reporters: ['default', '<rootDir>/test/support/skipped-tools-reporter.js'],
  // jest's default leaves one of two cores idle; most suites wait on child processes and sockets.
  maxWorkers: '100%',
  // A timeout catches a hang, not slowness: jest's default of 5 s per test fails a synth test when
  // other work holds the cores. Speed is measured by the benchmark (npm run bench), not by tests.
  testTimeout: 60_000,
};
