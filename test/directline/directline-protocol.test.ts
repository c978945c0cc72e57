/**
 * The self-hosted Direct Line 3.0 against the real server (in-process, over HTTP), spoken as the official client speaks it: a
 * token from POST /api/directline/token, POST /conversations, activities posted and read back by polling with a
 * watermark and over the WebSocket stream, token refresh. Then the official client itself (botframework-directlinejs)
 * in Node, and the same conversation with Bot Framework credentials configured.
 */
import { startBot, type RunningBot } from '../support/bot-in-process';
import {
  StreamRecorder,
  call,
  getToken,
  poll,
  postActivity,
  startConversation,
  visible,
  type ConversationBody,
  type DlActivity,
} from './directline-client';
import { connectOfficialClient } from './official-client';

jest.setTimeout(60_000);

let bot: RunningBot;
beforeAll(async () => {
  bot = await startBot();
});
afterAll(async () => {
  await bot?.stop();
});

const cardText = (a: DlActivity | undefined) => visible(a ? [a] : []);

describe('POST /api/directline/token', () => {
  it('issues a signed token for a new conversation, with the Direct Line domain to use it with', async () => {
    const { status, body, headers } = await getToken(bot.url);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toEqual({
      token: expect.any(String),
      conversationId: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      expires_in: 1800,
      domain: `${bot.url}/v3/directline`,
      userId: expect.stringMatching(/^dl_/),
    });
    // A JWT whose claims name the conversation and the user (Web Chat reads `user` from it).
    const claims = JSON.parse(Buffer.from(body.token.split('.')[1] as string, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    expect(claims).toMatchObject({ conv: body.conversationId, user: body.userId });
  });

  it('keeps a user id and name the page chose, and refuses malformed ones with 400', async () => {
    const { body } = await getToken(bot.url, { user: { id: 'visitor-42', name: 'Ada' } });
    expect(body.userId).toBe('visitor-42');
    const bad = await getToken(bot.url, { user: { id: 'has spaces and <tags>' } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(bad.body).toMatchObject({ title: 'Bad Request', status: 400 });
  });

  it('needs no body and no content type (curl -X POST)', async () => {
    const res = await fetch(`${bot.url}/api/directline/token`, { method: 'POST' });
    expect(res.status).toBe(200);
  });
});

describe('a conversation over REST', () => {
  let conv: Awaited<ReturnType<typeof startConversation>>;
  let watermark = '';

  beforeAll(async () => {
    conv = await startConversation(bot.url, { id: 'visitor-7', name: 'Grace' });
  });

  it('starts with 201 and a WebSocket streamUrl; starting it again is 200 for the same conversation', async () => {
    expect(conv.streamUrl).toMatch(
      new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${conv.conversationId}/stream\\?t=`),
    );
    const again = await call<ConversationBody>(`${conv.domain}/conversations`, { method: 'POST', token: conv.token });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ conversationId: conv.conversationId, token: conv.token });
    expect(again.body.expires_in).toBeGreaterThan(1700);
  });

  it('answers "what is 502": the user\'s activity comes back (same clientActivityID), then a card naming 502 Bad Gateway', async () => {
    const posted = await postActivity(conv.domain, conv.conversationId, conv.token, {
      type: 'message',
      text: 'what is 502',
      from: { id: 'someone-else', role: 'user' }, // not trusted: the token says who posts
      channelData: { clientActivityID: 'client-1' },
    });
    expect(posted.status).toBe(200);
    expect(posted.body.id).toBe(`${conv.conversationId}|0000001`);

    const { status, body } = await poll(conv.domain, conv.conversationId, conv.token);
    expect(status).toBe(200);
    const [echo, reply] = body.activities;
    expect(echo).toMatchObject({
      id: posted.body.id,
      type: 'message',
      text: 'what is 502',
      channelId: 'directline',
      conversation: { id: conv.conversationId },
      from: { id: 'visitor-7', name: 'Grace', role: 'user' },
      channelData: { clientActivityID: 'client-1' },
    });
    expect(reply).toMatchObject({
      id: `${conv.conversationId}|0000002`,
      type: 'message',
      from: { id: 'statusbot', name: 'StatusBot', role: 'bot' },
      conversation: { id: conv.conversationId },
      channelId: 'directline',
      replyToId: posted.body.id,
    });
    expect(Date.parse(reply?.timestamp ?? '')).toBeGreaterThanOrEqual(Date.parse(echo?.timestamp ?? ''));
    expect(reply?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(reply)).toMatch(/502 Bad Gateway/);
    // Routing internals stay on the server.
    expect(reply).not.toHaveProperty('serviceUrl');
    expect(reply).not.toHaveProperty('recipient');
    expect(body.watermark).toBe(String(body.activities.length));
    watermark = body.watermark;
  });

  it('advances the watermark: the next poll returns only what is new', async () => {
    const empty = await poll(conv.domain, conv.conversationId, conv.token, watermark);
    expect(empty.body).toEqual({ activities: [], watermark });

    await postActivity(conv.domain, conv.conversationId, conv.token, { type: 'message', text: 'how do I fix it?' });
    const { body } = await poll(conv.domain, conv.conversationId, conv.token, watermark);
    expect(body.activities[0]).toMatchObject({ text: 'how do I fix it?', from: { role: 'user' } });
    expect(body.activities.length).toBeGreaterThanOrEqual(2);
    expect(body.activities.every((a) => Number(a.id.split('|')[1]) > Number(watermark))).toBe(true);
    expect(visible(body.activities.slice(1))).toMatch(/502/);
    expect(Number(body.watermark)).toBe(Number(watermark) + body.activities.length);
    watermark = body.watermark;
  });

  it('pushes new activities over the WebSocket stream, after the watermark the reconnect asked for', async () => {
    const reconnect = await call<ConversationBody>(
      `${conv.domain}/conversations/${conv.conversationId}?watermark=${watermark}`,
      { token: conv.token },
    );
    expect(reconnect.status).toBe(200);
    expect(reconnect.body.streamUrl).toContain(`&watermark=${watermark}`);

    const stream = await StreamRecorder.open(reconnect.body.streamUrl);
    try {
      await postActivity(conv.domain, conv.conversationId, conv.token, {
        type: 'message',
        text: 'what about 504?',
        channelData: { clientActivityID: 'client-3' },
      });
      const got = await stream.waitFor((all) => all.some((a) => a.from.role === 'bot'));
      // Nothing from before the watermark; the echo first, then the answer.
      expect(got[0]).toMatchObject({ text: 'what about 504?', channelData: { clientActivityID: 'client-3' } });
      expect(visible(got.filter((a) => a.from.role === 'bot'))).toMatch(/504 Gateway Timeout/);
      expect(stream.groups.every((g) => g.watermark === undefined || /^\d+$/.test(g.watermark))).toBe(true);
    } finally {
      await stream.close();
    }
  });

  it('replays the whole kept history to a stream opened without a watermark (a reloaded page)', async () => {
    const stream = await StreamRecorder.open(conv.streamUrl);
    try {
      const got = await stream.waitFor((all) => all.length >= 6);
      expect(got[0]?.text).toBe('what is 502');
      expect(new Set(got.map((a) => a.id)).size).toBe(got.length);
    } finally {
      await stream.close();
    }
  });

  it('refreshes the token for the same conversation', async () => {
    const refreshed = await call<{ conversationId: string; token: string; expires_in: number }>(
      `${conv.domain}/tokens/refresh`,
      { method: 'POST', token: conv.token },
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(conv.conversationId);
    expect(refreshed.body.expires_in).toBe(1800);
    const { status, body } = await poll(conv.domain, conv.conversationId, refreshed.body.token);
    expect(status).toBe(200);
    expect(body.activities[0]?.text).toBe('what is 502');
  });

  it('continues the conversation after a reload: a new token for it from its current one', async () => {
    const resumed = await getToken(
      bot.url,
      { conversationId: conv.conversationId },
      { authorization: `Bearer ${conv.token}` },
    );
    expect(resumed.status).toBe(200);
    expect(resumed.body).toMatchObject({ conversationId: conv.conversationId, userId: 'visitor-7' });
  });
});

describe('what else a client may send', () => {
  it('greets on the webchat/join event (the event is echoed, the greeting follows)', async () => {
    const conv = await startConversation(bot.url);
    await postActivity(conv.domain, conv.conversationId, conv.token, {
      type: 'event',
      name: 'webchat/join',
      value: { language: 'en-US' },
    });
    const { body } = await poll(conv.domain, conv.conversationId, conv.token);
    expect(body.activities[0]).toMatchObject({ type: 'event', name: 'webchat/join', from: { role: 'user' } });
    expect(visible(body.activities.slice(1))).toMatch(/StatusBot/);
  });

  it('accepts text over 10,000 characters; the answer says only the start was read', async () => {
    const conv = await startConversation(bot.url);
    const log = `${'upstream returned 502 Bad Gateway while reading response header\n'.repeat(200)}`;
    expect(log.length).toBeGreaterThan(10_000);
    const posted = await postActivity(conv.domain, conv.conversationId, conv.token, { type: 'message', text: log });
    expect(posted.status).toBe(200);
    const { body } = await poll(conv.domain, conv.conversationId, conv.token);
    expect(visible(body.activities.slice(1))).toMatch(/longer than 10,000 characters/);
  });

  it("refuses activity types that are the channel's to send, and uploads (501)", async () => {
    const conv = await startConversation(bot.url);
    const update = await postActivity(conv.domain, conv.conversationId, conv.token, {
      type: 'conversationUpdate',
      membersAdded: [{ id: 'x' }],
    });
    expect(update.status).toBe(400);
    expect(update.body).toMatchObject({ title: 'Bad Request', code: 'BadArgument' });
    const upload = await call(`${conv.domain}/conversations/${conv.conversationId}/upload?userId=x`, {
      method: 'POST',
      token: conv.token,
      body: '--b\r\nContent-Disposition: form-data; name="file"; filename="a.log"\r\n\r\nhello\r\n--b--\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect(upload.status).toBe(501);
    expect(upload.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(upload.body).toMatchObject({ title: 'Not Implemented', code: 'NotSupported' });
  });
});

describe('the official client (botframework-directlinejs) in Node', () => {
  it.each([
    ['polling', false],
    ['the WebSocket stream', true],
  ])('talks to our server over %s', async (_how, webSocket) => {
    const { body: issued } = await getToken(bot.url);
    const client = connectOfficialClient({ domain: issued.domain, token: issued.token, webSocket });
    try {
      const id = await client.post({
        type: 'message',
        from: { id: issued.userId },
        text: 'what is 502',
        channelData: { clientActivityID: 'official-1' },
      });
      expect(id).toBe(`${issued.conversationId}|0000001`);
      const got = await client.waitFor((all) => all.some((a) => a.from.role === 'bot'));
      expect(got[0]).toMatchObject({ id, channelData: { clientActivityID: 'official-1' } });
      expect(visible(got.filter((a) => a.from.role === 'bot'))).toMatch(/502 Bad Gateway/);
    } finally {
      client.end();
    }
  });
});

describe('with Bot Framework credentials configured', () => {
  let secured: RunningBot;
  beforeAll(async () => {
    // Credentials make /api/messages demand Azure's JWTs; the self-hosted Direct Line runs its turns in-process and
    // never calls out (expectReplies), so it works even with a made-up app registration and no network.
    secured = await startBot({
      HOST: '127.0.0.1',
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
    });
  });
  afterAll(async () => {
    await secured?.stop();
  });

  it('still answers in-process', async () => {
    const conv = await startConversation(secured.url);
    const posted = await postActivity(conv.domain, conv.conversationId, conv.token, {
      type: 'message',
      text: 'what is 502',
    });
    expect(posted.status).toBe(200);
    const { body } = await poll(conv.domain, conv.conversationId, conv.token);
    expect(visible(body.activities.slice(1))).toMatch(/502 Bad Gateway/);
  });
});

describe('stopping the server', () => {
  it('closes open streams with 1001 Going Away', async () => {
    const doomed = await startBot();
    const conv = await startConversation(doomed.url);
    const stream = await StreamRecorder.open(conv.streamUrl);
    const closeCode = new Promise<number>((resolve) => stream.socket.once('close', (code) => resolve(code)));
    await doomed.stop();
    expect(await closeCode).toBe(1001);
  });
});
