/**
 * "Did you mean …" through the real StatusBot (TestAdapter) and through MainDialog alone (DialogTestClient): a vague
 * message the engine is unsure about gets up to three candidates and "None of these"; then a click, "None of these",
 * a typed answer or a brand-new question each end the prompt the right way. Also that the dialog ids stored in
 * conversation state are the stable strings exported by the dialogs, so a waiting prompt survives another instance.
 */
import { ConversationState, type Activity, type TurnContext } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { DID_YOU_MEAN_DIALOG, NONE_OF_THESE } from '../../dialogs/did-you-mean-dialog';
import { MAIN_DIALOG, MainDialog } from '../../dialogs/main-dialog';
import type { Replies } from '../../dialogs/replies';
import { MEMORY_PROPERTY } from '../../src/bot/status-bot';
import type { ConversationMemory } from '../../src/conversation/plan-reply';
import type { Answer, EntryRef } from '../../src/knowledge/answer';
import { BoundedMemoryStorage } from '../../src/storage/bounded-memory-storage';
import {
  botUnderTest,
  cardOf,
  cardTitle,
  click,
  engine,
  findVagueMessage,
  stackIds,
  storedStack,
  submitActions,
} from './bot-harness';

const vague = findVagueMessage();
const title = (c: EntryRef) => `${c.code} ${c.name}`;

function expectDidYouMean(reply: Partial<Activity>): void {
  expect(cardOf(reply)?.version).toBe('1.5');
  expect(cardTitle(reply)).toBe('Did you mean:');
  const buttons = submitActions(reply);
  const candidates = buttons.slice(0, -1);
  expect(candidates.length).toBeGreaterThanOrEqual(2);
  expect(candidates.length).toBeLessThanOrEqual(3);
  expect(candidates.map((b) => b.data.id)).toEqual(vague.candidates.map((c) => c.id));
  candidates.forEach((b, i) => {
    expect(b.data).toMatchObject({ action: 'lookup', code: vague.candidates[i]?.code });
    expect(b.title).toContain(String(vague.candidates[i]?.code));
  });
  expect(buttons.at(-1)).toEqual({ title: NONE_OF_THESE, data: { action: 'none-of-these' } });
  expect(reply.text).toBe(`Did you mean one of these? ${vague.candidates.map(title).join(', ')}, or none of these.`);
}

const SORRY = /^Sorry I couldn't place it\. Try the exact code/;

describe(`did you mean (asked about "${vague.text}")`, () => {
  it('asks with up to three candidates and "None of these" instead of answering', async () => {
    const { adapter } = botUnderTest();
    await adapter
      .send(vague.text)
      .assertReply((reply) => expectDidYouMean(reply))
      .assertNoReply('only the question, no answer yet', 20);
  });

  const second = vague.candidates[1] as EntryRef;
  const answers: Array<{
    name: string;
    reply: () => Partial<Activity> | string;
    expect: (reply: Partial<Activity>) => void;
  }> = [
    {
      name: 'a click on a candidate answers that code',
      reply: () => click({ action: 'lookup', id: second.id, code: second.code }),
      expect: (reply) => expect(cardTitle(reply)).toContain(title(second)),
    },
    {
      name: 'a click on "None of these" says sorry and how to ask',
      reply: () => click({ action: 'none-of-these' }),
      expect: (reply) => {
        expect(reply.text).toMatch(SORRY);
        expect(reply.suggestedActions?.actions.map((a) => a.value)).toEqual(['what is 502', '401 vs 403']);
      },
    },
    {
      name: 'a click none of our cards sends (a code without its entry id) is no choice: it says sorry',
      reply: () => click({ action: 'lookup', code: second.code }),
      expect: (reply) => expect(reply.text).toMatch(SORRY),
    },
    { name: 'typing "none" says sorry', reply: () => 'none', expect: (reply) => expect(reply.text).toMatch(SORRY) },
    {
      name: "typing a candidate's code answers it",
      reply: () => String(second.code),
      expect: (reply) => expect(cardTitle(reply)).toContain(title(second)),
    },
    {
      name: 'typing a new question answers that question',
      reply: () => 'what is 410',
      expect: (reply) => expect(cardTitle(reply)).toBe('410 Gone'),
    },
    {
      name: 'a click on a button of an older card answers that code',
      reply: () => click({ action: 'lookup', id: '410', code: 410 }),
      expect: (reply) => expect(cardTitle(reply)).toBe('410 Gone'),
    },
    {
      name: 'a 👎 on an older answer gets the offer to rephrase',
      reply: () => click({ action: 'feedback', reaction: 'dislike', id: '502' }),
      expect: (reply) => {
        expect(reply.text).toMatch(/^Sorry that missed/);
        expect(reply.attachments ?? []).toHaveLength(0);
      },
    },
  ];

  it.each(answers)('$name, and the prompt ends', async (c) => {
    const { adapter, storage } = botUnderTest();
    await adapter
      .send(vague.text)
      .assertReply((reply) => expectDidYouMean(reply))
      .send(c.reply())
      .assertReply(c.expect)
      .assertNoReply('one reply', 20);
    expect(await storedStack(storage)).toEqual([]);
    // The next message is a fresh question, not an answer to the old prompt.
    await adapter.send('what is 502').assertReply((reply) => expect(cardTitle(reply)).toBe('502 Bad Gateway'));
  });

  it('remembers the chosen code for follow-ups', async () => {
    const { adapter } = botUnderTest();
    await adapter
      .send(vague.text)
      .assertReply((reply) => expectDidYouMean(reply))
      .send(click({ action: 'lookup', id: second.id, code: second.code }))
      .assertReply(() => undefined)
      .send('how do I fix it?')
      .assertReply((reply) => expect(cardTitle(reply)).toBe(`How to fix ${title(second)}`));
  });

  it('asks again when the new question is just as vague', async () => {
    const { adapter, storage } = botUnderTest();
    await adapter
      .send(vague.text)
      .assertReply((reply) => expectDidYouMean(reply))
      .send(vague.text)
      .assertReply((reply) => expectDidYouMean(reply))
      .assertNoReply('one question', 20);
    expect(await storedStack(storage)).toContain(DID_YOU_MEAN_DIALOG);
  });
});

