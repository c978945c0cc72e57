/**
 * Rate limits that fit real deployments (issue 13, item 11), against the running server: behind a proxy TRUST_PROXY
 * names, each visitor has its own bucket (IPv6 by /64), while a client that writes X-Forwarded-For itself gains
 * nothing; channel traffic on /api/messages is limited per user in a conversation, and with credentials it is not
 * limited per address at all (Teams and Azure arrive from a few Bot Connector addresses).
 */
import { sendActivityWithAuth } from '../support/authenticated-client';
import { startBot, type RunningBot } from '../support/bot-in-process';
import { sendActivity } from '../support/channel-client';
import { CHANNEL_ISSUER, startOpenIdStandIn, type OpenIdStandIn } from '../support/openid-stand-in';

jest.setTimeout(60_000);

const statuses = async (url: string, forwardedFor: string[], headers: Record<string, string> = {}) => {
  const out: number[] = [];
  for (const xff of forwardedFor)
    out.push((await fetch(`${url}/api/codes/502`, { headers: { 'x-forwarded-for': xff, ...headers } })).status);
  return out;
};

describe('per client address', () => {
  let direct: RunningBot;
  let proxied: RunningBot;
  beforeAll(async () => {
    [direct, proxied] = await Promise.all([
      startBot({ RATE_LIMIT_PER_MINUTE: '3' }),
      startBot({ RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '1' }),
    ]);
  });
  afterAll(() => Promise.all([direct.stop(), proxied.stop()]));

  test('without TRUST_PROXY, writing X-Forwarded-For does not give a fresh bucket', async () => {
    expect(await statuses(direct.url, ['1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4'])).toEqual([200, 200, 200, 429]);
  });

  test('behind a trusted proxy, each visitor has a bucket of their own', async () => {
    expect(await statuses(proxied.url, ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.1'])).toEqual([
      200, 200, 200, 429,
    ]);
    expect(await statuses(proxied.url, ['203.0.113.2'])).toEqual([200]);
  });

  test('behind a trusted proxy, a left part the visitor wrote does not count', async () => {
    expect(
      await statuses(proxied.url, [
        '9.9.9.1, 203.0.113.3',
        '9.9.9.2, 203.0.113.3',
        '9.9.9.3, 203.0.113.3',
        '9.9.9.4, 203.0.113.3',
      ]),
    ).toEqual([200, 200, 200, 429]);
  });

  test('IPv6 visitors are counted by /64', async () => {
    expect(
      await statuses(proxied.url, ['2001:db8:1:2::a', '2001:db8:1:2::b', '2001:db8:1:2:3::c', '2001:db8:1:2::d']),
    ).toEqual([200, 200, 200, 429]);
    expect(await statuses(proxied.url, ['2001:db8:1:3::a'])).toEqual([200]);
  });
});

describe('forwarded host and scheme', () => {
  const direct = () => bots[0] as RunningBot;
  const proxied = () => bots[1] as RunningBot;
  let bots: RunningBot[] = [];
  beforeAll(async () => {
    bots = await Promise.all([startBot(), startBot({ TRUST_PROXY: 'loopback' })]);
  });
  afterAll(() => Promise.all(bots.map((b) => b.stop())));

  test('X-Forwarded-Host shapes the Direct Line domain only when a trusted proxy sent it', async () => {
    const domain = async (bot: RunningBot, xff: string) => {
      const res = await fetch(`${bot.url}/api/directline/token`, {
        method: 'POST',
        headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-for': xff },
      });
      return ((await res.json()) as { domain?: string }).domain ?? `(status ${res.status})`;
    };
    expect(await domain(direct(), '198.51.100.1')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3\/directline$/);
    expect(await domain(proxied(), '198.51.100.1')).toBe('https://evil.example/v3/directline');
  });
});

describe('per user in a conversation on /api/messages', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startBot({ CONVERSATION_RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_PER_MINUTE: '10000' });
  });
  afterAll(() => bot.stop());

  test('the fourth message a minute from one user in one conversation is 429 with Retry-After; others go on', async () => {
    const from = (id: string) => ({ from: { id } });
    const results: number[] = [];
    for (let i = 0; i < 4; i++)
      results.push((await sendActivity(bot.url, 'busy', { text: 'what is 502', ...from('u1') })).status);
    expect(results).toEqual([200, 200, 200, 429]);
    expect((await sendActivity(bot.url, 'busy', { text: 'what is 502', ...from('u2') })).status).toBe(200);
    expect((await sendActivity(bot.url, 'quiet', { text: 'what is 502', ...from('u1') })).status).toBe(200);
  });
});

describe('with credentials', () => {
  const APP_ID = '0c2b5b0e-9b0e-4d44-9f5a-1d2c3b4a5f60';
  const SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
  const now = () => Math.floor(Date.now() / 1000);
  let keys: OpenIdStandIn;
  let bot: RunningBot;
  beforeAll(async () => {
    keys = await startOpenIdStandIn();
    bot = await startBot({
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'test-secret',
      BotOpenIdMetadata: keys.metadataUrl,
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: '2',
      CONVERSATION_RATE_LIMIT_PER_MINUTE: '3',
    });
  });
  afterAll(async () => {
    await bot?.stop();
    await keys?.stop();
  });
  const token = (serviceurl = SERVICE_URL) =>
    `Bearer ${keys.sign({ iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl, nbf: now() - 60, exp: now() + 3600 })}`;

  test('channel traffic from one address is not limited per address, only per user in a conversation', async () => {
    const many: number[] = [];
    for (let i = 0; i < 6; i++)
      many.push(
        (
          await sendActivityWithAuth(bot.url, token(), {
            text: 'what is 502',
            serviceUrl: SERVICE_URL,
            conversation: { id: `tenant-conv-${i}` },
          })
        ).status,
      );
    expect(many).toEqual([200, 200, 200, 200, 200, 200]);
    const one: number[] = [];
    for (let i = 0; i < 4; i++)
      one.push(
        (
          await sendActivityWithAuth(bot.url, token(), {
            text: 'what is 502',
            serviceUrl: SERVICE_URL,
            conversation: { id: 'tenant-busy' },
          })
        ).status,
      );
    expect(one).toEqual([200, 200, 200, 429]);
  });

  test('the signed serviceurl claim decides: an activity naming another serviceUrl is 401', async () => {
    const res = await sendActivityWithAuth(bot.url, token(), {
      text: 'what is 502',
      serviceUrl: 'http://127.0.0.1:4109/elsewhere/',
      conversation: { id: 'claim-mismatch' },
    });
    expect(res.status).toBe(401);
  });

  test('other endpoints keep their per-address limit', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await fetch(`${bot.url}/api/codes/404`)).status);
    expect(codes).toEqual([200, 200, 429]);
  });
});
