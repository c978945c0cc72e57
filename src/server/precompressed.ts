/**
 * The web chat's files compressed ahead of time, Brotli (quality 11) and gzip (level 9), so no request ever waits for
 * a compressor. `scripts/ensure-built.js` (run by `npm start`, `npm test` and the benches) writes them once per file
 * content into dist/precompressed/, named by the file's SHA-256; the server reads them at start. A file whose
 * variants are not there (a checkout that was never built that way, a test's own public dir) is compressed at start,
 * off the event loop (zlib's thread pool); until its Brotli is ready it is sent gzipped.
 *
 * ```ts
 * const variants = await loadVariants(body, hash, cacheDir); // { br?: Buffer, gzip?: Buffer } as they become ready
 * chooseEncoding('gzip, deflate, br', ['br', 'gzip']);      // 'br'
 * ```
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Brotli before gzip when a client accepts both equally (about a third smaller for Web Chat's bundle). */
export const ENCODINGS: readonly Encoding[] = ['br', 'gzip'];

const EXTENSION: Record<Encoding, string> = { br: 'br', gzip: 'gz' };

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(body, { level: 9 });
  return brotliAsync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/** Where a file's variant is kept: by the SHA-256 (hex) of the uncompressed file. */
export function variantPath(cacheDir: string, hash: string, encoding: Encoding): string {
  return join(cacheDir, `${hash}.${EXTENSION[encoding]}`);
}

/** A file's variant from the cache, or undefined when it is not there. */
export function cachedVariant(cacheDir: string | undefined, hash: string, encoding: Encoding): Buffer | undefined {
  if (!cacheDir) return undefined;
  const path = variantPath(cacheDir, hash, encoding);
  return existsSync(path) ? readFileSync(path) : undefined;
}

/**
 * Writes the missing variants of these files into the cache and removes the ones no file needs any more.
 * Returns how many variants it wrote.
 */
export async function precompress(
  files: ReadonlyArray<{ body: Buffer; hash: string }>,
  cacheDir: string,
): Promise<number> {
  mkdirSync(cacheDir, { recursive: true });
  const wanted = new Set<string>();
  let written = 0;
  for (const file of files) {
    for (const encoding of ENCODINGS) {
      const path = variantPath(cacheDir, file.hash, encoding);
      wanted.add(path);
      if (existsSync(path)) continue;
      writeFileSync(path, await compress(file.body, encoding));
      written++;
    }
  }
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (!wanted.has(path) && !name.startsWith('.')) rmSync(path, { force: true });
  }
  return written;
}

/**
 * The encoding to send, from the request's Accept-Encoding (with q-values; `*` counts for what it does not name) and
 * the variants that are ready, most preferred first; null for the file as it is.
 */
export function chooseEncoding(acceptEncoding: string | undefined, ready: readonly Encoding[]): Encoding | null {
  const q = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    q.set(name.trim(), weight === undefined ? 1 : Number(weight));
  }
  const weightOf = (encoding: Encoding) => q.get(encoding) ?? q.get('*') ?? 0;
  let best: Encoding | null = null;
  for (const encoding of ENCODINGS) {
    if (!ready.includes(encoding) || !(weightOf(encoding) > 0)) continue;
    if (!best || weightOf(encoding) > weightOf(best)) best = encoding;
  }
  return best;
}
