/**
 * applyHeapGrowth (HEAP_GROWTH_PERCENT): the value is checked before it reaches V8. What the setting does to the bot's
 * memory is measured by `npm run bench:memory` (docs/performance.md, "Heap growth"), not asserted here.
 */
import { applyHeapGrowth } from '../../src/heap-growth';

it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
  'rejects %p: a percentage must be a whole number ≥ 0',
  (percent) => {
    expect(() => applyHeapGrowth(percent)).toThrow(
      new RangeError(`applyHeapGrowth: percent must be a whole number ≥ 0, got ${percent}.`),
    );
  },
);

// 0 last: it gives the factor back to V8, as in any other jest worker.
it.each([100, 0])('accepts %p', (percent) => {
  expect(() => applyHeapGrowth(percent)).not.toThrow();
});
