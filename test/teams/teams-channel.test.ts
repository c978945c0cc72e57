/**
 * StatusBot in Teams channels and group chats, through the real server (in-process) and CloudAdapter over HTTP: @mentions of
 * the bot leave the text (every one, nobody else's), replies go to the thread, an answer is its card alone with a
 * notification summary, answers carry Teams' feedback loop, and a vote from Teams' feedback form ends in the same
 * record as a vote from the card's buttons. Teams opens only absolute links: without PUBLIC_URL, no "Open page".
 */
import { startBot, type RunningBot } from '../support/bot-in-process';
import { sendActivity, visibleText, type Activity } from '../support/channel-client';
import { startConnectorStandIn, type ConnectorStandIn } from './connector-stand-in';
import { BOT, channelMessage, channelThread, groupChatMessage, invokeActivity, mention, post } from './teams-activity';

jest.setTimeout(30_000);

let bot: RunningBot;
let connector: ConnectorStandIn;
beforeAll(async () => {
  // debug: the bot logs the text it understood ("message text"), which is how these tests see the stripped text.
  [bot, connector] = await Promise.all([startBot({ LOG_LEVEL: 'debug' }), startConnectorStandIn()]);
});
afterAll(async () => {
  await Promise.all([bot?.stop(), connector?.close()]);
});

const ALICE = { id: '29:alice-id', name: 'Alice Kim' };
const cardOf = (a: Activity | undefined) =>
  a?.attachments?.find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive')?.content;

/** The text the bot's dialogs saw for a conversation, from its debug log (written during the turn), oldest first. */
function understoodTexts(conversationId: string): string[] {
  return bot.logs.flatMap((line) =>
    typeof line === 'object' && line.msg === 'message text' && line.conversation === conversationId
      ? [String(line.text)]
      : [],
  );
}

async function teams(activity: Partial<Activity>) {
  const conversationId = (activity.conversation as { id: string }).id;
  const { status, activities } = await sendActivity(bot.url, conversationId, activity, 'msteams');
  expect(status).toBe(200);
  return activities;
}

async function stats(): Promise<{
  feedback: { like: number; dislike: number; byCode: Array<{ id: string; like: number; dislike: number }> };
}> {
  return (await fetch(`${bot.url}/api/stats`)).json() as never;
}

describe('@mentions in a channel', () => {
  test('"<at>StatusBot</at> what is 502" gets the 502 card, in the thread, without mention markup', async () => {
    const thread = channelThread('502502');
    const message = channelMessage('<at>StatusBot</at> what is 502', [mention(BOT)], thread);
    const replies = await teams(message);
    expect(replies).toHaveLength(1);
    const reply = replies[0] as Activity;
    expect(cardOf(reply)?.version).toBe('1.5');
    expect(visibleText(replies)).toMatch(/502 Bad Gateway/);
    expect(JSON.stringify(replies)).not.toMatch(/<at>|StatusBot<\/at>/);
    expect(understoodTexts(thread)).toEqual(['what is 502']);
    // Bot Framework addresses the reply to the thread (the conversation id with ;messageid=) and the message.
    expect(reply.conversation).toMatchObject({ id: thread });
    expect(reply.replyToId).toBe(message.id);
    expect(reply.channelId).toBe('msteams');
  });

  test("removes every mention of the bot, with Teams' line breaks and spaces around them", async () => {
    const thread = channelThread('twice');
    const replies = await teams(
      channelMessage(
        '\r\n<at>StatusBot</at>  401 vs 403 please <at>StatusBot</at>\r\n',
        [mention(BOT), mention(BOT)],
        thread,
      ),
    );
    expect(understoodTexts(thread)).toEqual(['401 vs 403 please']);
    const text = visibleText(replies);
    expect(text).toMatch(/401 Unauthorized/);
    expect(text).toMatch(/403 Forbidden/);
    expect(JSON.stringify(replies)).not.toMatch(/<at>/);
  });

  test("keeps other people's mentions in the text it understands", async () => {
    const thread = channelThread('alice');
    const replies = await teams(
      channelMessage(
        '<at>StatusBot</at> <at>Alice Kim</at> keeps getting too many requests from the API',
        [mention(BOT), mention(ALICE)],
        thread,
      ),
    );
    expect(understoodTexts(thread)).toEqual(['<at>Alice Kim</at> keeps getting too many requests from the API']);
    expect(visibleText(replies)).toMatch(/429 Too Many Requests/);
    expect(JSON.stringify(replies)).not.toMatch(/<at>StatusBot/);
  });

  test('a pasted log keeps its lines', async () => {
    const thread = channelThread('log');
    const log = [
      '10.0.0.1 - - [25/Nov/2026:10:00:01 +0000] "GET /api HTTP/1.1" 502 157 "-" "curl/8.5.0"',
      '10.0.0.1 - - [25/Nov/2026:10:00:02 +0000] "GET /api HTTP/1.1" 502 157 "-" "curl/8.5.0"',
      '10.0.0.1 - - [25/Nov/2026:10:00:03 +0000] "GET /api HTTP/1.1" 200 512 "-" "curl/8.5.0"',
    ];
    const replies = await teams(channelMessage(`<at>StatusBot</at>\r\n${log.join('\r\n')}`, [mention(BOT)], thread));
    expect(understoodTexts(thread)).toEqual([log.join('\n')]);
    expect(visibleText(replies)).toMatch(/502/);
  });

  test('works the same in a group chat', async () => {
    const message = groupChatMessage('<at>StatusBot</at> bad gateway', [mention(BOT)]);
    const replies = await teams(message);
    expect(visibleText(replies)).toMatch(/502 Bad Gateway/);
    expect(replies[0]?.conversation).toMatchObject({ id: '19:meeting_group@thread.v2' });
    expect(JSON.stringify(replies)).not.toMatch(/<at>/);
  });
});

