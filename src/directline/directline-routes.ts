/**
 * The REST half of Direct Line 3.0 that the official client (botframework-directlinejs, inside Web Chat's
 * createDirectLine({ domain, token })) uses, under /v3/directline:
 *
 *   POST /conversations                        start (or rejoin) the token's conversation
 *                                              → 201/200 {conversationId, token, expires_in, streamUrl}
 *   GET  /conversations/:id?watermark=N        reconnect → 200, same shape (streamUrl resumes after N)
 *   POST /tokens/refresh                       → 200 {conversationId, token, expires_in}:
 *                                              a fresh token, same conversation
 *   POST /conversations/:id/activities         post an activity → 200 {id}, once the bot's replies are in the history
 *   GET  /conversations/:id/activities?watermark=N   poll → 200 {activities, watermark}
 *   POST /conversations/:id/upload             → 501 (attachments are not supported)
 *
 * Every call needs "Authorization: Bearer <token>" from POST /api/directline/token. The WebSocket stream at
 * streamUrl is in directline-stream.ts.
 */
import type { Next, Request, Response, Server } from 'restify';
import type { DirectLineConfig } from '../config';
import type { StatusTable } from '../knowledge/status-table';
import type { Logger } from '../logging';
import { userActivityFromClient } from './activity-mapping';
import type { ConversationStore } from './conversation-store';
import type { DirectLineChannel } from './directline-channel';
import type { DirectLineTokens, TokenClaims } from './directline-token';
import type { KeyedRateLimiter } from '../server/keyed-rate-limiter';
import { publicOrigin, webSocketOrigin } from './public-origin';
import { sendProblem, type DirectLineProblem } from './send-problem';
import { bearerToken, checkToken } from './token-guard';

export const DIRECT_LINE_BASE = '/v3/directline';

export interface ConversationResponse {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl: string;
}

export interface DirectLineRouteDeps {
  config: DirectLineConfig;
  tokens: DirectLineTokens;
  store: ConversationStore;
  channel: DirectLineChannel;
  /** Activities per conversation per minute (a token is scoped to one conversation, so this is per token too). */
  activityLimiter: KeyedRateLimiter;
  table: StatusTable;
  logger: Logger;
}

const UPLOAD_PATH = /^\/v3\/directline\/conversations\/[^/?]+\/upload(?:\?|$)/;

/**
 * Uploads are refused before restify's body parser would read (and spool to disk) a multipart body: a restify
 * `pre` handler, mounted ahead of the routes.
 */
export function refuseUploads(table: StatusTable) {
  return (req: Request, res: Response, next: Next) => {
    if (req.method !== 'POST' || !UPLOAD_PATH.test(req.url ?? '')) return next();
    res.setHeader('connection', 'close');
    sendProblem(table, req, res, {
      status: 501,
      code: 'NotSupported',
      detail:
        'This bot does not accept file uploads. Paste the text (a log excerpt, an error line) ' +
        'into the message instead.',
    });
    return next(false);
  };
}

/**
 * A POST without Content-Length or Transfer-Encoding has no body (RFC 9112 §6.3), but restify's body parser then
 * asks for a content type and answers 415. `curl -X POST …/api/directline/token` is a fair request: mark it empty.
 */
export function bodilessPostIsEmpty(req: Request, _res: Response, next: Next) {
  if (
    req.method === 'POST' &&
    req.headers['content-length'] === undefined &&
    req.headers['transfer-encoding'] === undefined
  )
    req.headers['content-length'] = '0';
  return next();
}

