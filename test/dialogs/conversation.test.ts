/**
 * Whole turns through the real StatusBot and MainDialog on botbuilder's TestAdapter: lookups, every follow-up on
 * "what is 502", comparisons, classes, a pasted log, feedback, card clicks and questions the bot cannot place. Also
 * that the last code survives in conversation state between turns and across bot instances sharing the store.
 */
import type { Activity } from 'botbuilder';
import { MEMORY_PROPERTY } from '../../src/bot/status-bot';
import { MAX_ANSWER_TEXT } from '../../src/bot/card-replies';
import type { ConversationMemory } from '../../src/conversation/plan-reply';
import { TEST_CONVERSATION_KEY, botUnderTest, cardOf, cardText, cardTitle, click, visibleText } from './bot-harness';

/** An answer reply: one Adaptive Card 1.5 plus its Markdown version in `text`. */
function expectAnswerCard(reply: Partial<Activity>, title: string | RegExp): void {
  expect(reply.type).toBe('message');
  expect(reply.attachments).toHaveLength(1);
  expect(cardOf(reply)?.version).toBe('1.5');
  if (typeof title === 'string') expect(cardTitle(reply)).toBe(title);
  else expect(cardTitle(reply)).toMatch(title);
  expect(reply.textFormat).toBe('markdown');
  expect(reply.text).toMatch(/\*\*/);
}

/** A bot that has just answered "what is 502": where every follow-up below starts. */
function after502() {
  const { adapter } = botUnderTest();
  return adapter.send('what is 502').assertReply((reply) => expect(cardTitle(reply)).toBe('502 Bad Gateway'));
}

describe('a lookup', () => {
  it('answers "what is 502" with a 1.5 card naming 502 Bad Gateway, Markdown text and follow-up suggestions', async () => {
    const { adapter } = botUnderTest();
    await adapter
      .send('what is 502')
      .assertReply((reply) => {
        expectAnswerCard(reply, '502 Bad Gateway');
        expect(reply.text).toMatch(/^\*\*502 Bad Gateway\*\*/);
        // The lead only, for channels without cards: the card holds the rest.
        expect(reply.text).toMatch(/Most likely fix/);
        expect(reply.text?.length).toBeLessThanOrEqual(MAX_ANSWER_TEXT);
        expect(reply.text).not.toMatch(/If you run the server/);
        expect(reply.suggestedActions?.actions.map((a) => a.value)).toEqual([
          'how do I fix it?',
          'why does it happen?',
          '502 vs 504',
        ]);
      })
      .assertNoReply('one reply per question', 20);
  });
});

