/**
 * Direct Line tokens issued by StatusBot itself: compact JWTs signed with HMAC-SHA256 (jose), each scoped to one
 * conversation and one user, and expiring. JWT because the official client and Web Chat read the `user` claim
 * from the token (jwt-decode) and then post as that user; nothing else about the format matters to them.
 *
 * ```ts
 * const tokens = new DirectLineTokens(secret, 1800);
 * const { token } = await tokens.issue({ conversationId, userId: 'dl_x1' });
 * const check = await tokens.verify(token); // { ok: true, claims } or { ok: false, reason }
 * ```
 */
import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';

export interface TokenClaims {
  /** The conversation the token is for. */
  conv: string;
  /** The user the token speaks for; activities posted with it carry this id. */
  user: string;
  /** The user's display name, when the page gave one. */
  name?: string;
  /** Issued at and expiry, in seconds since the epoch. */
  iat: number;
  exp: number;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'malformed' | 'signature' }
  | { ok: false; reason: 'expired'; claims: TokenClaims };

const ISSUER = 'statusbot';
const ALGORITHM = 'HS256';

export class DirectLineTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    /** Lifetime of a new token, in seconds. */
    readonly ttlSeconds: number,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** A new token for the conversation and user; `expiresIn` is its lifetime in seconds. */
  async issue(subject: {
    conversationId: string;
    userId: string;
    userName?: string;
  }): Promise<{ token: string; expiresIn: number; claims: TokenClaims }> {
    const now = this.nowMs() / 1000;
    const iat = Math.floor(now);
    // Rounded up: a token issued at 12.9 s with a 1 s lifetime must not expire at 13 s.
    const exp = Math.ceil(now + this.ttlSeconds);
    const claims: TokenClaims = {
      conv: subject.conversationId,
      user: subject.userId,
      ...(subject.userName ? { name: subject.userName } : {}),
      iat,
      exp,
    };
    const token = await new SignJWT({ iss: ISSUER, ...claims })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .sign(this.key);
    return { token, expiresIn: this.ttlSeconds, claims };
  }

  /** Checks signature, shape and expiry. An expired token still says whom it was for (for error messages). */
  async verify(token: string): Promise<TokenCheck> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        typ: 'JWT',
        issuer: ISSUER,
        requiredClaims: ['iat', 'exp'],
        currentDate: new Date(this.nowMs()),
      }));
    } catch (err) {
      if (err instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'signature' };
      const claims = err instanceof errors.JWTExpired ? claimsOf(err.payload) : undefined;
      return claims ? { ok: false, reason: 'expired', claims } : { ok: false, reason: 'malformed' };
    }
    const claims = claimsOf(payload);
    return claims ? { ok: true, claims } : { ok: false, reason: 'malformed' };
  }

  /** Seconds until the token behind `claims` expires (never negative). */
  secondsLeft(claims: TokenClaims): number {
    return Math.max(0, claims.exp - Math.floor(this.nowMs() / 1000));
  }

  /** Milliseconds until the token behind `claims` expires (never negative). */
  millisecondsLeft(claims: TokenClaims): number {
    return Math.max(0, claims.exp * 1000 - this.nowMs());
  }
}

/** Our claims from a verified payload, or undefined when one is missing or of the wrong type. */
function claimsOf({ conv, user, name, iat, exp }: JWTPayload): TokenClaims | undefined {
  if (typeof conv !== 'string' || typeof user !== 'string' || typeof iat !== 'number' || typeof exp !== 'number')
    return undefined;
  return { conv, user, ...(typeof name === 'string' ? { name } : {}), iat, exp };
}
