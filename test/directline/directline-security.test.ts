/**
 * What the self-hosted Direct Line refuses, against the real server (in-process, over HTTP): missing, forged, expired and
 * other-conversation tokens; activities over the size limit; too many activities per conversation and too many
 * tokens per address (429 with Retry-After); pages from origins not in ALLOWED_ORIGINS (403), while allowed ones get
 * CORS answers. Every refusal is problem+json with a detail that says what to do.
 */
import { startBot, type RunningBot } from '../support/bot-in-process';
import {
  StreamRecorder,
  call,
  forgeToken,
  getToken,
  poll,
  postActivity,
  startConversation,
  type ConversationBody,
  type HttpResult,
} from './directline-client';

jest.setTimeout(60_000);

const SECRET = 'test-only-direct-line-secret-0123456789abcdef';
const ALLOWED = 'https://help.example.com';
const now = () => Math.floor(Date.now() / 1000);

let bot: RunningBot;
let domain: string;
beforeAll(async () => {
  bot = await startBot({
    DIRECTLINE_TOKEN_SECRET: SECRET,
    DIRECTLINE_ACTIVITIES_PER_MINUTE: '4',
    DIRECTLINE_TOKENS_PER_MINUTE: '6',
    DIRECTLINE_MAX_ACTIVITY_KB: '8',
    ALLOWED_ORIGINS: `${ALLOWED},https://status.example.com`,
  });
  domain = `${bot.url}/v3/directline`;
});
afterAll(async () => {
  await bot?.stop();
});

/** Tokens for these tests are forged with the server's secret, so the per-address token limit is left for its own test. */
const tokenFor = (conv: string, user = 'dl_tester', exp = now() + 600) => forgeToken(SECRET, { conv, user, exp });
let counter = 0;
const newConversation = () => `testconversation${String(++counter).padStart(6, '0')}`;

function expectProblem(res: HttpResult<unknown>, status: number, title: string, detail?: RegExp): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title });
  if (detail) expect(String((res.body as { detail?: unknown }).detail)).toMatch(detail);
}