describe('one message per answer', () => {
  test("an answer is its card alone, with the card's first line as the summary Teams notifies with", async () => {
    const [reply, ...more] = await teams(
      channelMessage('<at>StatusBot</at> what is 429', [mention(BOT)], channelThread('card-only')),
    );
    expect(more).toHaveLength(0);
    expect(reply?.text).toBeUndefined();
    expect(reply?.textFormat).toBeUndefined();
    expect(reply?.summary).toBe('429 Too Many Requests: 4xx client error');
    expect(cardOf(reply)).toMatchObject({ version: '1.5' });
    // Other channels keep the Markdown text next to the card (for clients without cards and for screen readers).
    const { activities } = await sendActivity(bot.url, 'not-teams-card', { text: 'what is 429' }, 'webchat');
    expect(activities[0]?.text).toMatch(/^\*\*429 Too Many Requests\*\*/);
    expect(activities[0]?.summary).toBeUndefined();
  });

  test('a reply without a card keeps its text', async () => {
    const thread = channelThread('line');
    const [reply] = await teams({
      ...channelMessage('', [], thread),
      value: { action: 'feedback', reaction: 'dislike', id: '429' },
    });
    expect(reply?.text).toMatch(/^Sorry that missed/);
    expect(reply?.summary).toBeUndefined();
  });
});

describe('"Open page" on Teams', () => {
  const pageLinks = (card: unknown) => JSON.stringify(card).match(/"url":"[^"]*\/codes\/[^"]*"/g) ?? [];

  test('without PUBLIC_URL Teams gets no link to the code page (it opens only absolute ones); Web Chat gets it', async () => {
    const [reply] = await teams(
      channelMessage('<at>StatusBot</at> what is 502', [mention(BOT)], channelThread('page')),
    );
    expect(pageLinks(cardOf(reply))).toEqual([]);
    // The references, absolute, stay on the card.
    expect(JSON.stringify(cardOf(reply))).toMatch(/"type":"Action\.OpenUrl","title":"[^"]+","url":"https:/);
    const { activities } = await sendActivity(bot.url, 'webchat-page', { text: 'what is 502' }, 'webchat');
    expect(pageLinks(cardOf(activities[0]))).toEqual(['"url":"/codes/502"']);
  });
});

