/**
 * With MicrosoftAppId/MicrosoftAppPassword set, /api/messages accepts only valid Bot Framework tokens. Tokens are
 * signed locally with keys published by an OpenID stand-in (BotOpenIdMetadata), and the real CloudAdapter checks
 * them: missing, malformed, expired, wrong-audience, wrong-issuer and forged tokens all get 401; when the signing
 * keys cannot be fetched the answer is 503 with Retry-After, never a 500 with internal error text.
 */
import { sendActivityWithAuth } from '../support/authenticated-client';
import { startBot, visibleText, type BotProcess } from '../support/bot-process';
import { CHANNEL_ISSUER, startOpenIdStandIn, type OpenIdStandIn } from '../support/openid-stand-in';

jest.setTimeout(60_000);

const APP_ID = '5f1f6b1e-0c8a-4a63-9d07-3e2a1f1b0c11';
const SERVICE_URL = 'http://127.0.0.1:9/';
const now = () => Math.floor(Date.now() / 1000);
const claims = (overrides: Record<string, unknown> = {}) => ({ iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: now() - 60, exp: now() + 3600, ...overrides });

let keys: OpenIdStandIn;
let bot: BotProcess;

beforeAll(async () => {
  keys = await startOpenIdStandIn();
  bot = await startBot({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-secret', MicrosoftAppType: 'MultiTenant', BotOpenIdMetadata: keys.metadataUrl, HOST: '127.0.0.1' });
});
afterAll(async () => {
  await bot?.stop();
  await keys?.stop();
});

const LEAKS = /ECONNREFUSED|ENOTFOUND|getaddrinfo|request to|stack|at \w+ \(|botframework\.com/i;

describe('channel tokens', () => {
  it('a valid token is accepted and the reply comes back (expectReplies)', async () => {
    const { status, activities } = await sendActivityWithAuth(bot.url, `Bearer ${keys.sign(claims())}`, { text: 'what is 502', serviceUrl: SERVICE_URL });
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
  let offline: BotProcess;
  beforeAll(async () => {
    offline = await startBot({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'test-secret', BotOpenIdMetadata: 'http://127.0.0.1:9/v1/.well-known/openidconfiguration', HOST: '127.0.0.1' });
  });
  afterAll(async () => {
    await offline?.stop();
  });

  it('a token that cannot be checked gets 503 with Retry-After, not a 500 with the internal error', async () => {
    const res = await sendActivityWithAuth(offline.url, `Bearer ${keys.sign(claims())}`, { text: 'what is 502', serviceUrl: SERVICE_URL });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.body).toMatchObject({ status: 503, title: 'Service Unavailable' });
    expect(res.raw).not.toMatch(LEAKS);
  });

  it('no token at all is still 401 (nothing to check)', async () => {
    expect((await sendActivityWithAuth(offline.url, undefined, { text: 'hi', serviceUrl: SERVICE_URL })).status).toBe(401);
  });
});
