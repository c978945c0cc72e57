#!/usr/bin/env node
// `npm start`: installs npm packages if needed, builds if the sources changed, then runs the server in this
// process's place. DEP0111 is a deprecation inside restify's http-deceiver dependency that a user can do
// nothing about, so it is silenced for this process only.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { ensureDeps, root } = require('./ensure-deps');

ensureDeps();
const build = spawnSync(process.execPath, [join(root, 'scripts', 'ensure-built.js')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn(
  process.execPath,
  ['--disable-warning=DEP0111', join(root, 'dist', 'src', 'index.js'), ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
