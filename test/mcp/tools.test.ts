/**
 * The MCP tools and resources over the SDK's in-memory transport: each answers as the chat does (the same engine
 * call, the same Markdown), the side and vendor given change what comes first, and every kind of bad input is a
 * tool error naming what to send instead. The transports themselves: stdio-transport.test.ts, http-transport.test.ts.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { NO_CONTEXT } from '../../src/knowledge/conversation-context';
import { createStatusBotMcpServer } from '../../src/mcp/statusbot-mcp-server';
import { renderText } from '../../src/render/render-text';
import { engine, NGINX_LOG } from '../cards/engine-fixture';
import { call, describeMcpContract } from './mcp-contract';

const asked: string[] = [];
let client: Client;

beforeAll(async () => {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createStatusBotMcpServer(engine(), { recordAsked: (text) => asked.push(text) }).connect(serverSide);
  client = new Client({ name: 'statusbot-tools-test', version: '1.0.0' });
  await client.connect(clientSide);
  // The client checks structured content against the output schemas it has listed.
  await client.listTools();
});

afterAll(() => client.close());

describe('the contract every transport keeps', () => describeMcpContract(() => client));

describe('explain_http_error', () => {
  // Texts whose answer does not depend on the clock (no Retry-After to date), so two renderings are equal.
  it.each([
    'what is 502',
    'HTTP/1.1 503 Service Unavailable',
    'our nginx returns 413 on uploads',
    'cloudflare 522',
    'botocore.exceptions.ClientError: An error occurred (SlowDown) when calling the PutObject operation',
    'curl: (7) Failed to connect to localhost port 8080: Connection refused',
    'what are 5xx errors',
    '401 vs 403',
    'error 299',
    'my thing is broken',
  ])("answers %j with the chat's own Markdown", async (text) => {
    const reply = await call(client, 'explain_http_error', { text });
    expect(reply.isError).toBe(false);
    expect(reply.text).toBe(renderText(engine().ask(text).answer, 'markdown'));
  });

  it.each<[string, Record<string, unknown>]>([
    ['cloudflare 522', { intent: 'lookup', status: { id: '522-cloudflare', vendor: 'Cloudflare' } }],
    [
      'botocore.exceptions.ClientError: An error occurred (SlowDown) when calling the PutObject operation',
      { intent: 'lookup', codes: [503], providerError: { id: 's3-slowdown', status: 503 } },
    ],
    [
      'curl: (7) Failed to connect to localhost port 8080: Connection refused',
      { intent: 'network_error', status: null, networkError: { id: 'connection-refused' } },
    ],
    ['what are 5xx errors', { intent: 'class', status: null }],
    [NGINX_LOG, { intent: 'triage', status: { code: 502 }, triage: { total: 6, failures: 4 } }],
    ['error 299', { intent: 'unknown_code', unknownCode: { code: 299, isHttpStatus: true, treatedAs: { code: 200 } } }],
    ['my thing is broken', { intent: 'none', status: null }],
  ])('reads %j as the engine does', async (text, expected) => {
    const reply = await call(client, 'explain_http_error', { text });
    expect(reply.structured).toMatchObject(expected);
  });

  it('reads a pasted curl -v: the status, what the headers say, when to retry', async () => {
    const curl = [
      '< HTTP/2 429',
      '< content-type: application/json',
      '< retry-after: 120',
      '< x-ratelimit-limit: 100',
      '< x-ratelimit-remaining: 0',
      '{"error":"rate_limited"}',
    ].join('\n');
    const reply = await call(client, 'explain_http_error', { text: curl });
    expect(reply.structured).toMatchObject({ intent: 'lookup', status: { code: 429 }, retry: { when: 'later' } });
    expect((reply.structured?.fromPaste as string[]).join('\n')).toMatch(/Retry-After: 120 → wait 2 minutes/);
    expect(reply.text).toMatch(/From what you pasted/);
  });

  it.each(['client', 'server'] as const)(
    "puts the %s side's likely fix first, as the chat does for a user on that side",
    async (side) => {
      const text = 'getting 413 Content Too Large on file uploads';
      const reply = await call(client, 'explain_http_error', { text, side });
      const chat = engine().ask(text, { ...NO_CONTEXT, side }).answer;
      expect(chat.intent === 'lookup' && chat.likelyFix).toBeTruthy();
      expect(reply.structured).toMatchObject({
        side,
        likelyFix: { steps: chat.intent === 'lookup' ? chat.likelyFix?.steps : [] },
      });
      expect(reply.text).toBe(renderText(chat, 'markdown'));
    },
  );

  it('gives each side a different likely fix (counter-example to ignoring side)', async () => {
    const text = 'getting 413 Content Too Large on file uploads';
    const [client_, server] = await Promise.all(
      (['client', 'server'] as const).map((side) => call(client, 'explain_http_error', { text, side })),
    );
    expect(client_?.structured?.likelyFix).not.toEqual(server?.structured?.likelyFix);
  });

  it('warns about a credential in the paste and reports the text for usage statistics', async () => {
    const before = asked.length;
    const reply = await call(client, 'explain_http_error', {
      text: 'curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl" https://api.example.com → 401',
    });
    expect(reply.structured?.secretsWarning).toMatch(/rotate|revoke/i);
    expect(asked.length).toBe(before + 1);
  });

  it.each<[Record<string, unknown>, RegExp]>([
    [{}, /text is required/],
    [{ text: 42 }, /text must be a string/],
    [{ text: '' }, /text is empty/],
    [{ text: '\n\t ' }, /text is empty/],
    [{ text: '502', side: 'caller' }, /side must be "client".*or "server"/],
    [{ text: '502', side: 42 }, /side must be "client"/],
  ])('refuses %j', async (args, message) => {
    const reply = await call(client, 'explain_http_error', args);
    expect(reply.isError).toBe(true);
    expect(reply.text).toMatch(message);
  });
});

describe('triage_log', () => {
  it('counts a pasted access log and explains its top failure as the chat does', async () => {
    const reply = await call(client, 'triage_log', { log: NGINX_LOG });
    expect(reply.structured).toMatchObject({
      total: 6,
      failures: 4,
      counts: [
        { code: 502, count: 3, id: '502', name: 'Bad Gateway' },
        { code: 200, count: 2 },
        { code: 504, count: 1 },
      ],
      topFailure: { code: 502 },
    });
    expect(reply.text).toBe(renderText(engine().ask(NGINX_LOG).answer, 'markdown'));
  });

  it('says when nothing failed (counter-example to a top failure)', async () => {
    const log = ['GET /a HTTP/1.1" 200 12', 'GET /b HTTP/1.1" 200 40', 'GET /c HTTP/1.1" 304 0']
      .map((l, i) => `10.0.0.${i} - - [12/Mar/2025:01:37:0${i} +0000] "${l} "-" "curl/8"`)
      .join('\n');
    const reply = await call(client, 'triage_log', { log });
    expect(reply.structured).toMatchObject({ failures: 0, topFailure: null, likelyFix: null });
  });

  it.each<[Record<string, unknown>, RegExp]>([
    [{ log: 'HTTP/1.1 502 Bad Gateway' }, /does not read as a log/],
    [{ log: 'what is 502' }, /explain_http_error/],
    [{ log: '' }, /log is empty/],
    [{}, /log is required/],
    [{ log: NGINX_LOG, side: 'ops' }, /side must be/],
  ])('refuses %j', async (args, message) => {
    const reply = await call(client, 'triage_log', args);
    expect(reply.isError).toBe(true);
    expect(reply.text).toMatch(message);
  });
});

describe('lookup_status', () => {
  it("gives every meaning with references, the registry's first", async () => {
    const reply = await call(client, 'lookup_status', { code: 404 });
    const meanings = reply.structured?.meanings as Array<{ id: string; references: Array<{ url: string }> }>;
    expect(meanings.map((m) => m.id)).toEqual(['404']);
    expect(meanings[0]?.references.length).toBeGreaterThan(0);
    expect(meanings[0]?.references.every((r) => r.url.startsWith('https://'))).toBe(true);
    expect(reply.text).toBe(renderText(engine().answer(engine().lookup('404')), 'markdown'));
  });

  it.each<[Record<string, unknown>, string[], string | null]>([
    [
      { code: 499 },
      engine()
        .table.meaningsOf(499)
        .map((e) => e.id),
      null,
    ],
    [{ code: 499, vendor: 'nginx' }, ['499-nginx', '499-esri'], 'nginx'],
    [{ code: 499, vendor: 'esri' }, ['499-esri', '499-nginx'], 'esri'],
    [{ code: 499, vendor: 'ArcGIS' }, ['499-esri', '499-nginx'], 'esri'],
    [{ code: 530, vendor: 'Cloudflare' }, ['530-cloudflare', '530-pantheon'], 'cloudflare'],
  ])("orders %j's meanings with the vendor asked for first", async (args, ids, vendor) => {
    const reply = await call(client, 'lookup_status', args);
    expect((reply.structured?.meanings as Array<{ id: string }>).map((m) => m.id)).toEqual(ids);
    expect(reply.structured).toMatchObject({ vendor, note: null });
  });

  it('says when the vendor gives the number no meaning of its own (counter-example)', async () => {
    const reply = await call(client, 'lookup_status', { code: 502, vendor: 'cloudflare' });
    expect(reply.structured).toMatchObject({ vendor: 'cloudflare', meanings: [{ id: '502' }] });
    expect(reply.structured?.note).toMatch(/Cloudflare gives 502 no meaning of its own/);
  });

  it.each<[Record<string, unknown>, RegExp]>([
    [{ code: 299 }, /299 is not a status code StatusBot knows/],
    [{ code: 99 }, /from 100 to 599/],
    [{ code: 600 }, /from 100 to 599/],
    [{ code: 502.5 }, /whole JSON number/],
    [{ code: '502' }, /whole JSON number/],
    [{}, /whole JSON number/],
    [{ code: 502, vendor: 'acme' }, /"acme" is no vendor StatusBot knows; use one of .*cloudflare/],
    [{ code: 502, vendor: ' ' }, /vendor is empty/],
  ])('refuses %j', async (args, message) => {
    const reply = await call(client, 'lookup_status', args);
    expect(reply.isError).toBe(true);
    expect(reply.text).toMatch(message);
  });
});

describe('compare_statuses', () => {
  it('leads with the difference the chat gives for "401 vs 403", then when to use each', async () => {
    const chat = engine().ask('401 vs 403').answer;
    const reply = await call(client, 'compare_statuses', { codes: [401, 403] });
    expect(chat.intent).toBe('compare');
    expect(reply.structured).toMatchObject({
      difference: chat.intent === 'compare' ? chat.lead : '',
      recommended: null,
    });
    expect(reply.text.startsWith(renderText(chat, 'markdown'))).toBe(true);
    expect(reply.structured?.whenToUse).toMatch(
      /^It depends on the situation: 401 Unauthorized when .* 403 Forbidden when /,
    );
  });

  it.each<[string, number]>([
    ['the session token expired', 401],
    ['no credentials were sent with the request', 401],
    ['the user is signed in but lacks the admin role', 403],
  ])('recommends for %j what the chat recommends after "which one should I use?"', async (situation, code) => {
    const reply = await call(client, 'compare_statuses', { codes: [401, 403], situation });
    expect(reply.structured).toMatchObject({ recommended: { code } });
    expect(reply.text).toMatch(new RegExp(`^For what you describe, use ${code} `));
    const chat = engine().understand(`which one should I use when ${situation}?`, { ids: ['401', '403'] });
    expect(chat.recommended).toBe(String(code));
  });

  it.each<[unknown[], string[]]>([
    [
      [301, 308],
      ['301', '308'],
    ],
    [
      ['502', 504, 503],
      ['502', '504', '503'],
    ],
    [
      ['499-nginx', '499 esri'],
      ['499-nginx', '499-esri'],
    ],
    [
      [499, 408],
      ['499-nginx', '408'],
    ],
  ])('takes %j as entries %j', async (codes, ids) => {
    const reply = await call(client, 'compare_statuses', { codes });
    expect((reply.structured?.compared as Array<{ id: string }>).map((e) => e.id)).toEqual(ids);
  });

  it.each<[Record<string, unknown>, RegExp]>([
    [{ codes: [401] }, /at least two status codes/],
    [{ codes: [] }, /at least two status codes/],
    [{ codes: '401 vs 403' }, /codes must be an array/],
    [{ codes: [401, 401] }, /one status only/],
    [{ codes: ['401', 401] }, /one status only/],
    [{ codes: [401, 'banana', 999] }, /"banana", 999 are no status StatusBot knows/],
    [{ codes: [400, 401, 403, 404, 405, 409, 410] }, /at most 6/],
    [{ codes: [401, 403], situation: '' }, /situation is empty/],
    [{ codes: [401, { code: 403 }] }, /Invalid input/],
  ])('refuses %j', async (args, message) => {
    const reply = await call(client, 'compare_statuses', args);
    expect(reply.isError).toBe(true);
    expect(reply.text).toMatch(message);
  });
});

describe('resources', () => {
  it('offers the template statusbot://codes/{id} and completes ids', async () => {
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['statusbot://codes/{id}']);
    const { completion } = await client.complete({
      ref: { type: 'ref/resource', uri: 'statusbot://codes/{id}' },
      argument: { name: 'id', value: '49' },
    });
    expect(completion.values).toEqual(expect.arrayContaining(['494-nginx', '499-nginx', '499-esri']));
    expect(completion.values.every((v) => v.startsWith('49'))).toBe(true);
  });

  it.each(['499-esri', '520-cloudflare', '418', '100'])(
    'reads statusbot://codes/%s as the chat answers it',
    async (id) => {
      const { contents } = await client.readResource({ uri: `statusbot://codes/${id}` });
      expect(contents[0]).toMatchObject({
        mimeType: 'text/markdown',
        text: renderText(engine().answer(engine().lookup(id)), 'markdown'),
      });
    },
  );

  it.each<[string, RegExp]>([
    [
      'statusbot://codes/499',
      /499 has no entry of its own.*statusbot:\/\/codes\/499-nginx or statusbot:\/\/codes\/499-esri/,
    ],
    ['statusbot://codes/999', /No status entry "999"/],
    ['statusbot://codes/', /./],
  ])('answers %s with "not found" and what to read instead', async (uri, message) => {
    const failure = await client.readResource({ uri }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(McpError);
    expect((failure as McpError).message).toMatch(message);
  });
});
