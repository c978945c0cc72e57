#!/usr/bin/env node
// Refreshes the vendored Web Chat bundle (public/vendor/webchat.js) from the npm registry: `npm pack` the given
// version into a temporary folder, extract only dist/webchat.js and its licence notice, record the SHA-256.
'use strict';
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { mkdtempSync, readFileSync, writeFileSync, copyFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { tmpdir } = require('node:os');

const version = process.argv[2];
if (!/^\d+\.\d+\.\d+$/.test(version ?? '')) {
  console.error('Usage: node scripts/update-webchat.js <version>   (for example 4.18.1)');
  process.exit(2);
}
const root = join(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'webchat-'));
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: work, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('npm', ['pack', `botframework-webchat@${version}`]);
run('tar', ['xzf', `botframework-webchat-${version}.tgz`, 'package/dist/webchat.js', 'package/dist/webchat.js.LICENSE.txt']);
const vendor = join(root, 'public', 'vendor');
copyFileSync(join(work, 'package', 'dist', 'webchat.js'), join(vendor, 'webchat.js'));
copyFileSync(join(work, 'package', 'dist', 'webchat.js.LICENSE.txt'), join(vendor, 'webchat.js.LICENSE.txt'));
const sha = createHash('sha256').update(readFileSync(join(vendor, 'webchat.js'))).digest('hex');
writeFileSync(join(vendor, 'webchat.sha256'), `${sha}\n`);
rmSync(work, { recursive: true, force: true });
console.log(`Web Chat ${version} vendored: public/vendor/webchat.js (sha256 ${sha}). Update the version in public/vendor/README.md.`);
