/**
 * Per-client rate limiting (token bucket per IP): a client may burst up to its per-minute allowance, then gets
 * 429 Too Many Requests with Retry-After, as StatusBot's own 429 entry tells callers to expect. Buckets are kept
 * for at most MAX_CLIENTS addresses (oldest dropped first), so the limiter's memory is bounded too.
 */
import type { Next, Request, Response } from 'restify';
import type { StatusTable } from '../knowledge/status-table';
import { PROBLEM_TYPE, problem } from './problem';

const MAX_CLIENTS = 50_000;

interface Bucket {
  tokens: number;
  updated: number;
}

export function rateLimit(table: StatusTable, perMinute: number, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  const refillPerMs = perMinute / 60_000;
  return (req: Request, res: Response, next: Next) => {
    if (req.url?.startsWith('/healthz') || req.url?.startsWith('/readyz')) return next();
    const key = req.socket.remoteAddress ?? 'unknown';
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: perMinute, updated: t };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.updated) * refillPerMs);
    bucket.updated = t;
    buckets.delete(key);
    buckets.set(key, bucket);
    if (buckets.size > MAX_CLIENTS) buckets.delete(buckets.keys().next().value as string);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return next();
    }
    const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerMs / 1000));
    res.setHeader('retry-after', String(retryAfter));
    res.setHeader('content-type', PROBLEM_TYPE);
    res.send(429, problem(table, 429, `Too many requests from this address: at most ${perMinute} a minute. Retry after ${retryAfter} s.`, { instance: req.url }));
    return next(false);
  };
}
