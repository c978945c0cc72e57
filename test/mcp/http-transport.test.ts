/**
 * POST /mcp on the bot's own server (createApp, in-process, over real HTTP): the SDK's Client with its Streamable HTTP
 * transport, and what the endpoint promises at the HTTP level — the bearer token when one is set (401 with
 * problem+json, also for other spellings of the path and before a body is read), JSON only, the body limit, the rate
 * limit, no SSE stream (405), and no /mcp at all (404) unless MCP_HTTP=true.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { readConfig } from '../../src/config';
import { engine } from '../cards/engine-fixture';
import { call, describeMcpContract } from './mcp-contract';

jest.setTimeout(30_000);

const TOKEN = 'mcp-test-token-0123456789abcdef';
const JSON_RPC = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
const LIST_TOOLS = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' });

interface Running {
  app: App;
  url: string;
}

async function start(env: Record<string, string>): Promise<Running> {
  const app = createApp(readConfig({ PORT: '0', RATE_LIMIT_PER_MINUTE: '10000', ...env }), pino({ level: 'silent' }), {
    engine: engine(),
  });
  const { url } = await app.start();
  return { app, url };
}

async function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'statusbot-http-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', url), { requestInit: { headers } }));
  return client;
}

const problemOf = async (res: Response) => ({
  status: res.status,
  type: res.headers.get('content-type'),
  body: (await res.json()) as Record<string, unknown>,
});

describe('with MCP_HTTP=true and MCP_TOKEN', () => {
  let bot: Running;
  let client: Client;
  beforeAll(async () => {
    bot = await start({ MCP_HTTP: 'true', MCP_TOKEN: TOKEN });
    client = await connect(bot.url, { authorization: `Bearer ${TOKEN}` });
    await client.listTools();
  });
  afterAll(async () => {
    await client?.close();
    await bot?.app.stop();
  });

  describe('the SDK client with the token', () => describeMcpContract(() => client));

  it('counts what the tools were asked in the usage statistics, as channel "mcp"', async () => {
    const before = bot.app.stats.snapshot();
    await call(client, 'explain_http_error', { text: 'what is 418' });
    const after = bot.app.stats.snapshot();
    expect(after.turns).toBe(before.turns + 1);
    expect((after.byChannel as Record<string, number>).mcp).toBeGreaterThanOrEqual(1);
  });

  it.each<[string, Record<string, string>]>([
    ['no token', {}],
    ['a wrong token of the same length', { authorization: `Bearer ${'x'.repeat(TOKEN.length)}` }],
    ['a wrong token of another length', { authorization: 'Bearer nope' }],
    ['the token without "Bearer"', { authorization: TOKEN }],
    ['the token as Basic credentials', { authorization: `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}` }],
  ])('refuses %s: 401 problem+json with WWW-Authenticate', async (_name, headers) => {
    const res = await fetch(`${bot.url}/mcp`, {
      method: 'POST',
      headers: { ...JSON_RPC, ...headers },
      body: LIST_TOOLS,
    });
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="statusbot-mcp"');
    expect(await problemOf(res)).toMatchObject({
      status: 401,
      type: 'application/problem+json',
      body: { title: 'Unauthorized', status: 401, detail: expect.stringMatching(/MCP_TOKEN/) },
    });
  });

  it('refuses the SDK client without the token', async () => {
    await expect(connect(bot.url)).rejects.toThrow(/401/);
  });

  it.each(['/%6Dcp', '/mc%70', '/mcp;x'])(
    'refuses %s, which the router also takes for /mcp, without the token',
    async (path) => {
      const res = await fetch(`${bot.url}${path}`, { method: 'POST', headers: JSON_RPC, body: LIST_TOOLS });
      expect(res.status).toBe(401);
    },
  );

  it('refuses without the token before reading the body (401, not 413 or 415)', async () => {
    const huge = await fetch(`${bot.url}/mcp`, {
      method: 'POST',
      headers: JSON_RPC,
      body: JSON.stringify({ padding: 'x'.repeat(400 * 1024) }),
    });
    expect(huge.status).toBe(401);
    const text = await fetch(`${bot.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(text.status).toBe(401);
  });

  describe('with the token', () => {
    const auth = { authorization: `Bearer ${TOKEN}` };

    it('answers a JSON-RPC request as one JSON response', async () => {
      const res = await fetch(`${bot.url}/mcp`, {
        method: 'POST',
        headers: { ...JSON_RPC, ...auth },
        body: LIST_TOOLS,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(((await res.json()) as { result: { tools: unknown[] } }).result.tools).toHaveLength(4);
    });

    it.each<[string, Record<string, string>, string | undefined]>([
      ['text/plain', { 'content-type': 'text/plain' }, 'tools/list'],
      ['form data', { 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'],
      ['no content type and no body', {}, undefined],
      ['gzip-encoded JSON', { 'content-type': 'application/json', 'content-encoding': 'gzip' }, LIST_TOOLS],
    ])('refuses %s with 415 problem+json', async (_name, headers, body) => {
      const res = await fetch(`${bot.url}/mcp`, {
        method: 'POST',
        headers: { accept: JSON_RPC.accept, ...auth, ...headers },
        body,
      });
      expect(await problemOf(res)).toMatchObject({
        status: 415,
        type: 'application/problem+json',
        body: { title: 'Unsupported Media Type' },
      });
    });

    it('refuses a body over MAX_BODY_KB with 413', async () => {
      const res = await fetch(`${bot.url}/mcp`, {
        method: 'POST',
        headers: { ...JSON_RPC, ...auth },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 1,
          method: 'tools/call',
          params: { name: 'triage_log', arguments: { log: 'x'.repeat(300 * 1024) } },
        }),
      });
      expect(await problemOf(res)).toMatchObject({ status: 413, body: { title: 'Content Too Large' } });
    });

    it.each<[string, string, RegExp]>([
      ['invalid JSON', '{"jsonrpc": "2.0", ', /Send valid JSON/],
      ['JSON nested deeper than any message', `${'['.repeat(100)}${']'.repeat(100)}`, /deeper than 64 levels/],
      ['an empty body', '', /The body is empty/],
    ])('refuses %s with 400 problem+json', async (_name, body, detail) => {
      const res = await fetch(`${bot.url}/mcp`, { method: 'POST', headers: { ...JSON_RPC, ...auth }, body });
      expect(await problemOf(res)).toMatchObject({
        status: 400,
        type: 'application/problem+json',
        body: { detail: expect.stringMatching(detail) },
      });
    });

    it('answers JSON that is no JSON-RPC message with a JSON-RPC error, as MCP clients expect', async () => {
      const res = await fetch(`${bot.url}/mcp`, {
        method: 'POST',
        headers: { ...JSON_RPC, ...auth },
        body: JSON.stringify({ hello: 'world' }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32700 } });
    });

    it("refuses a client that does not accept the transport's types with 406", async () => {
      const res = await fetch(`${bot.url}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...auth },
        body: LIST_TOOLS,
      });
      expect(await problemOf(res)).toMatchObject({
        status: 406,
        body: { detail: expect.stringMatching(/text\/event-stream/) },
      });
    });

    it.each(['GET', 'DELETE', 'PUT'])(
      'answers %s with 405 and Allow: POST (stateless: no stream, no session)',
      async (method) => {
        const res = await fetch(`${bot.url}/mcp`, { method, headers: { accept: 'text/event-stream', ...auth } });
        expect(res.headers.get('allow')).toBe('POST');
        expect(await problemOf(res)).toMatchObject({ status: 405, type: 'application/problem+json' });
      },
    );
  });
});

describe('with MCP_HTTP=true on loopback and no token', () => {
  let bot: Running;
  beforeAll(async () => (bot = await start({ MCP_HTTP: 'true' })));
  afterAll(() => bot?.app.stop());

  it('serves the SDK client without a token', async () => {
    const client = await connect(bot.url);
    expect((await call(client, 'lookup_status', { code: 418 })).structured).toMatchObject({
      meanings: [{ code: 418 }],
    });
    await client.close();
  });
});

describe('with the rate limit of the other endpoints', () => {
  let bot: Running;
  beforeAll(async () => (bot = await start({ MCP_HTTP: 'true', RATE_LIMIT_PER_MINUTE: '2' })));
  afterAll(() => bot?.app.stop());

  it('answers 429 with Retry-After once the address has used its allowance, on /mcp as on /api', async () => {
    const post = () => fetch(`${bot.url}/mcp`, { method: 'POST', headers: JSON_RPC, body: LIST_TOOLS });
    expect((await post()).status).toBe(200);
    expect((await fetch(`${bot.url}/api/codes/404`)).status).toBe(200);
    const limited = await post();
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await problemOf(limited)).toMatchObject({
      status: 429,
      type: 'application/problem+json',
      body: { title: 'Too Many Requests' },
    });
  });
});

describe('without MCP_HTTP (the default)', () => {
  let bot: Running;
  beforeAll(async () => (bot = await start({ MCP_TOKEN: TOKEN })));
  afterAll(() => bot?.app.stop());

  it.each(['POST', 'GET'])('has no /mcp: %s is 404 problem+json, with or without the token', async (method) => {
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }] as Array<Record<string, string>>) {
      const res = await fetch(`${bot.url}/mcp`, {
        method,
        headers: { ...JSON_RPC, ...headers },
        body: method === 'POST' ? LIST_TOOLS : undefined,
      });
      expect(await problemOf(res)).toMatchObject({
        status: 404,
        type: 'application/problem+json',
        body: { title: 'Not Found' },
      });
    }
  });

  it('refuses the SDK client', async () => {
    await expect(connect(bot.url, { authorization: `Bearer ${TOKEN}` })).rejects.toThrow(/404/);
  });
});