describe('dialog ids', () => {
  it('are what a waiting prompt stores, and another bot instance over the same store continues it', async () => {
    const first = botUnderTest();
    await first.adapter.send(vague.text).assertReply((reply) => expectDidYouMean(reply));
    expect(await storedStack(first.storage)).toEqual([
      'statusbot.main',
      'statusbot.main.steps',
      'statusbot.didYouMean',
      'statusbot.didYouMean.steps',
    ]);

    const second = botUnderTest(first.storage);
    const chosen = vague.candidates[0] as EntryRef;
    await second.adapter
      .send(click({ action: 'lookup', id: chosen.id, code: chosen.code }))
      .assertReply((reply) => expect(cardTitle(reply)).toContain(title(chosen)));
  });
});

describe('MainDialog alone (DialogTestClient)', () => {
  /** Replies that only record what the dialog asked to send, so the test reads the dialog's decisions. */
  class RecordedReplies implements Replies {
    readonly sent: Array<{ kind: 'answer' | 'didYouMean' | 'line'; detail: unknown }> = [];
    async answer(context: TurnContext, answer: Answer): Promise<void> {
      this.sent.push({ kind: 'answer', detail: answer });
      await context.sendActivity(`answer: ${answer.intent}`);
    }
    async didYouMean(context: TurnContext, candidates: EntryRef[]): Promise<void> {
      this.sent.push({ kind: 'didYouMean', detail: candidates.map((c) => c.id) });
      await context.sendActivity('did you mean');
    }
    async line(context: TurnContext, text: string): Promise<void> {
      this.sent.push({ kind: 'line', detail: text });
      await context.sendActivity(text);
    }
  }

  function client(): { client: DialogTestClient; replies: RecordedReplies; observed: string[] } {
    const replies = new RecordedReplies();
    const observed: string[] = [];
    const state = new ConversationState(new BoundedMemoryStorage());
    const dialog = new MainDialog(
      engine(),
      state.createProperty<ConversationMemory>(MEMORY_PROPERTY),
      replies,
      (_context, _text, plan) => observed.push(plan.kind),
    );
    const dialogClient = new DialogTestClient('test', dialog, undefined, [], state);
    return { client: dialogClient, replies, observed };
  }

  it.each<[string, Partial<Activity> | string, string]>([
    [
      'a click on a candidate',
      { type: 'message', value: { action: 'lookup', id: vague.candidates[0]?.id, code: vague.candidates[0]?.code } },
      'answer',
    ],
    ['"None of these"', { type: 'message', value: { action: 'none-of-these' } }, 'none-of-these'],
    ['a new question', 'what is 410', 'answer'],
    ['the same vague question again', vague.text, 'did-you-mean'],
  ])('observes each turn exactly once: the question, then %s', async (_case, answer, kind) => {
    const { client: c, observed } = client();
    await c.sendActivity(vague.text);
    await c.sendActivity(answer as Activity);
    expect(observed).toEqual(['did-you-mean', kind]);
  });

  it('waits in the did-you-mean dialog, then completes on a choice', async () => {
    const { client: c, replies } = client();
    expect((await c.sendActivity(vague.text))?.text).toBe('did you mean');
    expect(c.dialogTurnResult.status).toBe(DialogTurnStatus.waiting);
    // The turn is over (its context revoked), so read the stack the dialog context left behind.
    expect(stackIds({ dialogStack: c.dialogContext?.stack })).toEqual([
      MAIN_DIALOG,
      'statusbot.main.steps',
      DID_YOU_MEAN_DIALOG,
      'statusbot.didYouMean.steps',
    ]);
    expect(replies.sent).toEqual([{ kind: 'didYouMean', detail: vague.candidates.map((x) => x.id) }]);

    expect(
      (
        await c.sendActivity({
          type: 'message',
          value: { action: 'lookup', id: second().id, code: second().code },
        } as Partial<Activity> as Activity)
      )?.text,
    ).toBe('answer: lookup');
    expect(c.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
    expect((replies.sent.at(-1)?.detail as Answer & { entry: { id: string } }).entry.id).toBe(second().id);
  });

  it('completes in one turn for a clear question', async () => {
    const { client: c, replies } = client();
    expect((await c.sendActivity('what is 502'))?.text).toBe('answer: lookup');
    expect(c.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
    expect(replies.sent).toHaveLength(1);
  });

  function second(): EntryRef {
    return vague.candidates[1] as EntryRef;
  }
});
