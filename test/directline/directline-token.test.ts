/**
 * Direct Line tokens: what they carry, and that nothing but an unexpired, untouched token of ours passes. Also the
 * Direct Line part of readConfig (ALLOWED_ORIGINS, token lifetime and secret, Azure endpoint).
 */
import { createHmac } from 'node:crypto';
import { ConfigError, readConfig } from '../../src/config';
import { DirectLineTokens } from '../../src/directline/directline-token';

const SECRET = 'unit-test-secret-0123456789abcdefghij';

describe('DirectLineTokens', () => {
  let clock = Date.parse('2026-11-25T12:00:00Z');
  const tokens = new DirectLineTokens(SECRET, 1800, () => clock);

  it('issues a JWT scoped to one conversation and user that verifies until it expires', async () => {
    const { token, expiresIn } = await tokens.issue({
      conversationId: 'conversation-1',
      userId: 'dl_user',
      userName: 'Ada',
    });
    expect(expiresIn).toBe(1800);
    expect(await tokens.verify(token)).toEqual({
      ok: true,
      claims: { conv: 'conversation-1', user: 'dl_user', name: 'Ada', iat: clock / 1000, exp: clock / 1000 + 1800 },
    });
    clock += 1799_000;
    expect((await tokens.verify(token)).ok).toBe(true);
    clock += 1000;
    expect(await tokens.verify(token)).toMatchObject({
      ok: false,
      reason: 'expired',
      claims: { conv: 'conversation-1' },
    });
  });

  it('lives at least its full lifetime when issued between two seconds', async () => {
    const at = Date.parse('2026-11-25T12:00:00.900Z');
    const short = new DirectLineTokens(SECRET, 1, () => at);
    const { token, claims } = await short.issue({ conversationId: 'conversation-1', userId: 'dl_user' });
    expect(claims.exp * 1000 - at).toBeGreaterThanOrEqual(1000);
    expect((await new DirectLineTokens(SECRET, 1, () => at + 999).verify(token)).ok).toBe(true);
  });

  it('refuses a token with a changed payload, another key, or no shape at all', async () => {
    const { token } = await tokens.issue({ conversationId: 'conversation-1', userId: 'dl_user' });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, conv: 'conversation-2' })).toString('base64url')}.${signature}`;
    expect(await tokens.verify(tampered)).toEqual({ ok: false, reason: 'signature' });
    expect(await new DirectLineTokens('another-secret-0123456789abcdefghijkl', 1800).verify(token)).toEqual({
      ok: false,
      reason: 'signature',
    });
    expect(await tokens.verify('')).toEqual({ ok: false, reason: 'malformed' });
    expect(await tokens.verify('a.b.c')).toEqual({ ok: false, reason: 'malformed' });
    expect(await tokens.verify(`${header}.${payload}`)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('DirectLineTokens: what a token must be, signed by hand (node:crypto) rather than by the library', () => {
  const clock = Date.parse('2026-11-25T12:00:00Z');
  const tokens = new DirectLineTokens(SECRET, 1800, () => clock);
  const part = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
  const signed = (header: object, payload: object, secret = SECRET) => {
    const body = `${part(header)}.${part(payload)}`;
    return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
  };
  const HS256 = { alg: 'HS256', typ: 'JWT' };
  const claims = {
    iss: 'statusbot',
    conv: 'conversation-1',
    user: 'dl_user',
    iat: clock / 1000,
    exp: clock / 1000 + 60,
  };

  it('is a plain HS256 JWT: one signed by hand verifies, and ours is byte for byte what a hand signs', async () => {
    expect(await tokens.verify(signed(HS256, claims))).toEqual({
      ok: true,
      claims: { conv: 'conversation-1', user: 'dl_user', iat: claims.iat, exp: claims.exp },
    });
    const { token, claims: issued } = await tokens.issue({
      conversationId: 'conversation-1',
      userId: 'dl_user',
      userName: 'Ada',
    });
    expect(token).toBe(signed(HS256, { iss: 'statusbot', ...issued }));
  });

  it.each<[string, object, object]>([
    ['another issuer', HS256, { ...claims, iss: 'someone-else' }],
    ['no conversation', HS256, { ...claims, conv: undefined }],
    ['a numeric user', HS256, { ...claims, user: 42 }],
    ['no expiry', HS256, { ...claims, exp: undefined }],
    ['a string expiry', HS256, { ...claims, exp: String(claims.exp) }],
    ['another algorithm named in the header', { alg: 'HS512', typ: 'JWT' }, claims],
    ['another type', { alg: 'HS256', typ: 'at+jwt' }, claims],
    ['an expired token without a conversation', HS256, { ...claims, conv: undefined, exp: claims.iat - 1 }],
  ])('refuses as malformed: %s', async (_name, header, payload) => {
    expect(await tokens.verify(signed(header, payload))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('tells an expired token (and whom it was for) from a forged one', async () => {
    expect(await tokens.verify(signed(HS256, { ...claims, exp: clock / 1000 }))).toMatchObject({
      ok: false,
      reason: 'expired',
      claims: { conv: 'conversation-1' },
    });
    expect(await tokens.verify(signed(HS256, claims, 'another-secret-0123456789abcdefghijkl'))).toEqual({
      ok: false,
      reason: 'signature',
    });
  });
});

describe('readConfig: Direct Line', () => {
  const errorFor = (env: Record<string, string>): ConfigError => {
    try {
      readConfig(env);
    } catch (err) {
      if (err instanceof ConfigError) return err;
      throw err;
    }
    throw new Error(`accepted ${JSON.stringify(env)}`);
  };

  it('defaults: own origin only, 30-minute tokens with a random key, 64 KB activities, no Azure', () => {
    const { allowedOrigins, directLine } = readConfig({});
    expect(allowedOrigins).toEqual([]);
    expect(directLine).toMatchObject({
      tokenSecretExplicit: false,
      tokenTtlSeconds: 1800,
      maxActivityBytes: 64 * 1024,
      activitiesPerMinute: 30,
      tokensPerMinute: 20,
      maxConversations: 10_000,
    });
    expect(directLine.tokenSecret.length).toBeGreaterThanOrEqual(32);
    expect(readConfig({}).directLine.tokenSecret).not.toBe(directLine.tokenSecret);
    expect(directLine.azure).toBeUndefined();
  });

  it('reads ALLOWED_ORIGINS as origins, * only when set, and names a path or a bad entry', () => {
    expect(readConfig({ ALLOWED_ORIGINS: 'https://a.example, http://localhost:8080/' }).allowedOrigins).toEqual([
      'https://a.example',
      'http://localhost:8080',
    ]);
    expect(readConfig({ ALLOWED_ORIGINS: '*' }).allowedOrigins).toBe('*');
    expect(errorFor({ ALLOWED_ORIGINS: 'https://a.example/help' }).message).toMatch(
      /ALLOWED_ORIGINS.*"https:\/\/a\.example\/help" is not one/,
    );
    expect(errorFor({ ALLOWED_ORIGINS: 'a.example' }).message).toMatch(/ALLOWED_ORIGINS/);
  });

  it('checks the token lifetime and secret without printing the secret', () => {
    expect(readConfig({ DIRECTLINE_TOKEN_TTL_MINUTES: '60' }).directLine.tokenTtlSeconds).toBe(3600);
    expect(readConfig({ DIRECTLINE_TOKEN_TTL_SECONDS: '5' }).directLine.tokenTtlSeconds).toBe(5);
    expect(errorFor({ DIRECTLINE_TOKEN_TTL_MINUTES: '5' }).message).toMatch(/DIRECTLINE_TOKEN_TTL_MINUTES.*16 to 1440/);
    const short = errorFor({ DIRECTLINE_TOKEN_SECRET: 'short-secret' });
    expect(short.message).toMatch(/DIRECTLINE_TOKEN_SECRET.*at least 32 characters/);
    expect(short.message).not.toContain('short-secret');
    expect(readConfig({ DIRECTLINE_TOKEN_SECRET: SECRET }).directLine).toMatchObject({
      tokenSecret: SECRET,
      tokenSecretExplicit: true,
    });
  });

  it('turns on Azure with DIRECT_LINE_SECRET, normalising the endpoint', () => {
    expect(readConfig({ DIRECT_LINE_SECRET: 's' }).directLine.azure).toEqual({
      secret: 's',
      endpoint: 'https://directline.botframework.com',
      timeoutMs: 10_000,
    });
    expect(
      readConfig({
        DIRECT_LINE_SECRET: 's',
        DIRECT_LINE_ENDPOINT: 'https://europe.directline.botframework.com/v3/directline/',
      }).directLine.azure?.endpoint,
    ).toBe('https://europe.directline.botframework.com');
    expect(errorFor({ DIRECT_LINE_SECRET: 's', DIRECT_LINE_ENDPOINT: 'directline.example' }).message).toMatch(
      /DIRECT_LINE_ENDPOINT/,
    );
  });
});
