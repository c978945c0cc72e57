// Three projects: `unit` (pure code, seconds per file: `npm run test:unit` for the inner loop), `integration` (a server
// in-process, the real process, Azurite, a CLI) and `browser` (Chromium). `npx jest` and `npm test` run all three.
// Jest runs the TypeScript sources directly through SWC (about a second per file start); type errors are caught by
// `npm run lint` (tsc --noEmit), which `npm test` runs first.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

/** Suites that start something (a server, a process, Azurite): listed here, every other test/ suite is a unit test. */
const INTEGRATION = [
  'test/e2e/',
  'test/security/',
  'test/server/conversation-e2e.test.ts',
  'test/server/metrics.test.ts',
  'test/server/openapi.test.ts',
  'test/server/rest-api.test.ts',
  'test/server/scale-out.test.ts',
  'test/server/storage-outage.test.ts',
  'test/server/understanding-e2e.test.ts',
  'test/directline/directline-azure.test.ts',
  'test/directline/directline-protocol.test.ts',
  'test/directline/directline-security.test.ts',
  'test/teams/teams-channel.test.ts',
  'test/teams/message-extension.test.ts',
  'test/teams/manifest.test.ts',
  'test/mcp/http-transport.test.ts',
  'test/mcp/stdio-transport.test.ts',
  'test/pages/code-pages.test.ts',
  'test/dialogs/turn-error.test.ts',
  'test/cli/ask.test.ts',
  'test/storage/blob-storage.test.ts',
];
const BROWSER = ['test/browser/'];

for (const path of [...INTEGRATION, ...BROWSER]) {
  if (!existsSync(join(__dirname, path))) throw new Error(`jest.config.js lists ${path}, which does not exist.`);
}
const pattern = (paths) => paths.map((p) => `<rootDir>/${p.replace(/\./g, '\\.')}`);

const common = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: pattern([...INTEGRATION, ...BROWSER]),
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: INTEGRATION.map((p) => `<rootDir>/${p}${p.endsWith('/') ? '**/*.test.ts' : ''}`),
    },
    { ...common, displayName: 'browser', testMatch: BROWSER.map((p) => `<rootDir>/${p}**/*.test.ts`) },
  ],
};
