#!/usr/bin/env node
// Draws the Teams icons appPackage/color.png (192×192) and outline.png (32×32) from their sources
// appPackage/color.svg and outline.svg, in Debian's headless Chromium (/usr/bin/chromium) driven by playwright-core
// and pngjs (dev dependencies). Edit an SVG, run `node scripts/render-icons.js`, and commit both; test/browser/teams-icons.test.ts
// checks that each PNG is still what its SVG draws.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { PNG } = require('pngjs');

const APP_PACKAGE = join(__dirname, '..', 'appPackage');
const ICONS = [
  { name: 'color', size: 192 },
  { name: 'outline', size: 32 },
];

/** The PNG Chromium draws from `svg` at `size`×`size` pixels on a transparent background, as 8-bit RGBA (pngjs). */
async function renderSvg(browser, svg, size) {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  try {
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    const shot = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    // Chromium writes an opaque image as RGB; Teams' colour icon is RGBA like the outline one.
    return PNG.sync.write(PNG.sync.read(shot), { colorType: 6 });
  } finally {
    await page.close();
  }
}

async function main() {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    for (const { name, size } of ICONS) {
      const png = await renderSvg(browser, readFileSync(join(APP_PACKAGE, `${name}.svg`), 'utf8'), size);
      writeFileSync(join(APP_PACKAGE, `${name}.png`), png);
      console.log(`Wrote appPackage/${name}.png (${size}×${size}).`);
    }
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

module.exports = { ICONS, renderSvg };
