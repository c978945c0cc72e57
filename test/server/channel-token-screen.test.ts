/**
 * What the token screen tells without signing keys, and how long a failed key fetch is remembered (fake clocks).
 * The real adapter behind it is tested in test/security/bot-framework-auth.test.ts.
 */
import { ChannelTokenScreen, trustedIssuers } from '../../src/server/channel-token-screen';
import { KeyFetchFailures } from '../../src/server/key-fetch-failures';

const NOW = 1_800_000_000;
const TENANT = '55555555-6666-7777-8888-999999999999';
const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const bearer = (header: Record<string, unknown>, payload: Record<string, unknown>) =>
  `Bearer ${part(header)}.${part(payload)}.c2ln`;
const good = { alg: 'RS256', typ: 'JWT', kid: 'key-1' };
const claims = (overrides: Record<string, unknown> = {}) => ({
  iss: 'https://api.botframework.com',
  aud: 'app',
  exp: NOW + 3600,
  ...overrides,
});

describe('ChannelTokenScreen', () => {
  const screen = new ChannelTokenScreen(trustedIssuers(TENANT), () => NOW);

  it('passes a well-formed channel token, naming its issuer', () => {
    expect(screen.check(bearer(good, claims()))).toEqual({ ok: true, issuer: 'https://api.botframework.com' });
  });

  it.each([
    ['no header', '', 'no Authorization header'],
    ['another scheme', 'Basic YTpi', 'not a Bearer token'],
    ['two spaces', `Bearer  ${bearer(good, claims()).slice(7)}`, 'not a Bearer token'],
    ['two parts', `Bearer ${part(good)}.${part(claims())}`, 'not a signed JWT (three base64url parts)'],
    [
      'no signature (alg none)',
      `Bearer ${part({ alg: 'none' })}.${part(claims())}.`,
      'not a signed JWT (three base64url parts)',
    ],
    [
      'a header that is not JSON',
      `Bearer ${Buffer.from('{alg').toString('base64url')}.${part(claims())}.c2ln`,
      'the token header is not a JSON object',
    ],
    ['a payload that is an array', `Bearer ${part(good)}.${part([1])}.c2ln`, 'the token payload is not a JSON object'],
    ['HS256', bearer({ ...good, alg: 'HS256' }, claims()), 'signed with "HS256", not RS256'],
    ['no kid', bearer({ alg: 'RS256' }, claims()), 'no key id (kid) in the token header'],
    [
      'another tenant made into an issuer',
      bearer(good, claims({ iss: 'https://sts.windows.net/0badc0de/', tid: '0badc0de' })),
      'issuer "https://sts.windows.net/0badc0de/" is not one this bot trusts',
    ],
    ['no exp', bearer(good, claims({ exp: undefined })), 'no expiry (exp) in the token'],
    ['expired beyond the five minutes of tolerance', bearer(good, claims({ exp: NOW - 301 })), 'the token expired'],
  ])('refuses %s', (_what, header, reason) => {
    expect(screen.check(header)).toEqual({ ok: false, reason });
  });

  it("allows the SDK's clock tolerance, the Emulator's issuers and the configured tenant's", () => {
    expect(screen.check(bearer(good, claims({ exp: NOW - 299 }))).ok).toBe(true);
    expect(
      screen.check(bearer(good, claims({ iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/' }))).ok,
    ).toBe(true);
    expect(screen.check(bearer(good, claims({ iss: `https://login.microsoftonline.com/${TENANT}/v2.0` }))).ok).toBe(
      true,
    );
    expect(
      new ChannelTokenScreen(trustedIssuers(''), () => NOW).check(
        bearer(good, claims({ iss: `https://login.microsoftonline.com/${TENANT}/v2.0` })),
      ).ok,
    ).toBe(false);
  });

  it('quotes at most 60 characters of a claim in its reason', () => {
    const verdict = screen.check(bearer(good, claims({ iss: `https://${'x'.repeat(5000)}` })));
    expect(verdict.ok).toBe(false);
    expect((verdict as { reason: string }).reason.length).toBeLessThan(120);
  });
});

describe('KeyFetchFailures', () => {
  it('remembers a failure per issuer for ten seconds, in whole seconds left', () => {
    let clock = 0;
    const failures = new KeyFetchFailures(10_000, () => clock);
    expect(failures.secondsLeft('a')).toBe(0);
    failures.record('a');
    expect(failures.secondsLeft('a')).toBe(10);
    expect(failures.secondsLeft('b')).toBe(0);
    clock = 9_001;
    expect(failures.secondsLeft('a')).toBe(1);
    clock = 10_000;
    expect(failures.secondsLeft('a')).toBe(0);
  });
});