describe('follow-ups on "what is 502"', () => {
  interface FollowUpCase {
    say: string;
    title: string | RegExp;
    /** Each must appear in what the user can read (card or text). */
    mentions: RegExp[];
  }
  const cases: FollowUpCase[] = [
    {
      say: 'how do I fix it?',
      title: 'How to fix 502 Bad Gateway',
      mentions: [/If you run the server/, /If you're calling the API/, /proxy's error log/],
    },
    { say: 'is it safe to retry?', title: 'Retrying 502 Bad Gateway', mentions: [/Retry later/, /idempotent/] },
    { say: 'more', title: 'More on 502 Bad Gateway', mentions: [/Something sits between you and the application/] },
    { say: 'what about 504?', title: '504 Gateway Timeout', mentions: [/gave up/] },
    { say: 'and 401?', title: '401 Unauthorized', mentions: [/credentials/] },
    {
      say: 'compare it with 504',
      title: '502 Bad Gateway vs 504 Gateway Timeout',
      mentions: [/502 Bad Gateway/, /504 Gateway Timeout/],
    },
    { say: 'why does it happen?', title: 'Why 502 Bad Gateway happens', mentions: [/Typical causes/, /keep-alive/] },
    { say: 'is it my fault?', title: 'Whose side is 502 Bad Gateway?', mentions: [/Usually whoever runs the server/] },
    {
      say: 'and on the server side?',
      title: '502 Bad Gateway: what to change on the server',
      mentions: [/If you run the server/],
    },
    {
      say: 'what should the frontend do',
      title: '502 Bad Gateway: what to do as the caller',
      mentions: [/If you're calling the API/],
    },
    { say: 'show me an example', title: 'An example of 502 Bad Gateway', mentions: [/\$ curl/, /502/] },
  ];

  it.each(cases)('"$say" → $title', async ({ say, title, mentions }) => {
    await after502()
      .send(say)
      .assertReply((reply) => {
        expectAnswerCard(reply, title);
        for (const m of mentions) expect(visibleText(reply)).toMatch(m);
      })
      .assertNoReply('one reply per follow-up', 20);
  });

  it('follows the newest code: "what about 504?" then "is it safe to retry?" is about 504', async () => {
    const { adapter } = botUnderTest();
    await adapter
      .send('what is 502')
      .assertReply((reply) => expect(cardTitle(reply)).toBe('502 Bad Gateway'))
      .send('what about 504?')
      .assertReply((reply) => expect(cardTitle(reply)).toBe('504 Gateway Timeout'))
      .send('is it safe to retry?')
      .assertReply((reply) => expect(cardTitle(reply)).toBe('Retrying 504 Gateway Timeout'));
  });

  it('without a code discussed before, "how do I fix it?" does not invent one: it asks which', async () => {
    const { adapter } = botUnderTest();
    await adapter.send('how do I fix it?').assertReply((reply) => {
      expect(cardTitle(reply)).toBe('Which status or error?');
      expect(reply.text).toMatch(/I don't have anything earlier in this conversation/);
    });
  });

  it.each([
    ['thank you so much!', /^You're welcome/],
    ['perfect, got it', /^Glad that helps/],
    ['ok bye', /^Bye!/],
  ])('"%s" gets a line in kind, no card, and the subject stays for later', async (say, line) => {
    await after502()
      .send(say)
      .assertReply((reply) => {
        expect(reply.text).toMatch(line);
        expect(reply.attachments ?? []).toHaveLength(0);
      })
      .send('how do I fix it?')
      .assertReply((reply) => expect(cardTitle(reply)).toBe('How to fix 502 Bad Gateway'));
  });
});

describe('other questions', () => {
  const nginxLog = [
    '10.0.0.1 - - [12/Mar/2025:01:37:05 +0000] "GET /api HTTP/1.1" 502 157 "-" "curl/8.5.0"',
    '10.0.0.2 - - [12/Mar/2025:01:37:06 +0000] "GET /api HTTP/1.1" 502 157 "-" "curl/8.5.0"',
    '10.0.0.3 - - [12/Mar/2025:01:37:07 +0000] "GET /login HTTP/1.1" 200 6060 "-" "Mozilla/5.0"',
    '10.0.0.4 - - [12/Mar/2025:01:37:08 +0000] "GET /api HTTP/1.1" 504 167 "-" "curl/8.5.0"',
  ].join('\n');

  const cases: Array<{ name: string; say: string; title: string; mentions: RegExp[] }> = [
    {
      name: 'a comparison',
      say: '401 vs 403',
      title: '401 Unauthorized vs 403 Forbidden',
      mentions: [/403 Forbidden, unlike 401: /],
    },
    {
      name: 'a class',
      say: 'what are 5xx errors',
      title: '5xx: Server error',
      mentions: [/500 Internal Server Error/, /503 Service Unavailable/],
    },
    {
      name: 'a pasted nginx access log',
      say: nginxLog,
      title: 'Triage of 4 responses',
      mentions: [/502 Bad Gateway/, /504 Gateway Timeout/, /3 of 4 responses failed/],
    },
  ];

  it.each(cases)('answers $name with its card', async ({ say, title, mentions }) => {
    const { adapter } = botUnderTest();
    await adapter.send(say).assertReply((reply) => {
      expectAnswerCard(reply, title);
      for (const m of mentions) expect(visibleText(reply)).toMatch(m);
    });
  });

  it('says what it can do when the question is out of scope', async () => {
    const { adapter } = botUnderTest();
    await adapter.send('what is the weather in Paris tomorrow?').assertReply((reply) => {
      expect(cardTitle(reply)).toBe('I could not find a status code in that');
      expect(reply.text).toMatch(/I can only help with HTTP status codes/);
      expect(reply.text).toMatch(/Give me a code \(502\)/);
      // The examples once, as the card's buttons.
      expect(reply.suggestedActions).toBeUndefined();
      expect(JSON.stringify(reply.attachments)).toContain('"action":"ask"');
    });
  });
});

describe('card clicks and feedback', () => {
  it('a 👍 needs no message: the pressed thumb says it was taken', async () => {
    const { adapter } = botUnderTest();
    await adapter
      .send('what is 502')
      .assertReply((reply) => expect(cardTitle(reply)).toBe('502 Bad Gateway'))
      .send(click({ action: 'feedback', reaction: 'like', id: '502' }))
      .assertNoReply('a 👍 gets no message', 20);
  });

  it('a 👎 offers to rephrase, or to open the other readings of what was rated', async () => {
    const { adapter } = botUnderTest();
    await adapter.send(click({ action: 'feedback', reaction: 'dislike', id: '499-nginx' })).assertReply((reply) => {
      expect(reply.text).toMatch(/^Sorry that missed\. Tell me in other words/);
      expect(reply.attachments ?? []).toHaveLength(0);
      // The same number's other meaning first, then the codes it is related to.
      expect(reply.suggestedActions?.actions.map((a) => a.value)).toEqual([
        'what is 499 esri',
        'what is 504',
        'what is 408',
      ]);
    });
  });

  it("answer cards carry no vote buttons of their own: the channel's thumbs are the one feedback control", async () => {
    const { adapter } = botUnderTest();
    await adapter
      .send('what is 502')
      .assertReply((reply) => expect(JSON.stringify(reply.attachments)).not.toContain('"action":"feedback"'));
  });

  it.each([
    ['a code and its entry id', { action: 'lookup', code: 410, id: '410' }, '410 Gone'],
    ['an entry id', { action: 'lookup', code: 499, id: '499-nginx' }, /^499 Client Closed Request/],
    ['an example question', { action: 'ask', text: 'what is 429' }, '429 Too Many Requests'],
  ])('answers a card button carrying %s', async (_case, value, title) => {
    const { adapter } = botUnderTest();
    await adapter.send(click(value)).assertReply((reply) => expectAnswerCard(reply, title));
  });

  it.each([
    ['a code that is no number', { action: 'lookup', code: 'not a code' }],
    ['a code without its entry id', { action: 'lookup', code: 410 }],
    ['an entry id without its code', { action: 'lookup', id: '410' }],
  ])('answers the text of a message whose value is not one of our card payloads: %s', async (_case, value) => {
    const { adapter } = botUnderTest();
    await adapter
      .send({ type: 'message', text: 'what is 404', value })
      .assertReply((reply) => expect(cardTitle(reply)).toBe('404 Not Found'));
  });
});

describe('conversation state', () => {
  it('keeps the last code between turns, in the state store', async () => {
    const first = botUnderTest();
    await first.adapter.send('what is 502').assertReply((reply) => expect(cardText(reply)).toMatch(/502 Bad Gateway/));

    const stored = (await first.storage.read([TEST_CONVERSATION_KEY]))[TEST_CONVERSATION_KEY] as
      Record<string, unknown> | undefined;
    expect(stored?.[MEMORY_PROPERTY] as ConversationMemory).toEqual({ lastIds: ['502'] });

    // A second bot over the same store (another instance, or the process after a restart) continues the conversation.
    const second = botUnderTest(first.storage);
    await second.adapter
      .send('how do I fix it?')
      .assertReply((reply) => expect(cardTitle(reply)).toBe('How to fix 502 Bad Gateway'));
  });

  it('keeps separate conversations apart', async () => {
    const shared = botUnderTest();
    await shared.adapter.send('what is 502').assertReply(() => undefined);
    const other = botUnderTest(shared.storage);
    await other.adapter
      .send({
        type: 'message',
        text: 'what about it?',
        conversation: { id: 'another-conversation', isGroup: false, name: 'x', conversationType: 'personal' },
      })
      .assertReply((reply) => expect(visibleText(reply)).not.toMatch(/502 Bad Gateway/));
  });

  it('keeps the memory small: a greeting does not forget the code discussed', async () => {
    const { adapter } = botUnderTest();
    await adapter
      .send('what is 429')
      .assertReply(() => undefined)
      .send('hello')
      .assertReply((reply) => expect(cardTitle(reply)).toBe("Hi, I'm StatusBot"))
      .send('is it safe to retry?')
      .assertReply((reply) => expect(cardTitle(reply)).toBe('Retrying 429 Too Many Requests'));
  });
});
