#!/usr/bin/env node
// Installs the npm packages when they are missing or older than package-lock.json, so `npm start` and `npm test`
// work on a fresh clone as the first command. Exported for scripts/start.js and scripts/test.js.
'use strict';
const { existsSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');

function ensureDeps() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  const fresh = !existsSync(join(root, 'node_modules'));
  console.error(fresh ? 'Installing npm packages (first run)…' : 'package-lock.json changed: updating npm packages…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, [fresh ? 'ci' : 'install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error('npm install failed; see the output above.');
    process.exit(run.status ?? 1);
  }
}

module.exports = { ensureDeps, root };
if (require.main === module) ensureDeps();
