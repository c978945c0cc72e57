/**
 * The vendored Web Chat (public/vendor/): `scripts/update-webchat.js` writes the bundle and its SHA-256 together, so
 * they must agree; an edit by hand to the bundle, or a bundle copied in without the script, shows here.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const vendor = join(__dirname, '..', '..', 'public', 'vendor');
const read = (name: string) => readFileSync(join(vendor, name));

describe('public/vendor/webchat.js', () => {
  it('has the SHA-256 recorded in webchat.sha256', () => {
    const recorded = read('webchat.sha256').toString('utf8').trim();
    expect(recorded).toMatch(/^[0-9a-f]{64}$/);
    expect(createHash('sha256').update(read('webchat.js')).digest('hex')).toBe(recorded);
  });
});
