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
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  // The closing line naming checks skipped for a missing system tool (test/corporate-dns/support/tools.ts).
  reporters: ['default', '<rootDir>/test/support/skipped-tools-reporter.js'],
  // jest's default leaves one of two cores idle; most suites wait on child processes and sockets.
  maxWorkers: '100%',
};
