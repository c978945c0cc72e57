/**
 * How far V8 may let the heap grow between full garbage collections (HEAP_GROWTH_PERCENT), set once at start.
 * Under load V8 picks about 4× what survived; StatusBot's live heap is small and bounded, so that headroom buys only
 * resident memory (measured: docs/performance.md, "Heap growth").
 */
import { setFlagsFromString } from 'node:v8';

/** `percent` = 100 lets the old generation grow to twice what survived; 0 leaves the factor to V8. */
export function applyHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0)
    throw new RangeError(`applyHeapGrowth: percent must be a whole number ≥ 0, got ${percent}.`);
  // V8 reads the flag at every collection: set before the app is built, it acts as if passed on the command line.
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
