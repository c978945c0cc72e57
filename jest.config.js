// Jest runs the TypeScript sources directly through SWC (about a second per file start); type errors are caught by
// `npm run lint` (tsc --noEmit), which `npm test` runs first.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
