/**
 * jose 6 ships only ES modules, which jest's CommonJS runtime cannot load. Importing this module
 * first in a test file makes every `import 'jose'` (in the test and in lambda-src) resolve to the
 * real package loaded by Node itself. It is still the real library, not a mock; errors it throws come
 * from another realm, so code must check `error.code`, never `instanceof`.
 */
jest.mock('jose', () => process.getBuiltinModule('node:module').createRequire(__filename)('jose'));

export {};
