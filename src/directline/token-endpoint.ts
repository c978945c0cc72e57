/**
 * POST /api/directline/token: what a web page calls first to talk to the bot.
 *
 * Self-hosted (default): a token signed by this server for a new conversation, and the Direct Line `domain` to use
 * it with (this server's /v3/directline). To continue a conversation (after a reload), send its `conversationId`
 * with its current token as "Authorization: Bearer <token>"; the id alone proves nothing and is refused.
 * Azure (DIRECT_LINE_SECRET set): a token from Azure Direct Line, exchanged server-side; `domain` is Azure's.
 *
 * Request body (optional): {"user": {"id": "…", "name": "…"}, "conversationId": "…"}.
 * Response: {"token", "conversationId", "expires_in", "domain", "userId"}.
 * Limited per client address (DIRECTLINE_TOKENS_PER_MINUTE) with 429 and Retry-After.
 */
import type { Request, Response, Server } from 'restify';
import type { DirectLineConfig } from '../config';
import type { StatusTable } from '../knowledge/status-table';
import type { Logger } from '../logging';
import { AzureTokenError, generateAzureToken } from './azure-token-exchange';
import { isConversationId, isUserId, newConversationId, newUserId } from './directline-ids';
import type { DirectLineTokens } from './directline-token';
import type { KeyedRateLimiter } from '../server/keyed-rate-limiter';
import { addressKey, type ClientAddresses } from '../server/client-address';
import { publicOrigin } from './public-origin';
import { sendProblem, type DirectLineProblem } from './send-problem';
import { bearerToken, checkToken } from './token-guard';

export const TOKEN_PATH = '/api/directline/token';

export interface TokenResponse {
  token: string;
  conversationId: string;
  /** Seconds until the token expires. */
  expires_in: number;
  /** The Direct Line base URL to pass to createDirectLine({ domain, token }). */
  domain: string;
  /** The user the token speaks for (Web Chat reads it from the token too). */
  userId: string;
}

interface TokenRequest {
  user?: { id?: string; name?: string };
  conversationId?: string;
}

export function mountTokenEndpoint(
  server: Server,
  deps: { config: DirectLineConfig; tokens: DirectLineTokens; limiter: KeyedRateLimiter; clients: ClientAddresses; table: StatusTable; logger: Logger },
): void {
  const { config, tokens, limiter, clients, table, logger } = deps;

  server.post(TOKEN_PATH, async (req: Request, res: Response) => {
    const fail = (failure: DirectLineProblem) => sendProblem(table, req, res, failure);

    const verdict = limiter.take(addressKey(clients.of(req)));
    if (!verdict.ok) {
      return fail({
        status: 429,
        code: 'TooManyTokens',
        detail: `Too many token requests from this address: at most ${limiter.perMinute} a minute. Retry after ${verdict.retryAfterSeconds} s.`,
        headers: { 'retry-after': String(verdict.retryAfterSeconds) },
      });
    }

    const parsed = parseTokenRequest(req.body);
    if (typeof parsed === 'string') return fail({ status: 400, code: 'BadArgument', detail: parsed });
    const userName = parsed.user?.name;

    if (config.azure) {
      if (parsed.conversationId) {
        return fail({ status: 400, code: 'BadArgument', detail: 'With Azure Direct Line, continue a conversation by refreshing its token at {domain}/tokens/refresh; this endpoint only starts new ones.' });
      }
      const userId = parsed.user?.id ?? newUserId();
      try {
        const azure = await generateAzureToken(config.azure, { id: userId, name: userName });
        const body: TokenResponse = { token: azure.token, conversationId: azure.conversationId, expires_in: azure.expiresIn, domain: `${config.azure.endpoint}/v3/directline`, userId };
        res.send(200, body);
      } catch (err) {
        if (!(err instanceof AzureTokenError)) throw err;
        logger.warn({ status: err.upstreamStatus, code: err.code, endpoint: config.azure.endpoint }, 'Azure Direct Line token request failed');
        fail({ status: err.status, code: err.code, detail: err.detail });
      }
      return;
    }

    let subject: { conversationId: string; userId: string; userName?: string };
    if (parsed.conversationId) {
      // Continuing a conversation needs proof: a valid token for exactly that conversation.
      const check = checkToken(tokens, bearerToken(req.header('authorization')), parsed.conversationId);
      if (!check.ok) {
        const detail =
          check.problem.code === 'MissingToken'
            ? `To continue conversation ${parsed.conversationId}, send its current token as "Authorization: Bearer <token>", or leave conversationId out to start a new conversation.`
            : `${check.problem.detail} To start a new conversation instead, leave conversationId out.`;
        return fail({ status: 403, code: check.problem.code, detail });
      }
      subject = { conversationId: check.claims.conv, userId: check.claims.user, userName: check.claims.name };
    } else {
      subject = { conversationId: newConversationId(), userId: parsed.user?.id ?? newUserId(), userName };
    }
    const issued = tokens.issue(subject);
    const body: TokenResponse = { token: issued.token, conversationId: subject.conversationId, expires_in: issued.expiresIn, domain: `${publicOrigin(req)}/v3/directline`, userId: subject.userId };
    res.setHeader('cache-control', 'no-store');
    res.send(200, body);
  });
}

/** The request body, checked; a string is the reason it was refused. */
function parseTokenRequest(body: unknown): TokenRequest | string {
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body)) return 'Send no body, or a JSON object such as {"user": {"id": "visitor-42", "name": "Ada"}}.';
  const { user, conversationId } = body as Record<string, unknown>;
  const request: TokenRequest = {};
  if (user !== undefined) {
    if (!user || typeof user !== 'object' || Array.isArray(user)) return '"user" must be an object such as {"id": "visitor-42", "name": "Ada"}.';
    const { id, name } = user as Record<string, unknown>;
    if (id !== undefined && !isUserId(id)) return '"user.id" must be 1–64 letters, digits or . _ : @ - characters.';
    if (name !== undefined && (typeof name !== 'string' || name.length > 64)) return '"user.name" must be a string of at most 64 characters.';
    request.user = { ...(id !== undefined ? { id: id as string } : {}), ...(name ? { name: name as string } : {}) };
  }
  if (conversationId !== undefined) {
    if (!isConversationId(conversationId)) return '"conversationId" must be the id of a conversation this server started (as returned with its token).';
    request.conversationId = conversationId;
  }
  return request;
}
