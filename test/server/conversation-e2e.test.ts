/**
 * End to end over HTTP, as a channel talks to the bot: the real server (in-process), the real CloudAdapter, activities
 * POSTed to /api/messages with deliveryMode "expectReplies". Covers the welcome, a lookup card, follow-ups that
 * rely on conversation state, a comparison, a class, a triage, a network error, feedback and a did-you-mean choice.
 */
import { botForThisFile } from '../support/bot-in-process';
import { say, sendActivity, visibleText } from '../support/channel-client';

jest.setTimeout(30_000);

const bot = botForThisFile();

const cardOf = (a: { attachments?: Array<{ contentType: string; content: Record<string, unknown> }> }) =>
  a.attachments?.find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive')?.content;

describe('a channel-style conversation', () => {
  const conv = 'e2e-conversation-1';

  it('welcomes a new member with what the bot does and example questions', async () => {
    const { status, activities } = await sendActivity(bot.url, conv, {
      type: 'conversationUpdate',
      membersAdded: [{ id: 'user-1' }],
    });
    expect(status).toBe(200);
    expect(visibleText(activities)).toMatch(/StatusBot/);
    expect(JSON.stringify(activities[0]?.attachments)).toContain('"text":"what is 502"');
  });

  it('welcomes on the webchat/join event', async () => {
    const { activities } = await sendActivity(bot.url, 'e2e-join', { type: 'event', name: 'webchat/join' });
    expect(visibleText(activities)).toMatch(/StatusBot/);
  });

  it('answers "what is 502" with a 1.5 card naming Bad Gateway and next steps', async () => {
    const { status, activities } = await say(bot.url, conv, 'what is 502');
    expect(status).toBe(200);
    const card = cardOf(activities[0] as never);
    expect(card?.version).toBe('1.5');
    const text = visibleText(activities);
    expect(text).toMatch(/502 Bad Gateway/);
    expect(text).toMatch(/If you run the server/i);
    expect(activities[0]?.text).toMatch(/Bad Gateway/);
  });

  it('keeps context for "how do I fix it?"', async () => {
    const text = visibleText((await say(bot.url, conv, 'how do I fix it?')).activities);
    expect(text).toMatch(/502/);
    expect(text).toMatch(/fix/i);
  });

  it('answers "what about 504?" about 504 Gateway Timeout', async () => {
    expect(visibleText((await say(bot.url, conv, 'what about 504?')).activities)).toMatch(/504 Gateway Timeout/);
  });

  it('answers "is it safe to retry?" about the last code (504)', async () => {
    const text = visibleText((await say(bot.url, conv, 'is it safe to retry?')).activities);
    expect(text).toMatch(/504/);
    expect(text).toMatch(/retry/i);
  });

  it('compares "compare it with 502" against the last code', async () => {
    const text = visibleText((await say(bot.url, conv, 'compare it with 502')).activities);
    expect(text).toMatch(/504/);
    expect(text).toMatch(/502/);
  });

  it('compares "401 vs 403" side by side', async () => {
    const text = visibleText((await say(bot.url, conv, '401 vs 403')).activities);
    expect(text).toMatch(/401 Unauthorized/);
    expect(text).toMatch(/403 Forbidden/);
  });

  it('lists a class and triages a pasted log', async () => {
    expect(visibleText((await say(bot.url, conv, 'what are 5xx errors?')).activities)).toMatch(/Server error/i);
    const log = [
      '10.0.0.1 - - [25/Nov/2026:10:00:01 +0000] "GET /api HTTP/1.1" 502 157 "-" "curl/8.5.0"',
      '10.0.0.1 - - [25/Nov/2026:10:00:02 +0000] "GET /api HTTP/1.1" 502 157 "-" "curl/8.5.0"',
      '10.0.0.1 - - [25/Nov/2026:10:00:03 +0000] "GET /api HTTP/1.1" 200 512 "-" "curl/8.5.0"',
    ].join('\n');
    const text = visibleText((await say(bot.url, conv, log)).activities);
    expect(text).toMatch(/502/);
    expect(text).toMatch(/2 of 3|67%/);
  });

  it('opens a related code from a card button click (card data, no text)', async () => {
    const text = visibleText(
      (await sendActivity(bot.url, conv, { value: { action: 'lookup', code: 410, id: '410' } })).activities,
    );
    expect(text).toMatch(/410 Gone/);
  });

  it('records a 👍 without a message, and answers a 👎 with an offer to rephrase', async () => {
    const { activities } = await sendActivity(bot.url, conv, {
      value: { action: 'feedback', reaction: 'like', id: '410' },
    });
    expect(activities).toHaveLength(0);
    const disliked = await sendActivity(bot.url, `${conv}-2`, {
      value: { action: 'feedback', reaction: 'dislike', id: '410' },
    });
    expect(disliked.activities[0]?.text).toMatch(/^Sorry that missed/);
    const stats = (await (await fetch(`${bot.url}/api/stats`)).json()) as { feedback: { like: number } };
    expect(stats.feedback.like).toBeGreaterThanOrEqual(1);
  });

  it("carries Web Chat's thumbs (schema.org LikeAction/DislikeAction, channelData.feedbackLoop) and records a vote", async () => {
    const { activities } = await say(bot.url, 'e2e-webchat-feedback', 'what is 429');
    const entity = (
      activities[0]?.entities as
        Array<{ potentialAction?: Array<{ '@type': string; description: string }> }> | undefined
    )?.[0];
    expect(entity?.potentialAction?.map((a) => a['@type'])).toEqual(['LikeAction', 'DislikeAction']);
    expect(activities[0]?.channelData).toMatchObject({ feedbackLoop: { type: 'default' } });
    const before = ((await (await fetch(`${bot.url}/api/stats`)).json()) as { feedback: { dislike: number } }).feedback
      .dislike;
    const vote = entity?.potentialAction?.[1];
    const { status } = await sendActivity(bot.url, 'e2e-webchat-feedback', {
      type: 'event',
      name: 'webchat:activity-status/feedback',
      entities: [vote as never],
    });
    expect(status).toBe(200);
    const after = (
      (await (await fetch(`${bot.url}/api/stats`)).json()) as {
        feedback: { dislike: number; byCode: Array<{ id: string }> };
      }
    ).feedback;
    expect(after.dislike).toBe(before + 1);
    expect(after.byCode.map((f) => f.id)).toContain('429');
  });

  it('explains a pasted network error that has no status, and "how do I fix it?" is about it, not an older code', async () => {
    const network = 'e2e-network-error';
    await say(bot.url, network, 'what is 404');
    const { activities } = await say(
      bot.url,
      network,
      'curl: (7) Failed to connect to localhost port 3000 after 0 ms: Connection refused',
    );
    expect(cardOf(activities[0] as never)).toMatchObject({ version: '1.5' });
    const text = visibleText(activities);
    expect(text).toMatch(/Connection refused/);
    expect(text).toMatch(/a network error, not an HTTP status/i);
    expect(text).toMatch(/What is 502\?/);
    const fix = visibleText((await say(bot.url, network, 'how do I fix it?')).activities);
    expect(fix).toMatch(/Connection refused/);
    expect(fix).toMatch(/listening on the expected port/);
    expect(fix).not.toMatch(/404 Not Found/);
  });

  it('says what it can do for an out-of-scope question, naming no code', async () => {
    const text = visibleText((await say(bot.url, conv, "what's the capital of france")).activities);
    expect(text).toMatch(/HTTP status codes/);
  });
});
