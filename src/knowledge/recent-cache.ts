/**
 * A small least-recently-used cache (lru-cache): at most `capacity` entries, the one used longest ago dropped first.
 * Counts its hits and misses, so the caller can report how well it works. A capacity of 0 keeps nothing.
 */
import { LRUCache } from 'lru-cache';

export class RecentCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>> {
  private readonly entries: LRUCache<K, V> | undefined;
  hits = 0;
  misses = 0;

  constructor(readonly capacity: number) {
    this.entries = capacity > 0 ? new LRUCache<K, V>({ max: capacity }) : undefined;
  }

  /** The cached value, or the one `make` returns (then cached, unless `keep` says no). */
  getOrAdd(key: K, make: () => V, keep: (value: V) => boolean = () => true): V {
    const cached = this.entries?.get(key);
    if (cached !== undefined) {
      this.hits++;
      return cached;
    }
    this.misses++;
    const value = make();
    if (keep(value)) this.entries?.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }
}
