/**
 * Compresses the web chat's files ahead of time (Brotli 11 and gzip 9, into dist/precompressed/; see
 * src/server/precompressed.ts). Run by scripts/ensure-built.js after every build check: a file is compressed once per
 * content (Web Chat's bundle takes about 12 s of Brotli), then only hashed. Prints what it did unless --quiet.
 */
import { join } from 'node:path';
import { readCommandLine } from './command-line';
import { precompress } from '../server/precompressed';
import { publicDirectory, publicFiles } from '../server/static-site';

const USAGE = `Usage: node dist/src/cli/precompress.js [--quiet]
  Compresses the web chat's files into dist/precompressed/ (scripts/ensure-built.js runs it after every build check).
  --quiet  print nothing unless something fails`;

async function main(): Promise<void> {
  const args = readCommandLine(USAGE, { options: { quiet: { type: 'boolean' } } });
  if (!args) return;
  const { quiet } = args.values;
  const cacheDir = join(publicDirectory(), '..', 'dist', 'precompressed');
  const files = [...publicFiles(publicDirectory()).values()].filter((f) => f.compressible);
  const started = Date.now();
  const written = await precompress(files, cacheDir);
  if (written && !quiet)
    console.error(
      `Compressed ${written} web chat file variants (Brotli, gzip) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
