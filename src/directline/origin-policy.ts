/**
 * Which web pages may use the bot's Direct Line: the bot's own origin always, plus ALLOWED_ORIGINS ('*' for any,
 * only when set explicitly). Requests without an Origin header come from outside a browser (curl, a server) and are
 * not a cross-origin concern; the token is what guards them.
 *
 * ```ts
 * const policy = new OriginPolicy(config.allowedOrigins);
 * policy.allows('https://status.example.com', req); // true when listed, or when it is the bot's own origin
 * ```
 */
import type { IncomingMessage } from 'node:http';
import type { AllowedOrigins } from '../config';

export class OriginPolicy {
  private readonly listed: ReadonlySet<string>;

  constructor(private readonly allowed: AllowedOrigins) {
    this.listed = new Set(allowed === '*' ? [] : allowed);
  }

  /** True when a page at `origin` may call the bot that `req` reached. */
  allows(origin: string, req: IncomingMessage): boolean {
    if (this.allowed === '*') return true;
    if (this.listed.has(origin)) return true;
    return isOwnOrigin(origin, req);
  }

  /** For error messages: what is allowed. */
  describe(): string {
    if (this.allowed === '*') return 'any origin';
    return ["the bot's own origin", ...this.listed].join(', ');
  }
}

/** The page is served by this very server: its host is the one the request was sent to (directly or via a proxy). */
function isOwnOrigin(origin: string, req: IncomingMessage): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file://) and garbage
  }
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  const candidates = new Set([url.host.toLowerCase(), `${url.hostname}:${url.port || defaultPort}`.toLowerCase()]);
  const hosts = [req.headers.host, firstValue(req.headers['x-forwarded-host'])].filter(
    (h): h is string => typeof h === 'string' && h !== '',
  );
  return hosts.some((h) => candidates.has(h.trim().toLowerCase()));
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(',')[0]?.trim();
}
