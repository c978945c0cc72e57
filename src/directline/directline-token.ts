/**
 * Direct Line tokens issued by StatusBot itself: compact JWTs signed with HMAC-SHA256, each scoped to one
 * conversation and one user, and expiring. JWT because the official client and Web Chat read the `user` claim
 * from the token (jwt-decode) and then post as that user; nothing else about the format matters to them.
 *
 * ```ts
 * const tokens = new DirectLineTokens(secret, 1800);
 * const { token } = tokens.issue({ conversationId, userId: 'dl_x1' });
 * const check = tokens.verify(token); // { ok: true, claims } or { ok: false, reason }
 * ```
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

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
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export class DirectLineTokens {
  private readonly key: Buffer;

  constructor(
    secret: string,
    /** Lifetime of a new token, in seconds. */
    readonly ttlSeconds: number,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.key = Buffer.from(secret, 'utf8');
  }

  /** A new token for the conversation and user; `expiresIn` is its lifetime in seconds. */
  issue(subject: { conversationId: string; userId: string; userName?: string }): { token: string; expiresIn: number; claims: TokenClaims } {
    const now = this.nowMs() / 1000;
    const iat = Math.floor(now);
    // Rounded up: a token issued at 12.9 s with a 1 s lifetime must not expire at 13 s.
    const exp = Math.ceil(now + this.ttlSeconds);
    const claims: TokenClaims = { conv: subject.conversationId, user: subject.userId, ...(subject.userName ? { name: subject.userName } : {}), iat, exp };
    const payload = base64url(JSON.stringify({ iss: ISSUER, ...claims }));
    const body = `${HEADER}.${payload}`;
    return { token: `${body}.${this.sign(body)}`, expiresIn: this.ttlSeconds, claims };
  }

  /** Checks signature, shape and expiry. An expired token still says whom it was for (for error messages). */
  verify(token: string): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed' };
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };

    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const { iss, conv, user, name, iat, exp } = parsed;
    if (iss !== ISSUER || typeof conv !== 'string' || typeof user !== 'string' || typeof iat !== 'number' || typeof exp !== 'number') return { ok: false, reason: 'malformed' };
    const claims: TokenClaims = { conv, user, ...(typeof name === 'string' ? { name } : {}), iat, exp };
    if (exp * 1000 <= this.nowMs()) return { ok: false, reason: 'expired', claims };
    return { ok: true, claims };
  }

  /** Seconds until the token behind `claims` expires (never negative). */
  secondsLeft(claims: TokenClaims): number {
    return Math.max(0, claims.exp - Math.floor(this.nowMs() / 1000));
  }

  /** Milliseconds until the token behind `claims` expires (never negative). */
  millisecondsLeft(claims: TokenClaims): number {
    return Math.max(0, claims.exp * 1000 - this.nowMs());
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
