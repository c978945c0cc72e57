/**
 * Exchanges the Direct Line secret for a conversation token with Azure Direct Line, server-side, so the secret never
 * reaches a browser: POST {endpoint}/v3/directline/tokens/generate with "Authorization: Bearer <secret>" and the user
 * id in the body (Azure then rejects activities that claim another user). Failures are told apart the way a caller
 * can act on them: Azure said no or could not be reached (502 Bad Gateway), Azure was too slow (504 Gateway Timeout).
 * Neither the secret nor Azure's response body ever appears in an error.
 *
 * ```ts
 * const { token, conversationId, expiresIn } = await generateAzureToken(config.directLine.azure, { id: 'dl_x1' });
 * ```
 */

export interface AzureDirectLine {
  secret: string;
  /** e.g. https://directline.botframework.com, or a regional/private endpoint, without /v3/directline. */
  endpoint: string;
  timeoutMs: number;
}

export interface AzureToken {
  token: string;
  conversationId: string;
  expiresIn: number;
}

export class AzureTokenError extends Error {
  constructor(
    readonly status: 502 | 504,
    readonly code: string,
    /** Safe to show the caller: no secret, no upstream body. */
    readonly detail: string,
    /** For the log: Azure's HTTP status, when it answered. */
    readonly upstreamStatus?: number,
  ) {
    super(detail);
    this.name = 'AzureTokenError';
  }
}

/** Azure's own default token lifetime, used when its answer leaves expires_in out. */
const DEFAULT_EXPIRES_IN = 3600;

export async function generateAzureToken(
  azure: AzureDirectLine,
  user: { id: string; name?: string },
): Promise<AzureToken> {
  const url = `${azure.endpoint}/v3/directline/tokens/generate`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${azure.secret}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: JSON.stringify({ user: { id: user.id, ...(user.name ? { name: user.name } : {}) } }),
      signal: AbortSignal.timeout(azure.timeoutMs),
    });
  } catch (err) {
    if ((err as Error).name === 'TimeoutError') {
      throw new AzureTokenError(
        504,
        'UpstreamTimeout',
        `Azure Direct Line (${azure.endpoint}) did not answer the token request within ${azure.timeoutMs / 1000} s. ` +
          'Try again shortly.',
      );
    }
    throw new AzureTokenError(
      502,
      'UpstreamUnreachable',
      `Azure Direct Line (${azure.endpoint}) could not be reached for a token. Try again shortly.`,
    );
  }

  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const hint =
      res.status === 401 || res.status === 403
        ? " The bot's DIRECT_LINE_SECRET must be one of the secret keys of its Direct Line channel in the Azure portal."
        : ' Try again shortly.';
    throw new AzureTokenError(
      502,
      'UpstreamRefused',
      `Azure Direct Line refused the token request (HTTP ${res.status}).${hint}`,
      res.status,
    );
  }
  const { token, conversationId, expires_in: expiresIn } = (body ?? {}) as Record<string, unknown>;
  if (typeof token !== 'string' || !token || typeof conversationId !== 'string' || !conversationId) {
    throw new AzureTokenError(
      502,
      'UpstreamInvalid',
      'Azure Direct Line answered the token request without a token and conversation id.',
      res.status,
    );
  }
  return {
    token,
    conversationId,
    expiresIn: typeof expiresIn === 'number' && expiresIn > 0 ? expiresIn : DEFAULT_EXPIRES_IN,
  };
}
