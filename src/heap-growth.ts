/**
 * How far V8 may let the heap grow between full garbage collections, set once when the process starts.
 *
 * Why not V8's own choice: after each full collection V8 allows the old generation to grow by a factor it picks from
 * how fast the program promotes objects against how fast it can mark them. A Bot Framework server under load promotes a
 * lot (botbuilder's generator-based async steps keep each turn's objects alive until a full collection; see
 * src/bot/state-property.ts), so V8 picks its maximum, about 4× what survived. StatusBot's live heap is small and
 * bounded by design (the status table and its indexes, a state store capped at STATE_MAX_CONVERSATIONS, fixed-size
 * caches), so that headroom buys little but resident memory. Measured with `npm run bench:memory` (100,000 messages
 * over 10,000 conversations, 64 at a time), RSS at the end of the load: about 295–310 MB with V8's choice, 208–212 MB
 * at 2× (the default, 100 %) and 187 MB at 1.5× (50 %). The price is CPU for more frequent full collections (V8 runs
 * them incrementally, partly on a helper thread); since StatusBot's turns leave half as much for them
 * (state-property.ts), it no longer shows in `npm run bench:e2e`: StatusBot's throughput against the echo bot's
 * (medians of paired rounds, two runs each on a shared two-core machine) is 1.02–1.08× at concurrency 16 and 1.01–1.07×
 * at 64 with the default, 0.96× and 0.99× with V8's choice. Before that change the default cost up to a fifth of the
 * throughput, and 50 % more.
 *
 * `--heap-growing-percent` is read at every collection, so setting it here, before the app is built, has the same
 * effect as passing it on the command line, and works however the process is started (npm start, node, a container).
 */
import { setFlagsFromString } from 'node:v8';

/** `percent` = 100 lets the old generation grow to twice what survived; 0 leaves the factor to V8. */
export function applyHeapGrowth(percent: number): void {
  if (!Number.isInteger(percent) || percent < 0) throw new RangeError(`applyHeapGrowth: percent must be a whole number ≥ 0, got ${percent}.`);
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
