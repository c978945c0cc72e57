/**
 * Forged feedback (issue 13, item 10), against the running server over HTTP with expectReplies: a vote counts only
 * for an answer the bot sent in that conversation, from Web Chat's thumbs (or an older card's buttons). A vote for
 * anything else (a subject never answered there, one answered in another conversation, made-up markup) gets the same
 * reply as any vote (none for 👍, the offer to rephrase for 👎), leaves GET /api/stats exactly as it was, and the text
 * that came with it is neither kept nor logged.
 */
import { botForThisFile } from '../support/bot-in-process';
import { sendActivity, say, visibleText, type Activity } from '../support/channel-client';

jest.setTimeout(30_000);

const bot = botForThisFile({ LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '10000' });

type Snapshot = {
  turns: number;
  unanswered: { count: number };
  feedback: { like: number; dislike: number; byCode: Array<{ id: string; like: number; dislike: number }> };
};
const stats = async (): Promise<Snapshot> => (await fetch(`${bot.url}/api/stats`)).json() as never;

const cardVote = (reaction: 'like' | 'dislike', id: string, text?: string): Partial<Activity> => ({
  value: { action: 'feedback', reaction, id },
  ...(text ? { text } : {}),
});
const webChatVote = (type: 'LikeAction' | 'DislikeAction', subject: string): Partial<Activity> => ({
  type: 'event',
  name: 'webchat:activity-status/feedback',
  entities: [{ '@type': type, description: subject }] as never,
});

/** The vote the answer's card offers, as its 👍 button carries it. */
/** The 👍 an answer offers: the subject its thumbs (schema.org LikeAction) carry. */
function offeredVote(reply: Activity | undefined): { action: string; reaction: string; id: string } | undefined {
  const like = (
    reply?.entities as Array<{ potentialAction?: Array<{ '@type': string; description: string }> }> | undefined
  )?.[0]?.potentialAction?.find((a) => a['@type'] === 'LikeAction');
  return like ? { action: 'feedback', reaction: 'like', id: like.description } : undefined;
}

describe('a vote counts for an answer given in its conversation', () => {
  test('a 👍 after an answer is recorded for that answer, with no message back', async () => {
    const answer = await say(bot.url, 'votes-a', 'what is 502');
    const vote = offeredVote(answer.activities[0]);
    expect(vote).toEqual({ action: 'feedback', reaction: 'like', id: '502' });
    const before = await stats();
    const { status, activities } = await sendActivity(bot.url, 'votes-a', { value: vote });
    expect(status).toBe(200);
    expect(activities).toHaveLength(0);
    const after = await stats();
    expect(after.feedback.like).toBe(before.feedback.like + 1);
    expect(after.feedback.byCode).toContainEqual({ id: '502', like: 1, dislike: 0 });
  });

  test("Web Chat's 👎 on an earlier answer of the same conversation is recorded too", async () => {
    await sendActivity(bot.url, 'votes-w', { text: '401 vs 403' }, 'webchat');
    await sendActivity(bot.url, 'votes-w', { text: 'what is 504' }, 'webchat');
    const before = await stats();
    expect((await sendActivity(bot.url, 'votes-w', webChatVote('DislikeAction', '401-vs-403'), 'webchat')).status).toBe(
      200,
    );
    const after = await stats();
    expect(after.feedback.dislike).toBe(before.feedback.dislike + 1);
    expect(after.feedback.byCode).toContainEqual({ id: '401-vs-403', like: 0, dislike: 1 });
  });
});

describe('any other vote gets the usual reply and is not recorded', () => {
  test.each<[string, string, Partial<Activity>]>([
    ['a card vote for a code never answered here', 'votes-a', cardVote('like', '418')],
    ['a card vote for a code answered in another conversation', 'votes-b', cardVote('like', '502')],
    ['a card vote in a conversation that had no answer at all', 'votes-c', cardVote('dislike', '504')],
    ['a card vote for markup', 'votes-a', cardVote('dislike', '<img src=x onerror=alert(1)>')],
    [
      'a card vote carrying text',
      'votes-b',
      cardVote('dislike', '401-vs-403', 'FORGED-FEEDBACK-TEXT what is this even'),
    ],
    [
      'a Web Chat vote for a subject answered in another conversation',
      'votes-b',
      webChatVote('LikeAction', '401-vs-403'),
    ],
    ['a vote from another channel for an answer given in Web Chat', 'votes-w', cardVote('like', '504')],
    ['a Web Chat vote for made-up text', 'votes-a', webChatVote('LikeAction', '[x](javascript:alert(1)) fake-subject')],
  ])('%s', async (_what, conversation, vote) => {
    const before = await stats();
    // Conversations are per channel: "votes-w" on the test channel is not Web Chat's "votes-w".
    const { status, activities } = await sendActivity(
      bot.url,
      conversation,
      vote,
      vote.type === 'event' ? 'webchat' : 'test',
    );
    expect(status).toBe(200);
    // The same reply as any vote: nothing for 👍, the offer to rephrase for 👎; never the vote's own text.
    const dislike = (vote.value as { reaction?: string } | undefined)?.reaction === 'dislike';
    if (vote.type !== 'event')
      expect(dislike ? visibleText(activities) : activities.length).toEqual(
        dislike ? expect.stringMatching(/^Sorry that missed/) : 0,
      );
    expect(visibleText(activities)).not.toMatch(/FORGED|<img|javascript:/);
    expect(await stats()).toEqual(before);
  });

  test('a card vote with no subject is no vote at all (no card of ours sends one): the message is read as its text, and no vote is recorded', async () => {
    const before = await stats();
    const { status, activities } = await sendActivity(bot.url, 'votes-a', {
      value: { action: 'feedback', reaction: 'like' },
    });
    expect(status).toBe(200);
    // A 👍 gets no reply; a message does.
    expect(activities.length).toBeGreaterThan(0);
    expect((await stats()).feedback).toEqual(before.feedback);
  });

  test('nothing of a refused vote reaches the log', async () => {
    // Each turn's own log line is written at its end: with those of the votes above, so is anything else they logged.
    const voteTurns = bot.logs.filter(
      (l) => typeof l === 'object' && l.msg === 'turn' && l.conversation === 'votes-b' && l.plan === 'feedback',
    );
    expect(voteTurns.length).toBeGreaterThanOrEqual(3);
    expect(bot.logs.some((l) => JSON.stringify(l).includes('FORGED-FEEDBACK-TEXT'))).toBe(false);
  });

  test('an answer in the other conversation makes its vote count there', async () => {
    await say(bot.url, 'votes-b', 'what is 418');
    const before = await stats();
    await sendActivity(bot.url, 'votes-b', cardVote('like', '418'));
    expect((await stats()).feedback.like).toBe(before.feedback.like + 1);
  });
});
