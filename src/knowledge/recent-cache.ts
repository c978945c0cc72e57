/**
 * A small least-recently-used cache: at most `capacity` entries, the one used longest ago dropped first. Counts its
 * hits and misses, so the caller can report how well it works.
 *
 * Map keeps insertion order, so a hit is re-inserted at the end and the first key is the oldest. (For stores of
 * thousands of entries that churn, see BoundedMemoryStorage for why a linked list is used there instead; at a few
 * hundred entries the Map's rehashing keeps this cheap.)
 */
export class RecentCache<K, V> {
  private readonly entries = new Map<K, V>();
  hits = 0;
  misses = 0;

  constructor(readonly capacity: number) {}

  /** The cached value, or the one `make` returns (then cached, unless `keep` says no). */
  getOrAdd(key: K, make: () => V, keep: (value: V) => boolean = () => true): V {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    this.misses++;
    const value = make();
    if (!keep(value)) return value;
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
