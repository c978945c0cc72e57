#!/usr/bin/env node
// `npm test`: everything a fresh machine needs, then every check. Installs npm packages when missing, lints and
// type-checks, builds, and runs all jest suites. Ends with a "jest: N passed, N failed" line for CI.
'use strict';
const { spawnSync } = require('node:child_process');
const { readFileSync, mkdirSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const { ensureDeps, root } = require('./ensure-deps');

function step(title, command, args, options = {}) {
  console.log(`\n=== ${title}`);
  const run = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (run.status !== 0) {
    console.error(`\n${title} failed (exit ${run.status}).`);
    process.exit(run.status ?? 1);
  }
}

ensureDeps();
const bin = (name) => join(root, 'node_modules', '.bin', name);
step('Format (Prettier, as `npm run format` writes it)', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
step('Lint (ESLint, zero warnings)', bin('eslint'), ['--max-warnings', '0', '.']);
step('Type check (tsc --noEmit)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
step('Build', process.execPath, [join(root, 'scripts', 'ensure-built.js')]);
step('Data check', process.execPath, [join(root, 'dist', 'src', 'cli', 'validate-data.js')]);

// The browser tests (test/browser/) drive Debian's chromium; install it when missing (needs root and apt).
const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.log(
    `\n=== Chromium for the browser tests: ${CHROMIUM} is missing, installing Debian's chromium with apt-get`,
  );
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `Cannot install it from here (${isRoot ? 'no apt-get on this machine' : 'not running as root'}). Install it yourself, then run npm test again:\n  apt-get update && apt-get install -y chromium`,
    );
    process.exit(1);
  }
  const apt = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
  step('apt-get update', 'apt-get', ['update'], apt);
  step('apt-get install -y chromium', 'apt-get', ['install', '-y', 'chromium'], apt);
  if (!existsSync(CHROMIUM)) {
    console.error(
      `apt-get installed chromium but ${CHROMIUM} is still missing; install Debian's chromium package by hand.`,
    );
    process.exit(1);
  }
  console.log(`Installed ${CHROMIUM}.`);
}

const artifacts = join(root, 'test-artifacts');
if (!existsSync(artifacts)) mkdirSync(artifacts, { recursive: true });
const report = join(artifacts, 'jest-results.json');
console.log('\n=== Tests (jest)');
// restify 11 reads process.binding('http_parser') once per process (DEP0111); npm start silences it the same way.
const nodeOptions = [process.env.NODE_OPTIONS, '--disable-warning=DEP0111'].filter(Boolean).join(' ');
const jest = spawnSync(bin('jest'), ['--ci', '--json', `--outputFile=${report}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: nodeOptions },
});
let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
} catch {
  failed = Math.max(failed, 1);
}
console.log(`\njest: ${passed} passed, ${failed} failed`);
process.exit(jest.status === 0 && failed === 0 ? 0 : 1);