export function mountDirectLineRoutes(server: Server, deps: DirectLineRouteDeps): void {
  const { config, tokens, store, channel, activityLimiter, table, logger } = deps;
  const fail = (req: Request, res: Response, failure: DirectLineProblem) => sendProblem(table, req, res, failure);

  /** The token's claims, or undefined after answering with the problem. */
  const authorize = async (
    req: Request,
    res: Response,
    conversationId?: string,
  ): Promise<{ token: string; claims: TokenClaims } | undefined> => {
    const verdict = await checkToken(tokens, bearerToken(req.header('authorization')), conversationId);
    if (verdict.ok) return verdict;
    fail(req, res, verdict.problem);
    return undefined;
  };

  const conversationResponse = (
    req: Request,
    token: string,
    claims: TokenClaims,
    watermark?: string,
  ): ConversationResponse => {
    const query = `t=${encodeURIComponent(token)}${watermark ? `&watermark=${watermark}` : ''}`;
    return {
      conversationId: claims.conv,
      token,
      expires_in: tokens.secondsLeft(claims),
      streamUrl:
        `${webSocketOrigin(publicOrigin(req))}${DIRECT_LINE_BASE}` +
        `/conversations/${encodeURIComponent(claims.conv)}/stream?${query}`,
    };
  };

  server.post(`${DIRECT_LINE_BASE}/conversations`, async (req: Request, res: Response) => {
    const auth = await authorize(req, res);
    if (!auth) return;
    const { created } = store.open(auth.claims.conv);
    res.send(created ? 201 : 200, conversationResponse(req, auth.token, auth.claims));
  });

  server.get(`${DIRECT_LINE_BASE}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const auth = await authorize(req, res, String(req.params.conversationId));
    if (!auth) return;
    store.open(auth.claims.conv);
    res.send(200, conversationResponse(req, auth.token, auth.claims, watermarkParam(req)));
  });

  server.post(`${DIRECT_LINE_BASE}/tokens/refresh`, async (req: Request, res: Response) => {
    const auth = await authorize(req, res);
    if (!auth) return;
    const { conv, user, name } = auth.claims;
    const issued = await tokens.issue({ conversationId: conv, userId: user, userName: name });
    store.get(conv); // a client that refreshes is still there: keep its conversation
    res.setHeader('cache-control', 'no-store');
    res.send(200, { conversationId: conv, token: issued.token, expires_in: issued.expiresIn });
  });

  server.post(`${DIRECT_LINE_BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const auth = await authorize(req, res, String(req.params.conversationId));
    if (!auth) return;

    const rate = activityLimiter.take(auth.claims.conv);
    if (!rate.ok) {
      return fail(req, res, {
        status: 429,
        code: 'TooManyRequests',
        detail:
          `Too many messages in this conversation: at most ${activityLimiter.perMinute} a minute. ` +
          `Retry after ${rate.retryAfterSeconds} s.`,
        headers: { 'retry-after': String(rate.retryAfterSeconds) },
      });
    }

    const bytes = bodyBytes(req);
    if (bytes > config.maxActivityBytes) {
      const limitKb = Math.round(config.maxActivityBytes / 1024);
      return fail(req, res, {
        status: 413,
        code: 'MessageSizeTooBig',
        detail:
          `The activity is ${Math.ceil(bytes / 1024)} KB; the most this bot accepts is ${limitKb} KB. ` +
          'Paste only the relevant part (for a log, the lines around the failure).',
      });
    }

    const checked = userActivityFromClient(req.body, auth.claims, new Date());
    if (!checked.ok) return fail(req, res, { status: 400, code: 'BadArgument', detail: checked.detail });

    const { conversation } = store.open(auth.claims.conv);
    try {
      const { id } = await channel.post(conversation, checked.activity, `${publicOrigin(req)}${DIRECT_LINE_BASE}`);
      res.send(200, { id });
    } catch (err) {
      logger.error({ err, conversation: auth.claims.conv }, 'Direct Line turn failed');
      fail(req, res, {
        status: 500,
        code: 'ServiceError',
        detail: 'StatusBot could not answer this activity; the error has been logged. Try again.',
      });
    }
  });

  server.get(`${DIRECT_LINE_BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const auth = await authorize(req, res, String(req.params.conversationId));
    if (!auth) return;
    const { conversation } = store.open(auth.claims.conv);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('content-type', 'application/json');
    res.sendRaw(200, conversation.since(watermarkParam(req)).json);
  });
}

function watermarkParam(req: Request): string | undefined {
  const raw = (req.query as Record<string, unknown> | undefined)?.watermark;
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' && /^\d{1,15}$/.test(value) ? value : undefined;
}

/** The body's size as sent: Content-Length when given, else the text restify read. */
function bodyBytes(req: Request): number {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared >= 0) return declared;
  const raw = (req as Request & { rawBody?: unknown }).rawBody;
  return typeof raw === 'string' ? Buffer.byteLength(raw) : Buffer.isBuffer(raw) ? raw.length : 0;
}
