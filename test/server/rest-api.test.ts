/**
 * The REST API ("the bot as an API") and the HTTP error contract, against the real server (in-process, over HTTP): every error
 * is application/problem+json whose title is the status's current name in StatusBot's own table.
 */
import { botForThisFile, type RunningBot, startBot } from '../support/bot-in-process';

jest.setTimeout(30_000);

const bot = botForThisFile({ RATE_LIMIT_PER_MINUTE: '1000' });

const get = (path: string) => fetch(`${bot.url}${path}`);
const json = async (res: Response) => (await res.json()) as Record<string, unknown>;

describe('REST API', () => {
  it('GET /api/codes/404 returns the entry', async () => {
    const res = await get('/api/codes/404');
    expect(res.status).toBe(200);
    const body = await json(res);
    const meanings = body.meanings as Array<{ code: number; name: string; nextSteps: unknown }>;
    expect(meanings[0]).toMatchObject({ code: 404, name: 'Not Found' });
    expect(meanings[0]?.nextSteps).toBeDefined();
  });

  it('GET /api/codes/499 returns every vendor meaning', async () => {
    const body = await json(await get('/api/codes/499'));
    expect((body.meanings as Array<{ vendor: string }>).map((m) => m.vendor).sort()).toEqual(['esri', 'nginx']);
  });

  it('GET /api/codes/999 is a 404 problem+json titled as the table names 404', async () => {
    const res = await get('/api/codes/999');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await json(res)).toMatchObject({ status: 404, title: 'Not Found', type: 'about:blank' });
  });

  it('GET /api/codes/abc is a 400 problem', async () => {
    const res = await get('/api/codes/abc');
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ status: 400, title: 'Bad Request' });
  });

  it('filters /api/codes by class and vendor', async () => {
    const fiveXX = (await json(await get('/api/codes?class=5xx'))).codes as Array<{ code: number }>;
    expect(fiveXX.length).toBeGreaterThan(10);
    expect(fiveXX.every((c) => c.code >= 500 && c.code <= 599)).toBe(true);
    const cloudflare = (await json(await get('/api/codes?vendor=cloudflare'))).codes as Array<{ code: number }>;
    expect(cloudflare.map((c) => c.code)).toEqual(
      expect.arrayContaining([520, 521, 522, 523, 524, 525, 526, 527, 530]),
    );
    expect((await get('/api/codes?class=9xx')).status).toBe(400);
  });

  it('GET /api/search returns the understanding and ranked matches', async () => {
    const body = await json(await get('/api/search?q=too%20many%20requests'));
    expect((body.understanding as { codes: number[] }).codes[0]).toBe(429);
    expect((body.matches as Array<{ code: number }>)[0]?.code).toBe(429);
    expect((await get('/api/search')).status).toBe(400);
  });

  it('POST /api/explain returns the full answer model and Markdown', async () => {
    const res = await fetch(`${bot.url}/api/explain`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'HTTP/1.1 503 Service Unavailable' }),
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect((body.answer as { intent: string; entry: { code: number } }).entry.code).toBe(503);
    expect(body.markdown).toMatch(/503 Service Unavailable/);
  });

  it('POST /api/explain without text is a 400 problem', async () => {
    const res = await fetch(`${bot.url}/api/explain`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nope: 1 }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('GET /api/stats counts turns and intents', async () => {
    const body = await json(await get('/api/stats'));
    expect(body).toHaveProperty('turns');
    expect(body).toHaveProperty('byIntent');
    expect(body).toHaveProperty('unanswered');
  });

  it('serves health and readiness', async () => {
    expect((await get('/healthz')).status).toBe(200);
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(await json(ready)).toMatchObject({ status: 'ready' });
  });
});

describe('bad input gets the status the table describes', () => {
  const post = (path: string, body: string, contentType = 'application/json') =>
    fetch(`${bot.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it.each([
    ['malformed JSON', () => post('/api/messages', '{"type": "message",'), 400, 'Bad Request'],
    [
      'a body over the limit',
      () => post('/api/messages', JSON.stringify({ type: 'message', text: 'x'.repeat(400 * 1024) })),
      413,
      'Content Too Large',
    ],
    ['a text/plain body', () => post('/api/messages', 'hello', 'text/plain'), 415, 'Unsupported Media Type'],
    ['an unknown route', () => get('/nope'), 404, 'Not Found'],
    ['a wrong method', () => get('/api/messages'), 405, 'Method Not Allowed'],
  ])('%s → %i %s as problem+json', async (_what, send, status, title) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await json(res)).toMatchObject({ status, title });
    if (status === 405) expect(res.headers.get('allow')).toMatch(/POST/);
  });

  it('an activity without a type is refused with 400 and the server keeps serving', async () => {
    const res = await post('/api/messages', JSON.stringify({ text: 'hi' }));
    expect(res.status).toBe(400);
    expect((await get('/healthz')).status).toBe(200);
  });
});

describe('rate limiting', () => {
  let limited: RunningBot;
  beforeAll(async () => {
    limited = await startBot({ RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await limited?.stop();
  });

  it('answers 429 Too Many Requests with Retry-After past the allowance, health probes exempt', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await fetch(`${limited.url}/api/codes/404`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await fetch(`${limited.url}/api/codes/404`);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });
    expect((await fetch(`${limited.url}/healthz`)).status).toBe(200);
  });
});
