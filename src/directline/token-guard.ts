/**
 * Checks the Direct Line token of a request: present, issued by this server, not expired, and (when the request
 * names a conversation) for that conversation. Failures say exactly what is wrong and how to get a working token;
 * they are 403 like Azure's, because the official client treats 403 as "token expired" and waits for a new one.
 */
import type { DirectLineProblem } from './send-problem';
import type { DirectLineTokens, TokenClaims } from './directline-token';

export const GET_A_TOKEN = 'Get a new token from POST /api/directline/token.';

export type TokenVerdict = { ok: true; token: string; claims: TokenClaims } | { ok: false; problem: DirectLineProblem };

/** The token from "Authorization: Bearer <token>" (or, for WebSockets, the `t` query parameter). */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

export async function checkToken(
  tokens: DirectLineTokens,
  token: string | undefined,
  conversationId?: string,
): Promise<TokenVerdict> {
  if (!token) {
    return {
      ok: false,
      problem: {
        status: 401,
        code: 'MissingToken',
        detail: `Send a Direct Line token as "Authorization: Bearer <token>". ${GET_A_TOKEN}`,
        headers: { 'www-authenticate': 'Bearer' },
      },
    };
  }
  const check = await tokens.verify(token);
  if (!check.ok) {
    if (check.reason === 'expired') {
      const at = new Date(check.claims.exp * 1000).toISOString();
      return {
        ok: false,
        problem: {
          status: 403,
          code: 'TokenExpired',
          detail:
            `The Direct Line token expired at ${at}. An expired token cannot be refreshed or used; ` +
            `${GET_A_TOKEN[0]?.toLowerCase()}${GET_A_TOKEN.slice(1)}`,
        },
      };
    }
    return {
      ok: false,
      problem: {
        status: 403,
        code: 'BadToken',
        detail:
          'The Direct Line token is not valid here: it was not issued by this server, ' +
          `or the server's DIRECTLINE_TOKEN_SECRET changed since. ${GET_A_TOKEN}`,
      },
    };
  }
  if (conversationId !== undefined && check.claims.conv !== conversationId) {
    return {
      ok: false,
      problem: {
        status: 403,
        code: 'WrongConversation',
        detail:
          'This token is for another conversation; ' +
          'a Direct Line token works only for the conversation it was issued for.',
      },
    };
  }
  return { ok: true, token, claims: check.claims };
}
