/**
 * Odd activities never crash the server or lose the conversation: missing fields, unknown types, empty text, a paste
 * near the size limit and a 1 MB message over it, binary junk, emoji, right-to-left text, and markup that must stay
 * text in cards.
 */
import { botForThisFile } from '../support/bot-in-process';
import { type Activity, sendActivity, visibleText } from '../support/channel-client';

jest.setTimeout(60_000);

const bot = botForThisFile({ RATE_LIMIT_PER_MINUTE: '10000' });

const conv = 'junk-conversation';
const cardJson = (activities: Activity[]) => JSON.stringify(activities.map((a) => a.attachments));

/** A message activity as a channel posts it, for bodies the channel client would never send. */
const messageBody = (text: string): Record<string, unknown> => ({
  type: 'message',
  channelId: 'test',
  from: { id: 'u' },
  conversation: { id: conv },
  recipient: { id: 'b' },
  serviceUrl: 'http://127.0.0.1:9/',
  text,
  deliveryMode: 'expectReplies',
});
const postRaw = (body: Record<string, unknown>) =>
  fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

it.each([
  ['no conversation', { conversation: undefined }],
  ['no channelId', { channelId: undefined }],
  ['no from', { from: undefined }],
  ['a type that is not a string', { type: 42 }],
])('an activity with %s is refused with 400 naming what is missing', async (_what, patch) => {
  const res = await postRaw({ ...messageBody('hi'), ...patch });
  expect(res.status).toBe(400);
  expect(((await res.json()) as { detail: string }).detail).toMatch(/missing/);
});

it('an unknown activity type is accepted quietly (200, no reply)', async () => {
  const { status, activities } = await sendActivity(bot.url, conv, { type: 'somethingNew', text: 'hi' });
  expect(status).toBe(200);
  expect(activities).toHaveLength(0);
});

it.each([
  ['empty text', ''],
  ['whitespace', '   \n\t  '],
  ['binary junk', '\u0000\u0001\u0002\uFFFD\uD800 \u001b[31mred\u001b[0m'],
  ['emoji', '🔥🔥 502 😭 on checkout 🛒'],
  ['right-to-left text', 'الخادم يعيد 503 Service Unavailable'],
  ['a 150 KB paste', `${'GET /api HTTP/1.1 200 512\n'.repeat(6_000)}`],
])('%s gets an answer and the conversation goes on', async (_what, text) => {
  const first = await sendActivity(bot.url, conv, { text });
  expect(first.status).toBe(200);
  expect(first.activities.length).toBeGreaterThan(0);
  const next = await sendActivity(bot.url, conv, { text: 'what is 404' });
  expect(visibleText(next.activities)).toMatch(/404 Not Found/);
});

it('a message longer than 10,000 characters is cut and the answer says so', async () => {
  const { activities } = await sendActivity(bot.url, conv, {
    text: `HTTP/1.1 503 Service Unavailable ${'x'.repeat(20_000)}`,
  });
  expect(visibleText(activities)).toMatch(/10,000 characters/);
});

it('a message of 1 MB is refused with 413 (over MAX_BODY_KB) and the conversation goes on', async () => {
  const res = await postRaw(messageBody('x'.repeat(1024 * 1024)));
  expect(res.status).toBe(413);
  expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  const next = await sendActivity(bot.url, conv, { text: 'what is 413' });
  expect(visibleText(next.activities)).toMatch(/413 Content Too Large/);
});

it('markdown and HTML in a message are never echoed into cards as markup', async () => {
  const { activities } = await sendActivity(bot.url, conv, {
    text: '<img src=x onerror=alert(1)> **bold** [link](javascript:alert(1)) what is 502',
  });
  const cards = cardJson(activities);
  expect(cards).not.toMatch(/<img|onerror|javascript:/);
  expect(visibleText(activities)).toMatch(/502 Bad Gateway/);
});
