/**
 * What an unauthenticated bot lets others do (issue 13, items 4, 7, 8 and 13), against the real server: replies go
 * nowhere but the response or this machine (no SSRF), a rebinding host name is refused, operator endpoints answer
 * only this machine or a token, overlong ids are 400 and never reach the log, and every response is nosniff with
 * HEAD wherever GET works.
 */
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { botForThisFile, startBot, type RunningBot } from '../support/bot-in-process';

jest.setTimeout(60_000);

const bot = botForThisFile({ RATE_LIMIT_PER_MINUTE: '10000' });

let sequence = 0;
const activity = (extra: Record<string, unknown> = {}) => ({
  type: 'message',
  id: `x-${++sequence}`,
  channelId: 'emulator',
  from: { id: 'u' },
  conversation: { id: `exposure-${sequence}` },
  recipient: { id: 'b' },
  serviceUrl: 'http://127.0.0.1:9/',
  text: 'what is 502',
  ...extra,
});

/** A raw HTTP request, so Host and other headers fetch() will not set are sent as written. */
function send(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const url = new URL(path, bot.url);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? (body ? 'POST' : 'GET'),
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('replies go only into the response or to this machine (no SSRF without credentials)', () => {
  let capture: Server;
  const received: string[] = [];
  beforeAll(async () => {
    capture = createServer((req, res) => {
      received.push(req.url ?? '');
      req.resume();
      // Not chained: restify, running in this process, patches http.ServerResponse's writeHead to return nothing.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id":"1"}');
    });
    await new Promise<void>((resolve) => capture.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => capture.close(() => resolve())));
  const captureUrl = () => `http://127.0.0.1:${(capture.address() as AddressInfo).port}/emulator/`;

  test.each([
    'http://10.255.255.1:81/',
    'https://evil.example/',
    'http://169.254.169.254/latest/',
    'file:///etc/passwd',
    'http://127.0.0.1.evil.example/',
    'not a url',
  ])('a serviceUrl of %s without expectReplies is 403, before anything is sent', async (serviceUrl) => {
    const res = await send('/api/messages', { body: activity({ serviceUrl }) });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.parse(res.body).detail).toMatch(/expectReplies/);
  });

  test('with expectReplies the reply comes back in the response, whatever serviceUrl says', async () => {
    const res = await send('/api/messages', {
      body: activity({ serviceUrl: 'https://evil.example/', deliveryMode: 'expectReplies' }),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/502/);
  });

  test('a loopback serviceUrl (the Emulator) still gets its reply posted', async () => {
    const before = received.length;
    const res = await send('/api/messages', { body: activity({ serviceUrl: captureUrl() }) });
    expect(res.status).toBe(200);
    expect(received.length).toBeGreaterThan(before);
    expect(received.at(-1)).toMatch(/^\/emulator\/v3\/conversations\/exposure-\d+\/activities/);
  });
});

describe('a host name the server does not serve is 421 (DNS rebinding)', () => {
  const port = () => new URL(bot.url).port;
  test.each(['/api/messages', '/api/stats', '/api/directline/token', '/', '/api/codes'])(
    'Host: rebind.evil.example on %s → 421',
    async (path) => {
      const res = await send(path, {
        method: path === '/api/directline/token' || path === '/api/messages' ? 'POST' : 'GET',
        headers: { host: `rebind.evil.example:${port()}`, 'content-type': 'application/json' },
      });
      expect(res.status).toBe(421);
      expect(JSON.parse(res.body)).toMatchObject({ status: 421, title: 'Misdirected Request' });
    },
  );

  test.each(['localhost', '127.0.0.1', '[::1]', 'statusbot.localhost'])('Host: %s is served', async (host) => {
    const res = await send('/healthz', { headers: { host: `${host}:${port()}` } });
    expect(res.status).toBe(200);
  });
});

describe('operator endpoints answer this machine only, unless OPERATOR_TOKEN is set', () => {
  test.each(['/api/stats', '/metrics'])('%s from loopback → 200', async (path) => {
    expect((await send(path)).status).toBe(200);
  });

  test.each(['/api/stats', '/metrics'])('%s relayed by a proxy (X-Forwarded-For) → 403, no data', async (path) => {
    const res = await send(path, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(res.status).toBe(403);
    expect(res.body).not.toMatch(/unanswered|process_cpu/);
    expect(JSON.parse(res.body).detail).toMatch(/OPERATOR_TOKEN/);
  });

  describe('with OPERATOR_TOKEN', () => {
    const token = 'operator-token-for-tests-0123456789';
    let withToken: RunningBot;
    beforeAll(async () => {
      withToken = await startBot({ OPERATOR_TOKEN: token });
    });
    afterAll(() => withToken.stop());

    test.each([
      ['no token', {}, 401],
      ['a wrong token', { authorization: `Bearer ${token.replace('0', '1')}` }, 401],
      ['a token of another length', { authorization: 'Bearer x' }, 401],
      ['the token', { authorization: `Bearer ${token}` }, 200],
    ])('/api/stats with %s → %s', async (_what, headers, status) => {
      const res = await fetch(`${withToken.url}/api/stats`, { headers });
      expect(res.status).toBe(status);
      if (status === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const metrics = await fetch(`${withToken.url}/metrics`, { headers });
      expect(metrics.status).toBe(status);
    });
  });
});

describe('ids the bot keys state by and logs have a length limit', () => {
  test.each([
    ['conversation.id', { conversation: { id: 'c'.repeat(513) } }],
    ['conversation.id', { conversation: { id: 'c'.repeat(200 * 1024) } }],
    ['from.id', { from: { id: 'u'.repeat(600) } }],
    ['channelId', { channelId: 'x'.repeat(65) }],
    ['serviceUrl', { serviceUrl: `http://127.0.0.1:9/${'p'.repeat(2100)}` }],
  ])('an overlong %s is 400, naming it', async (field, extra) => {
    const res = await send('/api/messages', { body: activity({ deliveryMode: 'expectReplies', ...extra }) });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).detail).toContain(`${field} (at most`);
  });

  test('ids at the limit are answered', async () => {
    const res = await send('/api/messages', {
      body: activity({
        deliveryMode: 'expectReplies',
        conversation: { id: 'c'.repeat(512) },
        from: { id: 'u'.repeat(512) },
      }),
    });
    expect(res.status).toBe(200);
  });

  test('no log line carries a long id', async () => {
    for (let i = 0; i < 5; i++)
      await send('/api/messages', {
        body: activity({ deliveryMode: 'expectReplies', conversation: { id: `${i}${'L'.repeat(511)}` } }),
      });
    expect(
      bot.logs.filter((l) => typeof l === 'object' && l.msg === 'turn' && String(l.conversation).startsWith('4LLL')),
    ).toHaveLength(1);
    const longest = Math.max(...bot.logs.map((l) => JSON.stringify(l).length));
    expect(longest).toBeLessThan(1_000);
    expect(bot.logs.some((l) => JSON.stringify(l).includes('L'.repeat(200)))).toBe(false);
  });
});

describe('every response is nosniff, and HEAD works wherever GET does', () => {
  test.each([
    ['GET', '/api/codes'],
    ['GET', '/healthz'],
    ['GET', '/api/codes/999'],
    ['GET', '/no/such/page'],
    ['DELETE', '/api/codes'],
    ['GET', '/metrics'],
    ['GET', '/'],
  ])('%s %s carries X-Content-Type-Options: nosniff', async (method, path) => {
    const res = await send(path, { method });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  test.each(['/api/codes', '/api/codes/502', '/api/stats', '/metrics', '/healthz', '/readyz', '/'])(
    'HEAD %s → 200 with the GET headers and no body',
    async (path) => {
      const [head, get] = [await send(path, { method: 'HEAD' }), await send(path)];
      expect(head.status).toBe(200);
      expect(head.body).toBe('');
      expect(head.headers['content-type']).toBe(get.headers['content-type']);
    },
  );
});
