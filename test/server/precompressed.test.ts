/**
 * Precompressed static files (src/server/precompressed.ts): which encoding a request gets from its Accept-Encoding,
 * and the cache the build writes (one Brotli and one gzip variant per file content, stale ones pruned).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding, precompress, variantPath } from '../../src/server/precompressed';

describe('chooseEncoding', () => {
  it.each([
    ['gzip, deflate, br', ['br', 'gzip'], 'br'],
    ['gzip, deflate, br, zstd', ['br', 'gzip'], 'br'],
    ['gzip, deflate', ['br', 'gzip'], 'gzip'],
    ['br;q=0, gzip', ['br', 'gzip'], 'gzip'],
    ['gzip;q=1.0, br;q=0.5', ['br', 'gzip'], 'gzip'],
    ['*', ['br', 'gzip'], 'br'],
    ['identity', ['br', 'gzip'], null],
    ['', ['br', 'gzip'], null],
    [undefined, ['br', 'gzip'], null],
    // Brotli is accepted but not made yet (compressing at start): gzip meanwhile.
    ['gzip, br', ['gzip'], 'gzip'],
    ['br', ['gzip'], null],
  ] as const)('%s with %j ready → %s', (header, ready, expected) => {
    expect(chooseEncoding(header, ready)).toBe(expected);
  });
});

describe('precompress', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'statusbot-precompressed-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (text: string, hash: string) => ({ body: Buffer.from(text.repeat(200)), hash });

  it('writes a Brotli and a gzip variant per file, once, and removes the ones no file needs', async () => {
    const a = file('alpha ', 'a'.repeat(64));
    const b = file('bravo ', 'b'.repeat(64));
    writeFileSync(join(dir, `${'c'.repeat(64)}.br`), 'stale');
    writeFileSync(join(dir, '.stamp'), 'kept');
    await expect(precompress([a, b], dir)).resolves.toBe(4);
    expect(readdirSync(dir).sort()).toEqual([
      '.stamp',
      `${'a'.repeat(64)}.br`,
      `${'a'.repeat(64)}.gz`,
      `${'b'.repeat(64)}.br`,
      `${'b'.repeat(64)}.gz`,
    ]);
    expect(brotliDecompressSync(readFileSync(variantPath(dir, a.hash, 'br')))).toEqual(a.body);
    expect(gunzipSync(readFileSync(variantPath(dir, b.hash, 'gzip')))).toEqual(b.body);
    // Already there: nothing to do.
    await expect(precompress([a, b], dir)).resolves.toBe(0);
    await expect(precompress([a], dir)).resolves.toBe(0);
    expect(existsSync(variantPath(dir, b.hash, 'br'))).toBe(false);
  });
});
