/**
 * cardOnly: on Teams a card message goes without its text (Teams would show the text as a message of its own), and
 * the card's first line becomes the notification summary. Messages without a card are left alone.
 */
import { answerActivity, didYouMeanActivity } from '../../src/bot/card-replies';
import { entryRef } from '../../src/knowledge/answer';
import { cardOnly, type TextAndCard } from '../../src/teams/card-only';
import { ask, engine } from '../cards/engine-fixture';

/** A copy, as TurnContext sends: the drawn activities are shared and frozen. */
const sent = (activity: object) => ({ ...activity }) as Parameters<typeof cardOnly>[0];

describe('cardOnly', () => {
  test.each([
    ['what is 502', '502 Bad Gateway: 5xx server error'],
    ['401 vs 403', '401 Unauthorized vs 403 Forbidden'],
    [
      'hello',
      "Hi, I'm StatusBot. Tell me an HTTP status code, an error message or what you are seeing, or paste a log, and I'll explain it and say what to do next.",
    ],
  ])('an answer to "%s" keeps its card, drops its text and is summarised as "%s"', (question, summary) => {
    const drawn = answerActivity(ask(question));
    const activity = cardOnly(sent(drawn));
    expect(activity.attachments).toBe(drawn.attachments);
    expect(activity.text).toBeUndefined();
    expect(activity.textFormat).toBeUndefined();
    expect(activity.summary).toBe(summary);
    expect(drawn.text).toBeTruthy(); // the shared activity itself is untouched
  });

  test('"did you mean" is summarised by its question', () => {
    const table = engine().table;
    const activity = cardOnly(sent(didYouMeanActivity([entryRef(table, '502'), entryRef(table, '504')])));
    expect(activity.text).toBeUndefined();
    expect(activity.summary).toBe('Did you mean 502 Bad Gateway, 504 Gateway Timeout? Or none of these?');
  });

  test('a summary already set is kept, and a long first line is cut to one notification line', () => {
    const card = (fallbackText: string) => [
      { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', fallbackText } },
    ];
    expect(cardOnly({ type: 'message', text: 't', summary: 'mine', attachments: card('theirs') }).summary).toBe('mine');
    const long =
      cardOnly<TextAndCard>({ type: 'message', text: 't', attachments: card(`${'x'.repeat(300)}\nsecond line`) })
        .summary ?? '';
    expect(long).toHaveLength(150);
    expect(long.endsWith('…')).toBe(true);
  });

  test('messages without an Adaptive Card, and other activity types, are left as they are', () => {
    const line = { type: 'message', text: 'Thanks for the feedback, glad it helped.' };
    expect(cardOnly({ ...line })).toEqual(line);
    const hero = {
      type: 'message',
      text: 'see below',
      attachments: [{ contentType: 'application/vnd.microsoft.card.hero', content: {} }],
    };
    expect(cardOnly({ ...hero })).toEqual(hero);
    const typing = { type: 'typing', text: 'x', attachments: answerActivity(ask('what is 502')).attachments };
    expect(cardOnly({ ...typing }).text).toBe('x');
  });
});
