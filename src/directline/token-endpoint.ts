/**
 * POST /api/directline/token: what a web page calls first to talk to the bot.
 *
 * Self-hosted (default): a token signed by this server for a new conversation, and the Direct Line `domain` to use
 * it with (this server's /v3/directline). To continue a conversation (after a reload), send its `conversationId`
 * with its current token as "Authorization: Bearer <token>"; the id alone proves nothing and is refused.
 * Azure (DIRECT_LINE_SECRET set): a token from Azure Direct Line, exchanged server-side; `domain` is Azure's.
 *
 * Request body (optional): {"user": {"id": "…", "name": "…"}, "conversationId": "…"}.
 * Response: {"token", "conversationId", "expires_in", "domain", "userId"}. Both as schemas in token-schemas.ts.
 * Limited per client address (DIRECTLINE_TOKENS_PER_MINUTE) with 429 and Retry-After.
 */
import type { Request, Response, Server } from 'restify';
import type { DirectLineConfig } from '../config';
import type { StatusTable } from '../knowledge/status-table';
import type { Logger } from '../logging';
import { AzureTokenError, generateAzureToken } from './azure-token-exchange';
import { readInput } from '../server/api-input';
import { newConversationId, newUserId } from './directline-ids';
import type { DirectLineTokens } from './directline-token';
import type { KeyedRateLimiter } from '../server/keyed-rate-limiter';
import { addressKey, type ClientAddresses } from '../server/client-address';
import { publicOrigin } from './public-origin';
import { sendProblem, type DirectLineProblem } from './send-problem';
import { bearerToken, checkToken } from './token-guard';
import { tokenRequestSchema, type TokenResponse } from './token-schemas';

export type { TokenResponse };

export const TOKEN_PATH = '/api/directline/token';

export function mountTokenEndpoint(
  server: Server,
  deps: {
    config: DirectLineConfig;
    tokens: DirectLineTokens;
    limiter: KeyedRateLimiter;
    clients: ClientAddresses;
    table: StatusTable;
    logger: Logger;
  },
): void {
  const { config, tokens, limiter, clients, table, logger } = deps;

  server.post(TOKEN_PATH, async (req: Request, res: Response) => {
    const fail = (failure: DirectLineProblem) => sendProblem(table, req, res, failure);

    const verdict = limiter.take(addressKey(clients.of(req)));
    if (!verdict.ok) {
      return fail({
        status: 429,
        code: 'TooManyTokens',
        detail:
          `Too many token requests from this address: at most ${limiter.perMinute} a minute. ` +
          `Retry after ${verdict.retryAfterSeconds} s.`,
        headers: { 'retry-after': String(verdict.retryAfterSeconds) },
      });
    }

    const input = readInput(tokenRequestSchema, req.body);
    if (!input.ok) return fail({ status: 400, code: 'BadArgument', detail: input.detail });
    const parsed = input.data;
    const userName = parsed.user?.name || undefined;

    if (config.azure) {
      if (parsed.conversationId) {
        return fail({
          status: 400,
          code: 'BadArgument',
          detail:
            'With Azure Direct Line, continue a conversation by refreshing its token at {domain}/tokens/refresh; ' +
            'this endpoint only starts new ones.',
        });
      }
      const userId = parsed.user?.id ?? newUserId();
      try {
        const azure = await generateAzureToken(config.azure, { id: userId, name: userName });
        const body: TokenResponse = {
          token: azure.token,
          conversationId: azure.conversationId,
          expires_in: azure.expiresIn,
          domain: `${config.azure.endpoint}/v3/directline`,
          userId,
        };
        res.send(200, body);
      } catch (err) {
        if (!(err instanceof AzureTokenError)) throw err;
        logger.warn(
          { status: err.upstreamStatus, code: err.code, endpoint: config.azure.endpoint },
          'Azure Direct Line token request failed',
        );
        fail({ status: err.status, code: err.code, detail: err.detail });
      }
      return;
    }

    let subject: { conversationId: string; userId: string; userName?: string };
    if (parsed.conversationId) {
      // Continuing a conversation needs proof: a valid token for exactly that conversation.
      const check = await checkToken(tokens, bearerToken(req.header('authorization')), parsed.conversationId);
      if (!check.ok) {
        const detail =
          check.problem.code === 'MissingToken'
            ? `To continue conversation ${parsed.conversationId}, send its current token ` +
              'as "Authorization: Bearer <token>", or leave conversationId out to start a new conversation.'
            : `${check.problem.detail} To start a new conversation instead, leave conversationId out.`;
        return fail({ status: 403, code: check.problem.code, detail });
      }
      subject = { conversationId: check.claims.conv, userId: check.claims.user, userName: check.claims.name };
    } else {
      subject = { conversationId: newConversationId(), userId: parsed.user?.id ?? newUserId(), userName };
    }
    const issued = await tokens.issue(subject);
    const body: TokenResponse = {
      token: issued.token,
      conversationId: subject.conversationId,
      expires_in: issued.expiresIn,
      domain: `${publicOrigin(req)}/v3/directline`,
      userId: subject.userId,
    };
    res.setHeader('cache-control', 'no-store');
    res.send(200, body);
  });
}
