#!/usr/bin/env node
// Draws StatusBot's Teams icons into appPackage/: color.png (192×192, full colour) and outline.png (32×32, white on
// transparent), as Teams asks for them. The mark is a speech bubble saying "5xx" with a status dot at its corner:
// a chat about HTTP statuses. No image assets or libraries: the shapes are sampled here and written as PNG with
// node:zlib, so the icons can be changed by editing this file and running `node scripts/make-icons.js`.
'use strict';
const { Buffer } = require('node:buffer');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { crc32: zlibCrc32, deflateSync } = require('node:zlib');

const OUT_DIR = join(__dirname, '..', 'appPackage');

/** appPackage/manifest.json's accentColor is the same colour, so the icon sits on a matching background. */
const ACCENT = [0x1b, 0x5e, 0x7a];
const WHITE = [0xff, 0xff, 0xff];
const AMBER = [0xf5, 0xa6, 0x23];

// === Shapes, in the icon's own pixel units (x right, y down)

const inRoundedRect = (x, y, { x0, y0, x1, y1, r }) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

const inCircle = (x, y, { cx, cy, r }) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const inTriangle = (x, y, [a, b, c]) => {
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};

/** Block glyphs: "#" is a filled cell. 5×7 for the large icon, 3×5 for the small one. */
const FONT_5x7 = {
  5: ['#####', '#....', '####.', '....#', '....#', '#...#', '.###.'],
  x: ['.....', '.....', '#...#', '.#.#.', '..#..', '.#.#.', '#...#'],
};
const FONT_3x5 = {
  5: ['###', '#..', '###', '..#', '###'],
  x: ['...', '...', '#.#', '.#.', '#.#'],
};

/** True when (x, y) falls in a filled cell of `text` drawn at (left, top) with square cells of `cell` pixels, glyphs `gap` cells apart. */
function inText(x, y, text, font, { left, top, cell, gap = 1 }) {
  const width = font[text[0]][0].length;
  const col = Math.floor((x - left) / cell);
  const row = Math.floor((y - top) / cell);
  const glyphIndex = Math.floor(col / (width + gap));
  const inGlyph = col - glyphIndex * (width + gap);
  if (x < left || y < top || glyphIndex >= text.length || inGlyph >= width) return false;
  const rows = font[text[glyphIndex]];
  return row < rows.length && rows[row][inGlyph] === '#';
}

// === The two icons, as "which colour is at (x, y)" (null: transparent)

/** 192×192: a white bubble on the accent colour, "5xx" in the accent colour, an amber dot cut into the corner. */
function colorIcon(x, y) {
  const dot = { cx: 154, cy: 46, r: 19 };
  if (inCircle(x, y, dot)) return AMBER;
  if (inCircle(x, y, { ...dot, r: dot.r + 9 })) return ACCENT;
  const bubble = inRoundedRect(x, y, { x0: 28, y0: 44, x1: 164, y1: 134, r: 24 }) || inTriangle(x, y, [[50, 126], [94, 126], [40, 164]]);
  if (!bubble) return ACCENT;
  return inText(x, y, '5xx', FONT_5x7, { left: 45, top: 68, cell: 6 }) ? ACCENT : WHITE;
}

/** 32×32: the same mark as a white outline (Teams tints it): a 2-pixel bubble, a solid tail, the dot and "5xx". */
function outlineIcon(x, y) {
  const dot = { cx: 27, cy: 5, r: 4 };
  if (inCircle(x, y, dot)) return WHITE;
  if (inCircle(x, y, { ...dot, r: dot.r + 2 })) return null;
  const ring = inRoundedRect(x, y, { x0: 1, y0: 7, x1: 30, y1: 24, r: 5 }) && !inRoundedRect(x, y, { x0: 3, y0: 9, x1: 28, y1: 22, r: 3 });
  const tail = inTriangle(x, y, [[6, 23], [13, 23], [5, 30]]);
  if (ring || tail) return WHITE;
  return inText(x, y, '5xx', FONT_3x5, { left: 9, top: 13, cell: 1, gap: 2 }) ? WHITE : null;
}

// === Rendering: supersampled, so curves are smooth in the large icon

/**
 * RGBA pixels of an icon. Each pixel averages SAMPLES×SAMPLES points. With `crisp`, a pixel is either fully white or
 * fully transparent (the small icon is pixel art; Teams recolours it and half-transparent edges look blurred).
 */
function render(size, shade, { crisp = false } = {}) {
  const SAMPLES = 4;
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = shade(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const at = (py * size + px) * 4;
      const coverage = covered / (SAMPLES * SAMPLES);
      if (crisp) {
        const on = coverage >= 0.5;
        pixels.set(on ? [255, 255, 255, 255] : [0, 0, 0, 0], at);
      } else if (covered) {
        pixels.set([Math.round(r / covered), Math.round(g / covered), Math.round(b / covered), Math.round(coverage * 255)], at);
      }
    }
  }
  return pixels;
}

// === PNG (RGBA, 8 bits per channel, no interlace)

// CRC-32 as PNG and ZIP define it, from node:zlib (Node 20.15 and later).
const crc32 = (bytes) => zlibCrc32(bytes);

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, adaptive filtering, no interlace
  // Each scanline starts with its filter type; 0 (none) keeps the encoder trivial, and deflate does the rest.
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  writeFileSync(join(OUT_DIR, 'color.png'), encodePng(192, render(192, colorIcon)));
  writeFileSync(join(OUT_DIR, 'outline.png'), encodePng(32, render(32, outlineIcon, { crisp: true })));
  console.log(`Wrote ${join(OUT_DIR, 'color.png')} (192×192) and ${join(OUT_DIR, 'outline.png')} (32×32).`);
}

module.exports = { encodePng, render, colorIcon, outlineIcon };
