/**
 * With MicrosoftAppId/MicrosoftAppPassword set, /api/messages accepts only valid Bot Framework tokens. Tokens are
 * signed locally with keys published by an OpenID stand-in (BotOpenIdMetadata), and the real CloudAdapter checks
 * them: missing, malformed, expired, wrong-audience, wrong-issuer and forged tokens all get 401; when the signing
 * keys cannot be fetched the answer is 503 with Retry-After, never a 500 with internal error text. Tokens that are
 * wrong in their shape are refused without any key fetch (the stand-in counts them), a failed fetch is not repeated
 * for every token, and every rejection is logged as one line without a stack.
 */
import { sendActivityWithAuth } from '../support/authenticated-client';
import { startBot, type RunningBot } from '../support/bot-in-process';
import { visibleText } from '../support/channel-client';
import { CHANNEL_ISSUER, startOpenIdStandIn, type OpenIdStandIn } from '../support/openid-stand-in';

jest.setTimeout(60_000);

const APP_ID = '5f1f6b1e-0c8a-4a63-9d07-3e2a1f1b0c11';
const SERVICE_URL = 'http://127.0.0.1:9/';
const now = () => Math.floor(Date.now() / 1000);
const claims = (overrides: Record<string, unknown> = {}) => ({
  iss: CHANNEL_ISSUER,
  aud: APP_ID,
  serviceurl: SERVICE_URL,
  nbf: now() - 60,
  exp: now() + 3600,
  ...overrides,
});

let keys: OpenIdStandIn;
let bot: RunningBot;

beforeAll(async () => {
  keys = await startOpenIdStandIn();
  bot = await startBot({
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'test-secret',
    MicrosoftAppType: 'MultiTenant',
    BotOpenIdMetadata: keys.metadataUrl,
    HOST: '127.0.0.1',
  });
});
afterAll(async () => {
  await bot?.stop();
  await keys?.stop();
});

