/**
 * How far V8 may let the heap grow between full garbage collections, set once when the process starts.
 *
 * Why not V8's own choice: after each full collection V8 allows the old generation to grow by a factor it picks from
 * how fast the program promotes objects against how fast it can mark them. A chat server under load promotes a lot
 * (every request in flight survives a young-generation collection or two), so V8 picks its maximum, about 4× what
 * survived. StatusBot's live heap is small and bounded by design (the status table and its indexes, a state store
 * capped at STATE_MAX_CONVERSATIONS, fixed-size caches), so that headroom buys little but resident memory. Measured
 * with `npm run bench:memory` (100,000 messages over 10,000 conversations, 64 at a time), RSS at the end of the load:
 * about 310 MB with V8's choice, 212 MB at 2× (the default, 100 %) and 187 MB at 1.5× (50 %). The price is CPU for
 * more frequent full collections (V8 runs them incrementally, partly on a helper thread). StatusBot's throughput
 * against the echo bot's in `npm run bench:e2e` (medians of paired rounds, several runs on a shared two-core machine):
 * 1.02–1.09× at concurrency 16 and 0.91–1.04× at 64 with V8's choice; 0.81–0.97× and 0.76–0.93× at 100 %; 0.79–0.91×
 * at 16 with 50 %. So 100 % is where both figures stay near their targets (RSS ≤ 1.25×, throughput ≥ 0.9×).
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
