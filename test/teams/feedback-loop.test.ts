/**
 * The feedback-loop helpers: which messages get Teams' 👍/👎 (those whose card has vote buttons), how the
 * `message/submitAction` payload is read, and the bounded memory of which message rated what.
 */
import { answerActivity } from '../../src/bot/card-replies';
import {
  NO_RATED_MESSAGES,
  RATED_MESSAGES_KEPT,
  enableFeedbackLoop,
  ratedSubject,
  readFeedbackSubmit,
  rememberRated,
  subjectOf,
} from '../../src/teams/feedback-loop';
import { ask } from '../cards/engine-fixture';

describe('ratedSubject', () => {
  test.each([
    ['what is 502', '502'],
    ['401 vs 403', '401-vs-403'],
    ['what are 5xx errors', '5xx'],
  ])('an answer to "%s" rates %s', (question, subject) => {
    expect(ratedSubject(answerActivity(ask(question)))).toBe(subject);
  });

  test('the greeting and plain text rate nothing', () => {
    expect(ratedSubject(answerActivity(ask('hello')))).toBeUndefined();
    expect(ratedSubject({ type: 'message' })).toBeUndefined();
    expect(
      ratedSubject({ type: 'typing', attachments: answerActivity(ask('what is 502')).attachments }),
    ).toBeUndefined();
  });
});

test('enableFeedbackLoop keeps channelData already there', () => {
  expect(enableFeedbackLoop({ channelData: { notification: { alert: true } } }).channelData).toEqual({
    notification: { alert: true },
    feedbackLoopEnabled: true,
  });
  expect(enableFeedbackLoop<{ channelData?: unknown }>({}).channelData).toEqual({ feedbackLoopEnabled: true });
});

describe('readFeedbackSubmit', () => {
  const invoke = (value: unknown) => ({ type: 'invoke', name: 'message/submitAction', value });

  test('reads the reaction and the form text, as JSON or plain', () => {
    expect(
      readFeedbackSubmit(
        invoke({ actionName: 'feedback', actionValue: { reaction: 'like', feedback: '{"feedbackText":"spot on"}' } }),
      ),
    ).toEqual({ reaction: 'like', text: 'spot on' });
    expect(
      readFeedbackSubmit(
        invoke({ actionName: 'feedback', actionValue: { reaction: 'dislike', feedback: 'too long' } }),
      ),
    ).toEqual({ reaction: 'dislike', text: 'too long' });
    expect(readFeedbackSubmit(invoke({ actionName: 'feedback', actionValue: { reaction: 'dislike' } }))).toEqual({
      reaction: 'dislike',
      text: '',
    });
  });

  test('refuses anything else', () => {
    expect(readFeedbackSubmit(invoke({ actionName: 'other', actionValue: { reaction: 'like' } }))).toBeUndefined();
    expect(readFeedbackSubmit(invoke({ actionName: 'feedback', actionValue: { reaction: 'love' } }))).toBeUndefined();
    expect(readFeedbackSubmit(invoke('like'))).toBeUndefined();
    expect(
      readFeedbackSubmit({
        type: 'message',
        name: 'message/submitAction',
        value: { actionName: 'feedback', actionValue: { reaction: 'like' } },
      }),
    ).toBeUndefined();
  });
});

test('rated messages are remembered, newest kept, bounded', () => {
  let rated = NO_RATED_MESSAGES;
  for (let i = 0; i < RATED_MESSAGES_KEPT + 5; i++) rated = rememberRated(rated, `m${i}`, String(500 + i));
  expect(rated.recent).toHaveLength(RATED_MESSAGES_KEPT);
  expect(subjectOf(rated, 'm0')).toBeUndefined();
  expect(subjectOf(rated, `m${RATED_MESSAGES_KEPT + 4}`)).toBe(String(500 + RATED_MESSAGES_KEPT + 4));
  expect(subjectOf(rated, undefined)).toBeUndefined();
  expect(NO_RATED_MESSAGES.recent).toEqual([]);
});
