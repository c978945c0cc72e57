/**
 * Per-client rate limiting (token bucket per client address, IPv6 by /64, read through trusted proxies): a client
 * may burst up to its per-minute allowance, then gets 429 Too Many Requests with Retry-After, as StatusBot's own 429
 * entry tells callers to expect. Buckets are kept for at most 50,000 addresses by default (least recently used
 * dropped first), so the limiter's memory is bounded too. Routes limited another way (per conversation) are exempt.
 */
import type { Next, Request, Response } from 'restify';
import type { StatusTable } from '../knowledge/status-table';
import { addressKey, type ClientAddresses } from './client-address';
import { KeyedRateLimiter } from './keyed-rate-limiter';
import { PROBLEM_TYPE, problem } from './problem';

export function rateLimit(
  table: StatusTable,
  perMinute: number,
  clients: ClientAddresses,
  exempt: (req: Request) => boolean = () => false,
) {
  const limiter = new KeyedRateLimiter(perMinute);
  return (req: Request, res: Response, next: Next) => {
    if (req.url?.startsWith('/healthz') || req.url?.startsWith('/readyz') || exempt(req)) return next();
    const verdict = limiter.take(addressKey(clients.of(req)));
    if (verdict.ok) return next();
    const retryAfter = verdict.retryAfterSeconds;
    res.setHeader('retry-after', String(retryAfter));
    res.setHeader('connection', 'close'); // a throttled client does not get its body read
    res.setHeader('content-type', PROBLEM_TYPE);
    res.send(
      429,
      problem(
        table,
        429,
        `Too many requests from this address: at most ${perMinute} a minute. Retry after ${retryAfter} s.`,
        { instance: req.url },
      ),
    );
    return next(false);
  };
}
