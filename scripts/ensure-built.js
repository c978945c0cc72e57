#!/usr/bin/env node
// Builds dist/ when any TypeScript source is newer than the last build, so `npm run ask`, `npm start` and the
// benchmarks work on a fresh clone and after an edit, without paying for a compile on every call (a stat walk of
// the sources takes about a millisecond; tsc takes seconds). Then compresses the web chat's files that changed
// (dist/precompressed/, src/cli/precompress.ts): once per content, so no request ever waits for a compressor.
'use strict';
const { readdirSync, statSync, existsSync, writeFileSync, mkdirSync, utimesSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.build-stamp');
const sourceDirs = ['src', 'dialogs', 'bench'];
const quiet = process.argv.includes('--quiet');

function newestMtime(dir, counts = (name) => name.endsWith('.ts')) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, counts));
    else if (counts(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sourcesChanged = Math.max(
  ...sourceDirs.map((d) => newestMtime(join(root, d))),
  statSync(join(root, 'tsconfig.json')).mtimeMs,
  statSync(join(root, 'tsconfig.build.json')).mtimeMs,
);
const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (builtAt < sourcesChanged) build();
precompress();

/** Runs src/cli/precompress.ts when a file in public/ (or the build) is newer than its last run. */
function precompress() {
  const done = join(root, 'dist', 'precompressed', '.stamp');
  const changed = Math.max(
    newestMtime(join(root, 'public'), () => true),
    statSync(stamp).mtimeMs,
  );
  if (existsSync(done) && statSync(done).mtimeMs >= changed) return;
  const startedAt = new Date();
  const run = spawnSync(
    process.execPath,
    [join(root, 'dist', 'src', 'cli', 'precompress.js'), ...(quiet ? ['--quiet'] : [])],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
  writeFileSync(done, new Date().toISOString() + '\n');
  utimesSync(done, startedAt, startedAt);
}

function build() {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) {
    console.error('dist/ is out of date and TypeScript is not installed: run `npm install` first.');
    process.exit(1);
  }
  if (!quiet) console.error('Building StatusBot (sources changed since the last build)…');
  // The stamp gets the time the build started: a source saved during the build is then newer and rebuilt next time.
  const startedAt = new Date();
  const run = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(stamp, new Date().toISOString() + '\n');
  utimesSync(stamp, startedAt, startedAt);
}