const LEAKS = /ECONNREFUSED|ENOTFOUND|getaddrinfo|request to|stack|at \w+ \(|botframework\.com/i;

/** A JWT with any header, payload and signature (forgeries that need no key). */
const jwt = (header: Record<string, unknown>, payload: Record<string, unknown>, signature = 'c2lnbmF0dXJl') =>
  [header, payload]
    .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
    .concat(signature)
    .join('.');

/** Log lines that carry a stack trace: pino's `err.stack`, or the "    at …" lines of one printed with console.error. */
const stackLines = (logs: RunningBot['logs']) =>
  logs.filter((line) =>
    typeof line === 'string' ? /^\s+at\s|\n\s+at\s/.test(line) : JSON.stringify(line).includes('"stack"'),
  );

describe('channel tokens', () => {
  it('a valid token is accepted and the reply comes back (expectReplies)', async () => {
    const { status, activities } = await sendActivityWithAuth(bot.url, `Bearer ${keys.sign(claims())}`, {
      text: 'what is 502',
      serviceUrl: SERVICE_URL,
    });
    expect(status).toBe(200);
    expect(visibleText(activities)).toMatch(/502 Bad Gateway/);
  });

  it.each([
    ['no Authorization header', () => undefined],
    ['a malformed token', () => 'Bearer not-a-jwt'],
    ['a wrong scheme', () => `Basic ${Buffer.from('a:b').toString('base64')}`],
    ['an expired token', () => `Bearer ${keys.sign(claims({ nbf: now() - 7200, exp: now() - 3600 }))}`],
    ['a wrong audience', () => `Bearer ${keys.sign(claims({ aud: 'someone-else' }))}`],
    ['a wrong issuer', () => `Bearer ${keys.sign(claims({ iss: 'https://evil.example' }))}`],
    ['a forged signature', () => `Bearer ${keys.sign(claims(), { foreignKey: true })}`],
    ['an unknown key id', () => `Bearer ${keys.sign(claims(), { kid: 'nope' })}`],
  ])('%s → 401 problem+json with WWW-Authenticate and no internals', async (_what, header) => {
    const res = await sendActivityWithAuth(bot.url, header(), { text: 'what is 502', serviceUrl: SERVICE_URL });
    expect(res.status).toBe(401);
    expect(res.contentType).toMatch(/application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    expect(res.raw).not.toMatch(LEAKS);
    expect(res.activities).toHaveLength(0);
  });
});

describe('signing keys unreachable', () => {
  let offline: RunningBot;
  beforeAll(async () => {
    offline = await startBot({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'test-secret',
      BotOpenIdMetadata: 'http://127.0.0.1:9/v1/.well-known/openidconfiguration',
      HOST: '127.0.0.1',
    });
  });
  afterAll(async () => {
    await offline?.stop();
  });

  it('a token that cannot be checked gets 503 with Retry-After, not a 500 with the internal error', async () => {
    const res = await sendActivityWithAuth(offline.url, `Bearer ${keys.sign(claims())}`, {
      text: 'what is 502',
      serviceUrl: SERVICE_URL,
    });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.body).toMatchObject({ status: 503, title: 'Service Unavailable' });
    expect(res.raw).not.toMatch(LEAKS);
  });

  it('no token at all is still 401 (nothing to check)', async () => {
    expect((await sendActivityWithAuth(offline.url, undefined, { text: 'hi', serviceUrl: SERVICE_URL })).status).toBe(
      401,
    );
  });
});

describe('forged tokens are refused before any key fetch', () => {
  let fresh: OpenIdStandIn;
  let screened: RunningBot;
  beforeAll(async () => {
    fresh = await startOpenIdStandIn();
    screened = await startBot({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'test-secret',
      MicrosoftAppType: 'MultiTenant',
      BotOpenIdMetadata: fresh.metadataUrl,
      HOST: '127.0.0.1',
    });
  });
  afterAll(async () => {
    await screened?.stop();
    await fresh?.stop();
  });

  it('50 tokens without a key id: all 401, and not one key fetch', async () => {
    for (let i = 0; i < 50; i++) {
      const res = await sendActivityWithAuth(screened.url, `Bearer ${fresh.sign(claims(), { kid: null })}`, {
        text: 'what is 502',
        serviceUrl: SERVICE_URL,
      });
      expect(res.status).toBe(401);
    }
    expect(fresh.requests).toBe(0);
  });

  it.each([
    ['alg none, no signature', () => `${jwt({ alg: 'none', typ: 'JWT' }, claims()).slice(0, -'c2lnbmF0dXJl'.length)}`],
    ['HS256', () => jwt({ alg: 'HS256', typ: 'JWT', kid: 'statusbot-test-key' }, claims())],
    [
      'an issuer made up from a tenant id',
      () =>
        jwt(
          { alg: 'RS256', kid: 'statusbot-test-key' },
          claims({
            iss: 'https://sts.windows.net/0badc0de-0000-4000-8000-000000000000/',
            tid: '0badc0de-0000-4000-8000-000000000000',
            ver: '1.0',
            appid: APP_ID,
          }),
        ),
    ],
    ['an issuer nobody uses', () => fresh.sign(claims({ iss: 'https://evil.example' }))],
    ['expired an hour ago', () => fresh.sign(claims({ nbf: now() - 7200, exp: now() - 3600 }))],
    ['no expiry', () => fresh.sign(claims({ exp: undefined }))],
    [
      'a header that is not JSON',
      () =>
        `${Buffer.from('{alg:RS256').toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.c2ln`,
    ],
    ['two parts', () => fresh.sign(claims()).split('.').slice(0, 2).join('.')],
  ])('%s: 401, no key fetch', async (_what, token) => {
    const res = await sendActivityWithAuth(screened.url, `Bearer ${token()}`, {
      text: 'what is 502',
      serviceUrl: SERVICE_URL,
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect(fresh.requests).toBe(0);
  });

  it('each rejection is one log line with its reason, and nothing printed a stack', async () => {
    const rejections = () =>
      screened.logs.filter(
        (line) => typeof line === 'object' && line.msg === 'rejected a request without a valid Bot Framework token',
      );
    expect(rejections()).toHaveLength(58);
    expect(rejections().map((line) => (line as { reason?: unknown }).reason)).toEqual(
      expect.arrayContaining(['no key id (kid) in the token header', 'the token expired']),
    );
    expect(stackLines(screened.logs)).toEqual([]);
  });

  it('a genuine token still gets its answer (one fetch of the keys)', async () => {
    const res = await sendActivityWithAuth(screened.url, `Bearer ${fresh.sign(claims())}`, {
      text: 'what is 502',
      serviceUrl: SERVICE_URL,
    });
    expect(res.status).toBe(200);
    expect(visibleText(res.activities)).toMatch(/502 Bad Gateway/);
    expect(fresh.requests).toBe(2); // the metadata, then the keys
  });
});

describe('a key server that is down', () => {
  let downKeys: OpenIdStandIn;
  let cutOff: RunningBot;
  beforeAll(async () => {
    downKeys = await startOpenIdStandIn();
    downKeys.down = true;
    cutOff = await startBot({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'test-secret',
      MicrosoftAppType: 'MultiTenant',
      BotOpenIdMetadata: downKeys.metadataUrl,
      HOST: '127.0.0.1',
    });
  });
  afterAll(async () => {
    await cutOff?.stop();
    await downKeys?.stop();
  });

  it('a well-formed token gets 503 with Retry-After, and the tokens after it within the window cause no new fetch', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await sendActivityWithAuth(cutOff.url, `Bearer ${downKeys.sign(claims())}`, {
        text: 'what is 502',
        serviceUrl: SERVICE_URL,
      });
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(res.raw).not.toMatch(LEAKS);
    }
    expect(downKeys.requests).toBe(1);
  });

  it('logs the failure once, as one line with the reason and no stack', async () => {
    const failures = () =>
      cutOff.logs.filter(
        (line) =>
          typeof line === 'object' && line.msg === 'could not authenticate the request: signing keys unreachable',
      );
    expect(failures()).toHaveLength(1);
    expect(failures()[0]).toMatchObject({ reason: expect.stringMatching(/socket hang up|ECONNRESET/) });
    expect(stackLines(cutOff.logs)).toEqual([]);
  });
});
