/**
 * The Host check that stops DNS rebinding: a page on evil.example whose name is re-pointed at 127.0.0.1 reaches the
 * bot with `Host: evil.example`. Without credentials (and whenever ALLOWED_HOSTS is set) the server answers only to
 * IP addresses, localhost and the names ALLOWED_HOSTS lists; anything else is 421 Misdirected Request.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { Next, Request, Response } from 'restify';
import type { StatusTable } from '../knowledge/status-table';
import { PROBLEM_TYPE, problem } from './problem';

export function hostCheck(table: StatusTable, allowedHosts: string[]) {
  return (req: Request, res: Response, next: Next) => {
    const host = req.headers.host;
    if (host === undefined || isServedHost(hostName(host), allowedHosts)) return next();
    res.setHeader('content-type', PROBLEM_TYPE);
    res.send(
      421,
      problem(
        table,
        421,
        `This server does not answer to the host name "${hostName(host).slice(0, 100)}". ` +
          'Use its address or localhost, or add the name to ALLOWED_HOSTS.',
        {
          instance: req.url,
        },
      ),
    );
    return next(false);
  };
}

export function isServedHost(name: string, allowedHosts: string[]): boolean {
  if (isIPv4(name) || isIPv6(name) || name === 'localhost' || name.endsWith('.localhost')) return true;
  return allowedHosts.some((allowed) =>
    allowed.startsWith('*.') ? name.endsWith(allowed.slice(1)) : name === allowed,
  );
}

/** "Example.com:3978" → "example.com"; "[::1]:3978" → "::1". */
function hostName(host: string): string {
  const lower = host.trim().toLowerCase();
  if (lower.startsWith('[')) return lower.slice(1, lower.indexOf(']') === -1 ? undefined : lower.indexOf(']'));
  return lower.replace(/:\d*$/, '').replace(/\.$/, '');
}
