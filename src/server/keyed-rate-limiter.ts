/**
 * A token bucket per key (a conversation, a client address): each key may burst up to `perMinute`, then gets one
 * more every 60/perMinute seconds. At most `maxKeys` buckets are kept (least recently used dropped, by lru-cache),
 * so memory is bounded whatever the keys are.
 *
 * ```ts
 * const limiter = new KeyedRateLimiter(30);
 * const verdict = limiter.take(conversationId);
 * if (!verdict.ok) res.setHeader('retry-after', String(verdict.retryAfterSeconds));
 * ```
 */
import { LRUCache } from 'lru-cache';

interface Bucket {
  tokens: number;
  updated: number;
}

export type RateVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export class KeyedRateLimiter {
  private readonly buckets: LRUCache<string, Bucket>;
  private readonly refillPerMs: number;

  constructor(
    readonly perMinute: number,
    maxKeys = 50_000,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.refillPerMs = perMinute / 60_000;
    this.buckets = new LRUCache({ max: maxKeys });
  }

  /** Takes one request's worth from the key's bucket, or says how long to wait for one. */
  take(key: string): RateVerdict {
    const t = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = { tokens: this.perMinute, updated: t }));
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (t - bucket.updated) * this.refillPerMs);
    bucket.updated = t;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1000)) };
  }
}
