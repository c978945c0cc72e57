/**
 * The welcome, through the real StatusBot on botbuilder's TestAdapter: a user joining (conversationUpdate) and Web
 * Chat's `webchat/join` event get the greeting card with example questions; the bot's own arrival gets nothing.
 */
import type { Activity } from 'botbuilder';
import { botUnderTest, cardOf, cardTitle, submitActions } from './bot-harness';

function expectGreeting(reply: Partial<Activity>): void {
  expect(reply.type).toBe('message');
  expect(cardOf(reply)?.version).toBe('1.5');
  expect(cardTitle(reply)).toBe("Hi, I'm StatusBot");
  expect(reply.text).toMatch(/StatusBot/);
  // The examples once: as the card's buttons, with no suggested replies repeating them.
  expect(reply.suggestedActions).toBeUndefined();
  expect(JSON.stringify(reply.attachments)).toContain('"text":"what is 502"');
  // The example buttons on the card ask their question when clicked.
  expect(submitActions(reply).map((a) => a.data.action)).toEqual(expect.arrayContaining(['ask']));
}

describe('welcome', () => {
  const greeted: Array<[string, Partial<Activity>]> = [
    [
      'a user is added to the conversation',
      { type: 'conversationUpdate', membersAdded: [{ id: 'user1', name: 'User1' }] },
    ],
    [
      'the bot and a user are added together',
      {
        type: 'conversationUpdate',
        membersAdded: [
          { id: 'bot', name: 'Bot' },
          { id: 'user1', name: 'User1' },
        ],
      },
    ],
    ['Web Chat sends webchat/join', { type: 'event', name: 'webchat/join' }],
  ];

  it.each(greeted)('greets once when %s', async (_case, activity) => {
    const { adapter } = botUnderTest();
    await adapter
      .send(activity)
      .assertReply((reply) => expectGreeting(reply))
      .assertNoReply('one greeting only', 20);
  });

  const silent: Array<[string, Partial<Activity>]> = [
    ['only the bot itself is added', { type: 'conversationUpdate', membersAdded: [{ id: 'bot', name: 'Bot' }] }],
    ['a member leaves', { type: 'conversationUpdate', membersRemoved: [{ id: 'user1', name: 'User1' }] }],
    ['another event arrives', { type: 'event', name: 'webchat/something-else' }],
  ];

  it.each(silent)('says nothing when %s', async (_case, activity) => {
    const { adapter } = botUnderTest();
    await adapter.send(activity).assertNoReply('no welcome', 20);
  });

  it('answers the first question normally after the welcome', async () => {
    const { adapter } = botUnderTest();
    await adapter
      .send({ type: 'event', name: 'webchat/join' })
      .assertReply((reply) => expectGreeting(reply))
      .send('what is 502')
      .assertReply((reply) => expect(cardTitle(reply)).toBe('502 Bad Gateway'));
  });
});