describe('tokens', () => {
  it('a request without a token is 401 with WWW-Authenticate and says where to get one', async () => {
    const res = await call(`${domain}/conversations`, { method: 'POST' });
    expectProblem(res, 401, 'Unauthorized', /POST \/api\/directline\/token/);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('a malformed or foreign token is 403', async () => {
    const conv = newConversation();
    expectProblem(
      await call(`${domain}/conversations`, { method: 'POST', token: 'not-a-token' }),
      403,
      'Forbidden',
      /not valid/,
    );
    const foreign = forgeToken('another-servers-secret-0123456789abcdef', { conv, user: 'dl_x', exp: now() + 600 });
    const res = await poll(domain, conv, foreign);
    expectProblem(res, 403, 'Forbidden', /not issued by this server/);
    expect(res.body).toMatchObject({ code: 'BadToken' });
  });

  it('an expired token is 403 with the time it expired, and cannot be refreshed', async () => {
    const conv = newConversation();
    const expired = tokenFor(conv, 'dl_tester', now() - 5);
    const start = await call(`${domain}/conversations`, { method: 'POST', token: expired });
    expectProblem(start, 403, 'Forbidden', /expired at \d{4}-\d\d-\d\dT.*cannot be refreshed/);
    expect(start.body).toMatchObject({ code: 'TokenExpired' });
    const refresh = await call(`${domain}/tokens/refresh`, { method: 'POST', token: expired });
    expectProblem(refresh, 403, 'Forbidden', /expired.*POST \/api\/directline\/token/);
  });

  it('a token for conversation A is 403 on conversation B: reading, posting, reconnecting and streaming', async () => {
    const a = newConversation();
    const b = newConversation();
    const tokenA = tokenFor(a);
    expect((await call(`${domain}/conversations`, { method: 'POST', token: tokenFor(b) })).status).toBe(201);
    expectProblem(await poll(domain, b, tokenA), 403, 'Forbidden', /another conversation/);
    expectProblem(
      await postActivity(domain, b, tokenA, { type: 'message', text: 'hi' }),
      403,
      'Forbidden',
      /another conversation/,
    );
    expectProblem(await call(`${domain}/conversations/${b}?watermark=0`, { token: tokenA }), 403, 'Forbidden');
    const streamUrl = `${domain.replace(/^http/, 'ws')}/conversations/${b}/stream?t=${encodeURIComponent(tokenA)}`;
    await expect(StreamRecorder.open(streamUrl)).rejects.toMatchObject({ status: 403 });
  });

  it("continuing a conversation through /api/directline/token needs that conversation's token", async () => {
    const conv = newConversation();
    const bare = await getToken(bot.url, { conversationId: conv });
    expectProblem(bare, 403, 'Forbidden', /send its current token/);
    const wrong = await getToken(
      bot.url,
      { conversationId: conv },
      { authorization: `Bearer ${tokenFor(newConversation())}` },
    );
    expectProblem(wrong, 403, 'Forbidden', /another conversation/);
    const right = await getToken(
      bot.url,
      { conversationId: conv },
      { authorization: `Bearer ${tokenFor(conv, 'dl_owner')}` },
    );
    expect(right.status).toBe(200);
    expect(right.body).toMatchObject({ conversationId: conv, userId: 'dl_owner' });
  });
});

describe('tokens that really expire, on a clock the test moves', () => {
  let clock = Date.now();
  let timed: RunningBot;
  beforeAll(async () => {
    timed = await startBot({ DIRECTLINE_TOKEN_TTL_SECONDS: '60' }, { now: () => clock });
  });
  afterAll(async () => {
    await timed?.stop();
  });
  /** When a token expires (its `exp` claim), in ms. */
  const expiryOf = (token: string) =>
    1000 *
    (JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString('utf8')) as { exp: number }).exp;

  it('work until the millisecond they expire, then get 403 TokenExpired, also on refresh', async () => {
    const conv = await startConversation(timed.url);
    expect(conv.expires_in).toBe(60);
    clock = expiryOf(conv.token) - 1;
    expect((await poll(conv.domain, conv.conversationId, conv.token)).status).toBe(200);
    clock += 1;
    const res = await poll(conv.domain, conv.conversationId, conv.token);
    expectProblem(res, 403, 'Forbidden', /expired/);
    expect(res.body).toMatchObject({ code: 'TokenExpired' });
    const refresh = await call(`${conv.domain}/tokens/refresh`, { method: 'POST', token: conv.token });
    expectProblem(refresh, 403, 'Forbidden', /cannot be refreshed/);
  });

  it('close their streams with 1008 and a reason when they expire, and not before', async () => {
    const conv = await startConversation(timed.url);
    const early = await StreamRecorder.open(conv.streamUrl);
    const earlyClosed = new Promise<number>((resolve) => early.socket.once('close', (code) => resolve(code)));
    await postActivity(conv.domain, conv.conversationId, conv.token, { type: 'message', text: 'what is 502' });
    await early.waitFor((activities) => activities.some((a) => a.from.role === 'bot'));

    // The same token a millisecond before it expires: its stream is closed as the millisecond passes.
    clock = expiryOf(conv.token) - 1;
    const late = await StreamRecorder.open(conv.streamUrl);
    const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
      late.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString('utf8') })),
    );
    expect(closed).toMatchObject({ code: 1008, reason: expect.stringMatching(/token .*expired/) });
    // The stream opened with the token's whole life ahead is still open.
    expect(early.socket.readyState).toBe(early.socket.OPEN);
    await early.close();
    expect(await earlyClosed).not.toBe(1008);
  });
});

