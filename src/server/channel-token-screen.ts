/**
 * What can be told about a Bot Framework token without its signing keys, checked before the adapter fetches them:
 * three base64url parts, a JSON header and payload, `alg` RS256 (what Bot Framework and Azure AD sign with), a key
 * id, an issuer this bot trusts, and an expiry not yet past (with the SDK's five minutes of clock tolerance). A
 * token that fails any of these is refused with 401 at once, so forged tokens cost no key fetch, and no issuer from
 * a request body reaches the SDK's own issuer list (which grows by four entries for every tenant id it sees).
 *
 * ```ts
 * const screen = new ChannelTokenScreen(trustedIssuers(config.microsoftAppTenantId));
 * const verdict = screen.check(req.header('authorization') ?? '');
 * if (!verdict.ok) logger.warn({ reason: verdict.reason }, 'rejected');
 * ```
 */
import { AuthenticationConstants, ToBotFromBotOrEmulatorTokenValidationParameters } from 'botframework-connector';

export type ScreenVerdict = { ok: true; issuer: string } | { ok: false; reason: string };

/** The SDK's clockTolerance for channel and emulator tokens. */
const CLOCK_TOLERANCE_SECONDS = 5 * 60;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The issuers the SDK accepts for this bot: the channels' (Bot Framework), the Emulator's and skills' fixed list,
 * and, with a tenant id, that tenant's Azure AD issuers (SingleTenant bots and their Emulator).
 */
export function trustedIssuers(tenantId: string): Set<string> {
  const fixed = ToBotFromBotOrEmulatorTokenValidationParameters.issuer;
  const issuers = new Set<string>([
    AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ...(Array.isArray(fixed) ? fixed : fixed ? [fixed] : []),
  ]);
  if (tenantId) {
    issuers.add(`${AuthenticationConstants.ValidTokenIssuerUrlTemplateV1}${tenantId}/`);
    issuers.add(`${AuthenticationConstants.ValidTokenIssuerUrlTemplateV2}${tenantId}/v2.0`);
    issuers.add(`${AuthenticationConstants.ValidGovernmentTokenIssuerUrlTemplateV1}${tenantId}/`);
    issuers.add(`${AuthenticationConstants.ValidGovernmentTokenIssuerUrlTemplateV2}${tenantId}/v2.0`);
  }
  return issuers;
}

export class ChannelTokenScreen {
  constructor(
    private readonly issuers: ReadonlySet<string>,
    /** Seconds since the epoch (tests inject a clock). */
    private readonly nowSeconds: () => number = () => Date.now() / 1000,
  ) {}

  /** The verdict on an Authorization header; `reason` is short, fit for a log line, and quotes nothing long. */
  check(authorization: string): ScreenVerdict {
    if (!authorization) return { ok: false, reason: 'no Authorization header' };
    // As the SDK reads it: exactly "Bearer <token>".
    const [scheme, token, ...more] = authorization.split(' ');
    if (scheme !== 'Bearer' || !token || more.length) return { ok: false, reason: 'not a Bearer token' };
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part)))
      return { ok: false, reason: 'not a signed JWT (three base64url parts)' };
    const header = jsonObject(parts[0] as string);
    const payload = jsonObject(parts[1] as string);
    if (!header) return { ok: false, reason: 'the token header is not a JSON object' };
    if (!payload) return { ok: false, reason: 'the token payload is not a JSON object' };
    if (header.alg !== 'RS256') return { ok: false, reason: `signed with ${quote(header.alg)}, not RS256` };
    if (typeof header.kid !== 'string' || !header.kid)
      return { ok: false, reason: 'no key id (kid) in the token header' };
    if (typeof payload.iss !== 'string' || !this.issuers.has(payload.iss))
      return { ok: false, reason: `issuer ${quote(payload.iss)} is not one this bot trusts` };
    if (typeof payload.exp !== 'number') return { ok: false, reason: 'no expiry (exp) in the token' };
    if (payload.exp + CLOCK_TOLERANCE_SECONDS < this.nowSeconds()) return { ok: false, reason: 'the token expired' };
    return { ok: true, issuer: payload.iss };
  }
}

function jsonObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A claim from the token, for a log line: JSON, at most 60 characters. */
function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
