/**
 * The REST API's contract (/openapi.json), against the running server (createApp in-process): the document is valid
 * OpenAPI 3.1 by the official schema, it documents every REST route, and every response the server gives, to good
 * input and to bad, has a documented status and content type and matches the documented schema (ajv, JSON Schema
 * 2020-12, the dialect of OpenAPI 3.1). Every answer intent of /api/explain and every refusal of the body reader
 * (400, 413, 415) and the rate limiter (429) is among them.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { readConfig } from '../../src/config';
import { ROOT } from '../support/bot-process';

jest.setTimeout(60_000);

const OPERATOR_TOKEN = 'operator-token-for-the-contract-test';
type Document = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      { responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }> }
    >
  >;
};

let app: App;
let url: string;
let document: Document;
let ajv: Ajv2020;
/** Each operation and status answered so far, as "get /api/codes 200". */
const seen = new Set<string>();

beforeAll(async () => {
  app = createApp(
    readConfig({ PORT: '0', RATE_LIMIT_PER_MINUTE: '100000', MAX_BODY_KB: '4', OPERATOR_TOKEN }),
    pino({ level: 'silent' }),
  );
  ({ url } = await app.start());
  document = (await (await fetch(`${url}/openapi.json`)).json()) as Document;
  ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(document, 'openapi.json');
});

afterAll(async () => {
  await app?.stop();
});

