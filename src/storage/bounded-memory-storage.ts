/**
 * The embedded conversation-state store: botbuilder's `MemoryStorage` semantics (JSON copies, eTags) with a size cap
 * and an idle timeout, because `MemoryStorage` keeps every conversation and user key for the life of the process.
 *
 * ```ts
 * const storage = new BoundedMemoryStorage({ maxItems: 10_000, ttlMs: 24 * 60 * 60 * 1000 });
 * const conversationState = new ConversationState(storage);
 * ```
 */
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { LRUCache } from 'lru-cache';

export interface BoundedMemoryStorageOptions {
  /** Most items kept; writing one more evicts the least recently used. Default 10,000. */
  maxItems?: number;
  /**
   * How long an item lives after it was last read or written, in milliseconds. Default 24 hours. Pass `Infinity` to
   * keep items until they are evicted by `maxItems` or deleted.
   */
  ttlMs?: number;
  /**
   * The clock, in milliseconds from any fixed origin; tests inject a fake one. It must never go backwards, which is
   * why the default is `performance.now()` rather than `Date.now()` (wall-clock time jumps when the system clock is
   * corrected).
   */
  now?: () => number;
}

/** Counters for metrics: how full the store is and why items left it. */
export interface BoundedMemoryStorageStats {
  /** Live (unexpired) items. */
  items: number;
  /** Items removed because the store was at `maxItems` (a sign that `maxItems` is too small for the traffic). */
  evictions: number;
  /** Items removed because nobody read or wrote them for `ttlMs` (normal end of a conversation). */
  expirations: number;
}

export const DEFAULT_MAX_ITEMS = 10_000;
export const DEFAULT_TTL_MS = 24 * 60 * 60 * 1000;

/** One stored item, kept as JSON so every read returns a fresh copy, as from a network store. */
interface Entry {
  readonly json: string;
  readonly eTag: string;
  expiresAt: number;
}

/**
 * An LRU cache (lru-cache) with an idle timeout that implements botbuilder's `Storage`. The timeout counts from the
 * last read or write, because ConversationState reads every turn but writes only on change (docs/performance.md).
 *
 * Differences from `MemoryStorage`, all deliberate:
 * - `delete` removes the key (MemoryStorage leaves `undefined` behind, so its key set only grows).
 * - A write with one stale eTag writes nothing (MemoryStorage writes the other items of the same call).
 * - An expired or evicted item reads as missing, exactly like an item that was never written; the bot then starts
 *   that conversation with fresh state.
 */
export class BoundedMemoryStorage implements Storage {
  readonly maxItems: number;
  readonly ttlMs: number;
  private readonly now: () => number;
  /** Least recently used first; every use also moves `expiresAt` on, so the expired ones are all at that end. */
  private readonly entries: LRUCache<string, Entry>;
  private nextETag = 1;
  private evictions = 0;
  private expirations = 0;

  constructor(options: BoundedMemoryStorageOptions = {}) {
    const { maxItems = DEFAULT_MAX_ITEMS, ttlMs = DEFAULT_TTL_MS, now = () => performance.now() } = options;
    if (!Number.isInteger(maxItems) || maxItems < 1) {
      throw new RangeError(`BoundedMemoryStorage: maxItems must be a whole number of at least 1, got ${maxItems}.`);
    }
    if (!(ttlMs > 0)) {
      throw new RangeError(
        'BoundedMemoryStorage: ttlMs must be a positive number of milliseconds ' +
          `(or Infinity for no expiry), got ${ttlMs}.`,
      );
    }
    this.maxItems = maxItems;
    this.ttlMs = ttlMs;
    this.now = now;
    this.entries = new LRUCache({
      max: maxItems,
      dispose: (_entry, _key, reason) => {
        if (reason === 'evict') this.evictions++;
      },
    });
  }

  /** Live items right now (expired ones are removed first, so the number is exact). */
  get size(): number {
    this.removeExpired(this.now());
    return this.entries.size;
  }

  stats(): BoundedMemoryStorageStats {
    return { items: this.size, evictions: this.evictions, expirations: this.expirations };
  }

  /** Returns copies of the live items among `keys`; missing, expired and deleted keys are left out. */
  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
    const now = this.now();
    this.removeExpired(now);
    const items: StoreItems = {};
    for (const key of keys) {
      const entry = this.liveEntry(key, now);
      if (entry === undefined) continue;
      this.entries.get(key); // marks it used
      entry.expiresAt = now + this.ttlMs;
      items[key] = JSON.parse(entry.json) as StoreItem;
    }
    return items;
  }

  /**
   * Stores copies of `changes`, each with a new eTag. An item whose eTag is set, is not `'*'` and differs from the
   * stored one is a conflict: the whole call is rejected and nothing is written, so the caller can re-read and retry.
   */
  async write(changes: StoreItems): Promise<void> {
    if (changes === null || typeof changes !== 'object') throw new ReferenceError('Changes are required when writing.');
    const now = this.now();
    this.removeExpired(now);

    // Check and serialise everything before changing anything, so a conflict or an unserialisable value leaves the
    // store as it was.
    const prepared: Array<[string, Entry]> = [];
    for (const [key, item] of Object.entries(changes) as Array<[string, unknown]>) {
      if (item === null || typeof item !== 'object') {
        throw new TypeError(
          `Storage: cannot write "${key}": the value must be an object, got ${item === null ? 'null' : typeof item}.`,
        );
      }
      const requested = (item as StoreItem).eTag;
      const stored = this.liveEntry(key, now);
      if (
        stored !== undefined &&
        requested !== undefined &&
        requested !== '' &&
        requested !== '*' &&
        requested !== stored.eTag
      ) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
      const eTag = String(this.nextETag++);
      const json = JSON.stringify({ ...item, eTag });
      prepared.push([key, { json, eTag, expiresAt: now + this.ttlMs }]);
    }

    // Rewritten keys leave first, so that only keys the store has no room for are evicted.
    for (const [key] of prepared) this.entries.delete(key);
    for (const [key, entry] of prepared) this.entries.set(key, entry);
  }

  /** Removes `keys`; missing keys are ignored. */
  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
    for (const key of keys) this.entries.delete(key);
  }

  /**
   * The entry for `key` unless it has expired. `removeExpired` normally got there first; this check only matters if
   * an injected clock went backwards and broke the expiry order, and even then nothing expired is ever served.
   */
  private liveEntry(key: string, now: number): Entry | undefined {
    const entry = this.entries.peek(key);
    if (entry === undefined || entry.expiresAt > now) return entry;
    this.entries.delete(key);
    this.expirations++;
    return undefined;
  }

  /** Drops expired entries from the least recently used end, stopping at the first live one. */
  private removeExpired(now: number): void {
    for (
      let oldest = this.oldestKey();
      oldest !== undefined && (this.entries.peek(oldest) as Entry).expiresAt <= now;
      oldest = this.oldestKey()
    ) {
      this.entries.delete(oldest);
      this.expirations++;
    }
  }

  private oldestKey(): string | undefined {
    return this.entries.rkeys().next().value ?? undefined;
  }
}
