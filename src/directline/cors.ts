/**
 * CORS for the Direct Line (/v3/directline/…) and token (/api/directline/…) endpoints, as a restify `pre` handler
 * so it runs before routing: preflight OPTIONS requests are answered here (restify has no OPTIONS routes), and a
 * request from a page whose origin is not allowed is refused with 403 before any work is done. Browsers enforce CORS on
 * their own; the 403 also stops simple requests (a form POST) that a browser would send without asking.
 */
import type { Next, Request, Response } from 'restify';
import type { StatusTable } from '../knowledge/status-table';
import type { OriginPolicy } from './origin-policy';
import { sendProblem } from './send-problem';

const METHODS = 'GET, POST, OPTIONS';
/** What the official client sends: Authorization and x-ms-bot-agent on every call, X-Requested-With from rxjs. */
const DEFAULT_HEADERS = 'Authorization, Content-Type, Accept, x-ms-bot-agent, X-Requested-With';
const PREFLIGHT_CACHE_SECONDS = '600';

export function isDirectLinePath(url: string | undefined): boolean {
  return !!url && (url.startsWith('/v3/directline/') || url === '/v3/directline' || url.startsWith('/api/directline/'));
}

export function directLineCors(policy: OriginPolicy, table: StatusTable) {
  return (req: Request, res: Response, next: Next) => {
    if (!isDirectLinePath(req.url)) return next();
    const origin = req.headers.origin;
    const preflight = req.method === 'OPTIONS';

    if (origin !== undefined) {
      if (!policy.allows(origin, req)) {
        sendProblem(table, req, res, {
          status: 403,
          code: 'OriginNotAllowed',
          detail:
            `Pages at ${origin.slice(0, 200)} may not use this bot's Direct Line (allowed: ${policy.describe()}). ` +
            "The bot's operator can add the origin to ALLOWED_ORIGINS.",
        });
        return next(false);
      }
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', 'Retry-After');
      res.setHeader('vary', 'Origin');
    }

    if (!preflight) return next();
    res.setHeader('allow', METHODS);
    if (origin !== undefined) {
      res.setHeader('access-control-allow-methods', METHODS);
      const requested = req.headers['access-control-request-headers'];
      // The origin is allowed, so whatever headers its page wants to send are fine; only well-formed names are echoed.
      res.setHeader(
        'access-control-allow-headers',
        typeof requested === 'string' && /^[\w-]+(?:\s*,\s*[\w-]+)*$/.test(requested.trim())
          ? requested.trim()
          : DEFAULT_HEADERS,
      );
      res.setHeader('access-control-max-age', PREFLIGHT_CACHE_SECONDS);
    }
    res.send(204);
    return next(false);
  };
}