/** A JSON pointer into the document, as a URI fragment. */
const pointer = (...parts: string[]) =>
  parts.map((p) => encodeURIComponent(p.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');

/**
 * Sends the request and holds the response against the document: its status must be documented for the operation,
 * its content type be the documented one, and its body match the documented schema. Returns the status and body.
 */
async function call(
  method: 'get' | 'post',
  template: string,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(url + path, { method: method.toUpperCase(), ...init });
  const text = await res.text();
  const operation = document.paths[template]?.[method];
  if (!operation) throw new Error(`${method} ${template} is not in the document`);
  const reply = operation.responses[String(res.status)];
  if (!reply)
    throw new Error(
      `${method} ${path} answered ${res.status}, which the document does not list for ${template}: ${text.slice(0, 300)}`,
    );
  seen.add(`${method} ${template} ${res.status}`);
  const [type] = Object.keys(reply.content ?? {});
  if (!type) return { status: res.status, body: text, headers: res.headers };
  expect(res.headers.get('content-type')).toMatch(new RegExp(`^${type.replace(/[+.]/g, '\\$&')}`));
  const body = JSON.parse(text) as unknown;
  const ref = `openapi.json#/${pointer('paths', template, method, 'responses', String(res.status), 'content', type, 'schema')}`;
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  if (!validate(body))
    throw new Error(
      `${method} ${path} ${res.status} does not match the document: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}\n${text.slice(0, 500)}`,
    );
  for (const header of Object.keys(reply.headers ?? {})) expect(res.headers.get(header)).toBeTruthy();
  return { status: res.status, body, headers: res.headers };
}

const json = (body: unknown): RequestInit => ({
  headers: { 'content-type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('the document', () => {
  it('is valid OpenAPI 3.1 by the official schema', () => {
    const run = spawnSync(process.execPath, [join(__dirname, 'validate-openapi.mjs')], {
      cwd: ROOT,
      input: JSON.stringify(document),
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`validate-openapi.mjs failed (${run.status}):\n${run.stderr}`);
    expect(JSON.parse(run.stdout)).toEqual({ valid: true, version: '3.1', errors: [] });
  });

  it("documents every REST route, and each one's problems as problem+json", () => {
    expect(
      Object.entries(document.paths)
        .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`))
        .sort(),
    ).toEqual(
      [
        'get /api/codes',
        'get /api/codes/{code}',
        'get /api/search',
        'post /api/explain',
        'get /api/stats',
        'post /api/directline/token',
        'get /healthz',
        'get /readyz',
      ].sort(),
    );
    for (const methods of Object.values(document.paths)) {
      for (const { responses } of Object.values(methods)) {
        for (const [status, reply] of Object.entries(responses)) {
          if (Number(status) >= 400 && status !== '503')
            expect(Object.keys(reply.content ?? {})).toEqual(['application/problem+json']);
        }
      }
    }
  });

  it('takes its parameters from the schemas the handlers read them with', () => {
    const query = (path: string) =>
      (
        document.paths[path]?.get as unknown as {
          parameters: Array<{
            name: string;
            in: string;
            required: boolean;
            schema: { enum?: string[]; maxLength?: number };
          }>;
        }
      ).parameters;
    expect(query('/api/codes').map((p) => [p.name, p.in, p.required])).toEqual([
      ['class', 'query', false],
      ['vendor', 'query', false],
    ]);
    expect(query('/api/codes')[0]?.schema.enum).toEqual(['1xx', '2xx', '3xx', '4xx', '5xx']);
    expect(query('/api/codes')[1]?.schema.enum).toEqual(expect.arrayContaining(['cloudflare', 'nginx', 'aws-elb']));
    expect(query('/api/search').map((p) => [p.name, p.required, p.schema.maxLength])).toEqual([['q', true, 10_000]]);
    expect(query('/api/codes/{code}').map((p) => [p.name, p.in, p.required])).toEqual([['code', 'path', true]]);
  });

  it('is served with an ETag and may be read from any site', async () => {
    const res = await fetch(`${url}/openapi.json`);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const again = await fetch(`${url}/openapi.json`, { headers: { 'if-none-match': res.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
  });
});

describe('real responses match the document', () => {
  it('GET /api/codes: all, by class, by vendor (any case), and an unknown class or vendor', async () => {
    expect((await call('get', '/api/codes', '/api/codes')).status).toBe(200);
    const fiveXX = await call('get', '/api/codes', '/api/codes?class=5XX');
    expect((fiveXX.body as { codes: Array<{ class: string }> }).codes.every((c) => c.class === '5xx')).toBe(true);
    expect((await call('get', '/api/codes', '/api/codes?vendor=Cloudflare&class=5xx')).status).toBe(200);
    for (const bad of ['?class=9xx', '?vendor=nobody', '?class=5xx&class=4xx', '?class=']) {
      const res = await call('get', '/api/codes', `/api/codes${bad}`);
      expect(res.status).toBe(400);
    }
  });

  it("GET /api/codes/{code}: a registry code, a number with two vendors' meanings, an unknown number, not a number", async () => {
    for (const [code, status] of [
      ['404', 200],
      ['499', 200],
      ['451', 200],
      ['999', 404],
      ['abc', 400],
      ['12345', 400],
      ['5%2002', 400],
    ] as const) {
      expect([code, (await call('get', '/api/codes/{code}', `/api/codes/${code}`)).status]).toEqual([code, status]);
    }
  });

  it('GET /api/search: codes, names, errors, symptoms; no query, a blank one, one too long', async () => {
    for (const q of [
      '502',
      'too many requests',
      'curl: (7) Failed to connect to api.example.com port 443: Connection refused',
      'the api keeps timing out',
      '401 vs 403',
    ]) {
      expect((await call('get', '/api/search', `/api/search?q=${encodeURIComponent(q)}`)).status).toBe(200);
    }
    for (const bad of ['', '?q=', '?q=%20%20', `?q=${'a'.repeat(10_001)}`])
      expect((await call('get', '/api/search', `/api/search${bad}`)).status).toBe(400);
  });

  it('POST /api/explain: an answer of every intent', async () => {
    const texts: Array<[string, string]> = [
      ['lookup', 'HTTP/1.1 503 Service Unavailable\nRetry-After: 120'],
      ['lookup', 'what is 499 nginx'],
      ['compare', '401 vs 403'],
      ['class', 'what are 5xx errors'],
      ['unknown_code', 'status 432'],
      ['network_error', 'curl: (7) Failed to connect to api.example.com port 443: Connection refused'],
      [
        'triage',
        '10.0.0.1 - - [10/Oct/2025:13:55:36 +0000] "GET / HTTP/1.1" 502 0\n10.0.0.1 - - [10/Oct/2025:13:55:37 +0000] "GET / HTTP/1.1" 502 0\n10.0.0.1 - - [10/Oct/2025:13:55:38 +0000] "GET /a HTTP/1.1" 200 12',
      ],
      ['greeting', 'hello'],
      ['none', 'what is the capital of France'],
    ];
    for (const [intent, text] of texts) {
      const res = await call('post', '/api/explain', '/api/explain', json({ text }));
      expect([text, res.status, (res.body as { answer: { intent: string } }).answer.intent]).toEqual([
        text,
        200,
        intent,
      ]);
    }
  });

  it('POST /api/explain: refused bodies (no text, a blank one, not an object, not JSON, not JSON at all, too large)', async () => {
    for (const body of [
      {},
      { text: '' },
      { text: '   ' },
      { text: 42 },
      [],
      'null',
      '"what is 502"',
      '{"text": "what is 502"',
    ]) {
      expect((await call('post', '/api/explain', '/api/explain', json(body))).status).toBe(400);
    }
    expect(
      (
        await call('post', '/api/explain', '/api/explain', {
          headers: { 'content-type': 'text/plain' },
          body: 'what is 502',
        })
      ).status,
    ).toBe(415);
    expect((await call('post', '/api/explain', '/api/explain', json({ text: 'x'.repeat(5000) }))).status).toBe(413);
  });

  it('GET /api/stats: refused without the operator token, counted with it', async () => {
    expect((await call('get', '/api/stats', '/api/stats')).status).toBe(401);
    expect(
      (await call('get', '/api/stats', '/api/stats', { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } }))
        .status,
    ).toBe(200);
  });

  it('POST /api/directline/token: no body, a user, a bad user, a conversation without its token, not an object', async () => {
    expect((await call('post', '/api/directline/token', '/api/directline/token')).status).toBe(200);
    const issued = await call(
      'post',
      '/api/directline/token',
      '/api/directline/token',
      json({ user: { id: 'visitor-42', name: 'Ada' } }),
    );
    expect(issued.status).toBe(200);
    const conversationId = (issued.body as { conversationId: string }).conversationId;
    for (const body of [
      { user: { id: 'not an id!' } },
      { user: 'Ada' },
      { user: { name: 'x'.repeat(65) } },
      { conversationId: 'short' },
      [1, 2],
    ]) {
      expect([body, (await call('post', '/api/directline/token', '/api/directline/token', json(body))).status]).toEqual(
        [body, 400],
      );
    }
    expect(
      (await call('post', '/api/directline/token', '/api/directline/token', json({ conversationId }))).status,
    ).toBe(403);
  });

  it('GET /healthz and /readyz', async () => {
    expect((await call('get', '/healthz', '/healthz')).status).toBe(200);
    expect((await call('get', '/readyz', '/readyz')).status).toBe(200);
  });

  it('would catch a response that broke the contract (counter-examples)', async () => {
    const schemaOf = (template: string, status: number, type = 'application/json') => {
      const ref = `openapi.json#/${pointer('paths', template, 'get', 'responses', String(status), 'content', type, 'schema')}`;
      return ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
    };
    const list = (await (await fetch(`${url}/api/codes?class=4xx`)).json()) as {
      count: number;
      codes: Array<Record<string, unknown>>;
    };
    const codeList = schemaOf('/api/codes', 200);
    expect(codeList(list)).toBe(true);
    const { count: _count, ...withoutCount } = list;
    expect(codeList(withoutCount)).toBe(false);
    expect(codeList({ ...list, codes: [{ ...list.codes[0], code: '404' }] })).toBe(false);
    expect(codeList({ ...list, codes: [{ ...list.codes[0], class: '9xx' }] })).toBe(false);
    expect(codeList({ ...list, codes: [{ ...list.codes[0], surprise: true }] })).toBe(false);
    const meanings = (await (await fetch(`${url}/api/codes/429`)).json()) as {
      meanings: Array<Record<string, unknown>>;
    };
    const codeMeanings = schemaOf('/api/codes/{code}', 200);
    expect(codeMeanings(meanings)).toBe(true);
    expect(
      codeMeanings({ ...meanings, meanings: [{ ...meanings.meanings[0], retry: { when: 'maybe', advice: 'x' } }] }),
    ).toBe(false);
    const problem = schemaOf('/api/codes/{code}', 404, 'application/problem+json');
    expect(problem({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'x' })).toBe(true);
    expect(problem({ title: 'Not Found', status: 404 })).toBe(false);
  });

  it('answered every operation with success at least once', () => {
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const method of Object.keys(methods))
        expect([...seen].some((s) => s.startsWith(`${method} ${path} 2`))).toBe(true);
    }
  });
});

describe('the rate limit (429 with Retry-After)', () => {
  it('is documented on every route, and what the server answers matches it', async () => {
    const limited = createApp(readConfig({ PORT: '0', RATE_LIMIT_PER_MINUTE: '2' }), pino({ level: 'silent' }));
    const { url: limitedUrl } = await limited.start();
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${limitedUrl}/api/codes/404`)).status);
      expect(statuses).toEqual([200, 200, 429]);
      const saved = url;
      url = limitedUrl;
      try {
        const res = await call('get', '/api/codes/{code}', '/api/codes/404');
        expect(res.status).toBe(429);
        expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      } finally {
        url = saved;
      }
    } finally {
      await limited.stop();
    }
  });
});