describe("Teams' feedback loop", () => {
  test('answers about a code carry channelData.feedbackLoopEnabled; the greeting does not', async () => {
    const answer = await teams(channelMessage('<at>StatusBot</at> what is 504', [mention(BOT)], channelThread('loop')));
    expect(answer[0]?.channelData).toMatchObject({ feedbackLoopEnabled: true });
    const greeting = await teams(channelMessage('<at>StatusBot</at> help', [mention(BOT)], channelThread('help')));
    expect(visibleText(greeting)).toMatch(/StatusBot/);
    expect((greeting[0]?.channelData as Record<string, unknown> | undefined)?.feedbackLoopEnabled).toBeUndefined();
  });

  test("other channels get no Teams channelData (only Web Chat's feedbackLoop)", async () => {
    const { activities } = await sendActivity(bot.url, 'not-teams', { text: 'what is 504' }, 'webchat');
    expect(activities[0]?.channelData).toEqual({ feedbackLoop: { type: 'default' } });
  });

  test("a vote from Teams' form is recorded for the answer it rates, like a card vote, and gets 200", async () => {
    // Normal delivery, as in Teams: the reply goes to the connector, which gives it the id the vote will name.
    const thread = channelThread('vote');
    const message: Record<string, unknown> = {
      ...channelMessage('<at>StatusBot</at> what is 503', [mention(BOT)], thread),
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      timestamp: new Date().toISOString(),
    };
    expect((await post(bot.url, message)).status).toBe(200);
    const sent = connector.received.find((r) => r.body.replyToId === message.id);
    expect(sent?.path).toBe(`/v3/conversations/${thread}/activities/${message.id}`);
    expect(sent?.body.channelData).toMatchObject({ feedbackLoopEnabled: true });

    const before = await stats();
    const vote = invokeActivity(
      'message/submitAction',
      {
        actionName: 'feedback',
        actionValue: {
          reaction: 'dislike',
          feedback: JSON.stringify({ feedbackText: 'Say which proxy setting to change' }),
        },
      },
      {
        replyToId: sent?.id,
        conversation: { id: thread, conversationType: 'channel', isGroup: true, tenantId: 't' },
        serviceUrl: connector.serviceUrl,
      },
    );
    const response = await post(bot.url, vote);
    expect(response.status).toBe(200);
    const after = await stats();
    expect(after.feedback.dislike).toBe(before.feedback.dislike + 1);
    expect(after.feedback.byCode).toContainEqual(expect.objectContaining({ id: '503', dislike: 1 }));
    // Teams' form needs no message back: nothing more went to the conversation.
    expect(connector.received.filter((r) => r.path.includes(thread))).toHaveLength(1);

    // A 👍 on the same answer from the same conversation (an older card's button) replaces the 👎 rather than adding.
    const cardVote = { ...channelMessage('', [], thread), value: { action: 'feedback', reaction: 'like', id: '503' } };
    await teams(cardVote);
    expect((await stats()).feedback.byCode).toContainEqual({ id: '503', like: 1, dislike: 0 });
  });

  test('with expectReplies the invoke response comes back as an invokeResponse activity; a vote rating no message of ours is not recorded', async () => {
    const before = await stats();
    const { status, activities } = await sendActivity(
      bot.url,
      'a:1personal',
      invokeActivity('message/submitAction', { actionName: 'feedback', actionValue: { reaction: 'like' } }),
      'msteams',
    );
    expect(status).toBe(200);
    expect(activities).toEqual([expect.objectContaining({ type: 'invokeResponse', value: { status: 200 } })]);
    const forged = invokeActivity(
      'message/submitAction',
      { actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: '{"feedbackText":"made up"}' } },
      { replyToId: 'a-message-the-bot-never-sent' },
    );
    expect((await sendActivity(bot.url, 'a:1personal', forged, 'msteams')).status).toBe(200);
    expect((await stats()).feedback).toEqual(before.feedback);
  });

  test('a submitAction that is not a feedback vote is refused with 400 and not recorded', async () => {
    const before = await stats();
    const response = await post(
      bot.url,
      invokeActivity('message/submitAction', { actionName: 'feedback', actionValue: { reaction: 'meh' } }),
    );
    expect(response.status).toBe(400);
    expect((await stats()).feedback).toEqual(before.feedback);
  });
});
