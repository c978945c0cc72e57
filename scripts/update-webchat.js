#!/usr/bin/env node
// Writes the vendored Web Chat (public/vendor/webchat.js), its licence notice and its SHA-256.
//
//   node scripts/update-webchat.js                      StatusBot's build: installs scripts/webchat-build's own packages
//                                                       (`npm ci`, exact versions, no install scripts) and bundles them
//   node scripts/update-webchat.js --official 4.18.1    the published bundle, as it is in the npm package's dist/
//
// Neither touches the project's own node_modules; CI never runs this: the result is committed.
'use strict';
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { mkdtempSync, readFileSync, writeFileSync, copyFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { tmpdir } = require('node:os');

const root = join(__dirname, '..');
const vendor = join(root, 'public', 'vendor');
const build = join(__dirname, 'webchat-build');

const run = (cmd, args, cwd) => {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

function official(version) {
  const work = mkdtempSync(join(tmpdir(), 'webchat-'));
  run('npm', ['pack', `botframework-webchat@${version}`], work);
  run(
    'tar',
    ['xzf', `botframework-webchat-${version}.tgz`, 'package/dist/webchat.js', 'package/dist/webchat.js.LICENSE.txt'],
    work,
  );
  copyFileSync(join(work, 'package', 'dist', 'webchat.js'), join(vendor, 'webchat.js'));
  copyFileSync(join(work, 'package', 'dist', 'webchat.js.LICENSE.txt'), join(vendor, 'webchat.js.LICENSE.txt'));
  rmSync(work, { recursive: true, force: true });
  return `the official Web Chat ${version} bundle`;
}

function ownBuild() {
  run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], build);
  run(process.execPath, [join(build, 'build.js'), vendor], root);
  return `StatusBot's build of Web Chat ${require(join(build, 'package.json')).dependencies['botframework-webchat']}`;
}

const args = process.argv.slice(2);
let what;
if (args.length === 0) what = ownBuild();
else if (args[0] === '--official' && /^\d+\.\d+\.\d+$/.test(args[1] ?? '') && args.length === 2)
  what = official(args[1]);
else {
  console.error(
    "Usage: node scripts/update-webchat.js                     (StatusBot's build, scripts/webchat-build)\n" +
      '       node scripts/update-webchat.js --official <version>  (the published bundle, for example 4.18.1)',
  );
  process.exit(2);
}
const sha = createHash('sha256')
  .update(readFileSync(join(vendor, 'webchat.js')))
  .digest('hex');
writeFileSync(join(vendor, 'webchat.sha256'), `${sha}\n`);
console.log(`Vendored ${what}: public/vendor/webchat.js (sha256 ${sha}). Say so in public/vendor/README.md.`);
