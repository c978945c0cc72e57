/**
 * The HTTP server (restify) and what every route shares: timeouts and connection caps, the Host check, rate limits,
 * nosniff, HEAD wherever GET works, JSON bodies read strictly (json-body.ts), and errors as RFC 9457 problem details
 * whose titles come from StatusBot's own table. Routes are mounted by the composition root.
 */
import restify, { type Request, type Response, type Server } from 'restify';
import { redactSecrets } from '../knowledge/secrets';
import type { StatusTable } from '../knowledge/status-table';
import { clipped, type Logger } from '../logging';
import type { ClientAddresses } from './client-address';
import { limitConnections, type ConnectionLimits } from './connection-limits';
import { hostCheck } from './host-check';
import { BodyError, jsonBody } from './json-body';
import { PROBLEM_TYPE, problem } from './problem';
import { rateLimit } from './rate-limit';

export interface ServerOptions {
  table: StatusTable;
  logger: Logger;
  maxBodyBytes: number;
  rateLimitPerMinute: number;
  clients: ClientAddresses;
  connections: ConnectionLimits;
  /** Host names served besides IP addresses and localhost; undefined leaves the Host check off. */
  allowedHosts?: string[];
  /** Requests the per-address rate limit leaves alone because they are limited another way. */
  rateLimitExempt?: (req: Request) => boolean;
}

interface RestifyError extends Error {
  statusCode?: number;
  body?: { message?: string };
  toJSON?: () => unknown;
}

export function createServer(options: ServerOptions): Server {
  const { table, logger, maxBodyBytes, clients } = options;
  const server = restify.createServer({
    name: 'StatusBot',
    handleUncaughtExceptions: false,
    formatters: {
      [PROBLEM_TYPE]: (_req: Request, _res: Response, body: unknown) => JSON.stringify(body),
      'application/json': (_req: Request, _res: Response, body: unknown) => JSON.stringify(body),
      'text/html': (_req: Request, _res: Response, body: unknown) => String(body),
      'text/plain': (_req: Request, _res: Response, body: unknown) => String(body),
    },
  });
  limitConnections(server.server, options.connections, clients, table);
  server.pre((req: Request, res: Response, next: () => void) => {
    res.setHeader('x-content-type-options', 'nosniff');
    // Node already knows not to send a body for HEAD; routing it as GET gives HEAD wherever GET works.
    if (req.method === 'HEAD') req.method = 'GET';
    // The origin handed back in Direct Line URLs follows X-Forwarded-Host/-Proto only when a trusted proxy set them.
    if (!clients.viaTrustedProxy(req)) {
      delete req.headers['x-forwarded-host'];
      delete req.headers['x-forwarded-proto'];
    }
    next();
  });
  if (options.allowedHosts) server.pre(hostCheck(table, options.allowedHosts));
  server.pre(rateLimit(table, options.rateLimitPerMinute, clients, options.rateLimitExempt));
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(jsonBody({ maxBytes: maxBodyBytes }));

  // Every error restify raises (bad JSON, too large, unknown route, wrong method, unsupported media type)
  // leaves as problem+json with the status's current name as its title.
  server.on('restifyError', (req: Request, res: Response, err: RestifyError, callback: () => void) => {
    const status = err.statusCode ?? 500;
    const detail =
      status >= 500
        ? 'StatusBot could not handle this request; the error has been logged.'
        : describe(status, req, err, maxBodyBytes);
    if (status >= 500)
      logger.error({ err, url: clipped(redactSecrets(req.url ?? ''), 200), method: req.method }, 'request failed');
    const body = problem(table, status, detail, { instance: req.url });
    err.toJSON = () => body;
    res.setHeader('content-type', PROBLEM_TYPE);
    return callback();
  });
  return server;
}

function describe(status: number, req: Request, err: RestifyError, maxBodyBytes: number): string {
  switch (status) {
    case 400:
      return `The request body could not be read: ${err.body?.message ?? err.message}. Send valid JSON.`;
    case 404:
      return `There is nothing at ${req.method} ${req.url?.split('?')[0]}. The API lives under /api (see /api/codes).`;
    case 405:
      return `${req.method} is not supported here; the Allow header lists the methods this address accepts.`;
    case 413:
      return `The request body is larger than ${Math.round(maxBodyBytes / 1024)} KB, the most this server accepts.`;
    case 415:
      return err instanceof BodyError && err.message.startsWith('content encoding')
        ? `The ${err.message}.`
        : `Send the body as application/json (got ${(req.header('content-type') || 'no content type').slice(0, 80)}).`;
    default:
      return err.body?.message ?? err.message;
  }
}
