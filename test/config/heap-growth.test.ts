/**
 * applyHeapGrowth (HEAP_GROWTH_PERCENT) in a real Node process: a program with a fixed live set that keeps promoting
 * short-lived objects into the old generation, as a server under load does. The largest old space it reaches is
 * compared between V8 left to choose (0), StatusBot's default (100 %: up to twice what survived) and 50 %.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DEFAULT_HEAP_GROWTH_PERCENT } from '../../src/config';
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

it('holds the old generation well below what V8 lets it reach by its own choice, the more so the lower the percentage', () => {
  const v8Choice = largestOldSpaceMb(0);
  const byDefault = largestOldSpaceMb(DEFAULT_HEAP_GROWTH_PERCENT);
  const half = largestOldSpaceMb(50);
  // Measured on Node 20 with a live set of about 30 MB: 166 MB with V8's choice, 91 MB at 100 %, 72 MB at 50 %.
  expect(byDefault).toBeLessThan(v8Choice * 0.7);
  expect(half).toBeLessThan(byDefault);
  expect(half).toBeGreaterThan(30);
}, 30_000);

it('rejects a percentage that is not a whole number ≥ 0', () => {
  expect(() => applyHeapGrowth(-1)).toThrow('percent must be a whole number ≥ 0, got -1');
  expect(() => applyHeapGrowth(1.5)).toThrow(RangeError);
});
