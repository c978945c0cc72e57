/**
 * The Teams icons are drawn from their SVG sources (appPackage/*.svg) by scripts/render-icons.js in real Chromium:
 * each committed PNG must still be what its SVG draws, so editing one without the other fails here. Another
 * Chromium may smooth edges a little differently, hence a small tolerance; a changed shape or colour exceeds it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { BROWSER_TIMEOUT_MS, launchChromium } from '../support/chromium';

jest.setTimeout(BROWSER_TIMEOUT_MS);

interface RenderScript {
  ICONS: Array<{ name: string; size: number }>;
  renderSvg(browser: Browser, svg: string, size: number): Promise<Buffer>;
}
const script = jest.requireActual<RenderScript>('../../scripts/render-icons.js');
const APP_PACKAGE = join(__dirname, '..', '..', 'appPackage');

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Pixels whose largest channel difference (alpha included) is over `threshold`. */
function differing(a: PNG, b: PNG, threshold: number): number {
  let count = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    const delta = Math.max(...[0, 1, 2, 3].map((k) => Math.abs((a.data[i + k] as number) - (b.data[i + k] as number))));
    if (delta > threshold) count++;
  }
  return count;
}

const render = async (svg: string, size: number) => PNG.sync.read(await script.renderSvg(browser, svg, size));

test.each(script.ICONS)('the $name icon: its PNG is what its SVG draws at $size×$size', async ({ name, size }) => {
  const committed = PNG.sync.read(readFileSync(join(APP_PACKAGE, `${name}.png`)));
  const svg = readFileSync(join(APP_PACKAGE, `${name}.svg`), 'utf8');
  const drawn = await render(svg, size);
  expect([committed.width, committed.height, committed.colorType]).toEqual([size, size, 6]);
  expect([drawn.width, drawn.height]).toEqual([size, size]);
  expect(differing(committed, drawn, 64)).toBeLessThanOrEqual(size * size * 0.002);

  // The check is real: the same drawing with its accent colour or one shape moved fails it.
  const recoloured = await render(svg.replaceAll(/#1b5e7a/gi, '#7a1b5e').replaceAll('#ffffff', '#ffff00'), size);
  expect(differing(committed, recoloured, 64)).toBeGreaterThan(size * size * 0.05);
  const moved = await render(svg.replace('<circle cx="', '<circle cx="1'), size);
  expect(differing(committed, moved, 64)).toBeGreaterThan(size * size * 0.002);
});