describe('limits', () => {
  it('an activity over DIRECTLINE_MAX_ACTIVITY_KB is 413 Content Too Large', async () => {
    const conv = newConversation();
    const res = await postActivity(domain, conv, tokenFor(conv), { type: 'message', text: 'x'.repeat(9 * 1024) });
    expectProblem(res, 413, 'Content Too Large', /most this bot accepts is 8 KB/);
  });

  it('more activities a minute than allowed in one conversation is 429 with Retry-After', async () => {
    const conv = newConversation();
    const token = tokenFor(conv);
    for (let i = 0; i < 4; i++) expect((await postActivity(domain, conv, token, { type: 'typing' })).status).toBe(200);
    const res = await postActivity(domain, conv, token, { type: 'message', text: 'one too many' });
    expectProblem(res, 429, 'Too Many Requests', /at most 4 a minute/);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // A refreshed token is the same conversation, so it does not reset the count.
    const refreshed = await call<{ token: string }>(`${domain}/tokens/refresh`, { method: 'POST', token });
    expect((await postActivity(domain, conv, refreshed.body.token, { type: 'typing' })).status).toBe(429);
    // Another conversation is not affected.
    const other = newConversation();
    expect((await postActivity(domain, other, tokenFor(other), { type: 'typing' })).status).toBe(200);
  });

  it('more tokens a minute than allowed from one address is 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let last: HttpResult<unknown> | undefined;
    for (let i = 0; i < 8; i++) {
      last = await getToken(bot.url);
      statuses.push(last.status);
    }
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(6);
    expect(statuses.at(-1)).toBe(429);
    expectProblem(last as HttpResult<unknown>, 429, 'Too Many Requests', /token requests/);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('origins (ALLOWED_ORIGINS)', () => {
  it('refuses a page from an origin not allowed with 403, on the token endpoint and on Direct Line', async () => {
    const evil = { origin: 'https://evil.example' };
    const token = await getToken(bot.url, undefined, evil);
    expectProblem(token, 403, 'Forbidden', /https:\/\/evil\.example.*ALLOWED_ORIGINS/);
    expect(token.headers.get('access-control-allow-origin')).toBeNull();
    const conv = newConversation();
    expectProblem(
      await call(`${domain}/conversations/${conv}/activities`, { token: tokenFor(conv), headers: evil }),
      403,
      'Forbidden',
    );
    const preflight = await call(`${domain}/conversations`, {
      method: 'OPTIONS',
      headers: { ...evil, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    const streamUrl = `${domain.replace(/^http/, 'ws')}/conversations/${conv}/stream?t=${encodeURIComponent(tokenFor(conv))}`;
    await expect(StreamRecorder.open(streamUrl, evil)).rejects.toMatchObject({ status: 403 });
  });

  it('answers the preflight of an allowed origin with CORS headers, and the request itself too', async () => {
    const preflight = await call(`${domain}/conversations`, {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-ms-bot-agent',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(preflight.headers.get('vary')).toMatch(/Origin/);

    const tokenPreflight = await call(`${bot.url}/api/directline/token`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST' },
    });
    expect(tokenPreflight.status).toBe(204);
    expect(tokenPreflight.headers.get('access-control-allow-origin')).toBe(ALLOWED);

    const conv = newConversation();
    const started = await call<ConversationBody>(`${domain}/conversations`, {
      method: 'POST',
      token: tokenFor(conv),
      headers: { origin: ALLOWED },
    });
    expect(started.status).toBe(201);
    expect(started.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const stream = await StreamRecorder.open(started.body.streamUrl, { origin: ALLOWED });
    await stream.close();
  });

  it("always allows the bot's own origin (its own pages), and requests with no Origin at all", async () => {
    const own = await call(`${domain}/conversations`, {
      method: 'POST',
      token: tokenFor(newConversation()),
      headers: { origin: bot.url },
    });
    expect(own.status).toBe(201);
    expect(own.headers.get('access-control-allow-origin')).toBe(bot.url);
    const none = await call(`${domain}/conversations`, { method: 'POST', token: tokenFor(newConversation()) });
    expect(none.status).toBe(201);
  });
});

describe('user text', () => {
  it('is only ever returned inside JSON, never as HTML', async () => {
    const conv = newConversation();
    const token = tokenFor(conv);
    const markup = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const posted = await postActivity(domain, conv, token, { type: 'message', text: markup });
    expect(posted.status).toBe(200);
    const res = await poll(domain, conv, token);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.activities[0]?.text).toBe(markup);
    const refused = await call(`${domain}/conversations/${conv}/activities`, {
      method: 'POST',
      token,
      body: { type: markup },
    });
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(refused.text).not.toContain('<script>');
  });
});
