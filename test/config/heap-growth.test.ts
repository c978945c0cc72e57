/**
 * applyHeapGrowth (HEAP_GROWTH_PERCENT) in a real Node process: a program with a fixed live set that keeps promoting
 * short-lived objects into the old generation, as a server under load does. The largest old space it reaches is
 * compared with V8 left to choose (0) and with growth capped at 50 % (StatusBot's default).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { applyHeapGrowth } from '../../src/heap-growth';
import { ensureBuilt, ROOT } from '../support/bot-process';

/** Runs the load with `percent` in a fresh process and returns the largest old space it saw, in MB. */
function largestOldSpaceMb(percent: number): number {
  const program = `
    const v8 = require('node:v8');
    require(${JSON.stringify(join(ROOT, 'dist', 'src', 'heap-growth.js'))}).applyHeapGrowth(${percent});
    const oldSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space').space_size;
    const live = [];
    for (let i = 0; i < 150000; i++) live.push({ i, s: 'k' + i, a: [i, i] });
    // Each round replaces 100,000 objects that lived through the round: long enough to be promoted, then garbage.
    const ring = new Array(100000);
    let largest = 0;
    for (let round = 0; round < 30; round++) {
      for (let j = 0; j < ring.length; j++) ring[j] = { j, s: 'r' + j + round, a: [j, round, j] };
      largest = Math.max(largest, oldSpace());
    }
    console.log(JSON.stringify({ largest: largest / 1048576, live: live.length }));`;
  const run = spawnSync(process.execPath, ['-e', program], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the load program failed:\n${run.stderr}`);
  return (JSON.parse(run.stdout) as { largest: number }).largest;
}

beforeAll(() => ensureBuilt());

it('holds the old generation far below what V8 lets it reach by its own choice', () => {
  const v8Choice = largestOldSpaceMb(0);
  const capped = largestOldSpaceMb(50);
  // Measured on Node 20: about 165 MB with V8's choice and 72 MB at 50 % for a live set of about 30 MB.
  expect(capped).toBeLessThan(v8Choice * 0.6);
  expect(capped).toBeGreaterThan(30);
}, 30_000);

it('rejects a percentage that is not a whole number ≥ 0', () => {
  expect(() => applyHeapGrowth(-1)).toThrow('percent must be a whole number ≥ 0, got -1');
  expect(() => applyHeapGrowth(1.5)).toThrow(RangeError);
});
