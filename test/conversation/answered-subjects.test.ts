/**
 * answered-subjects.ts: the bounded list of what a conversation was answered, which decides whether a vote counts.
 */
import {
  ANSWERED_KEPT,
  NOTHING_ANSWERED,
  rememberAnswered,
  wasAnswered,
} from '../../src/conversation/answered-subjects';

const after = (...subjects: string[]) => subjects.reduce(rememberAnswered, NOTHING_ANSWERED);

describe('rememberAnswered', () => {
  it('keeps each subject once, the latest last, and leaves the list it was given as it was', () => {
    const first = after('502', '401-vs-403');
    expect(rememberAnswered(first, '502')).toEqual({ recent: ['401-vs-403', '502'] });
    expect(first).toEqual({ recent: ['502', '401-vs-403'] });
    expect(NOTHING_ANSWERED).toEqual({ recent: [] });
  });

  it(`keeps the last ${ANSWERED_KEPT}: older answers can no longer be voted for`, () => {
    const many = after(...Array.from({ length: ANSWERED_KEPT + 5 }, (_, i) => String(400 + i)));
    expect(many.recent).toHaveLength(ANSWERED_KEPT);
    expect(wasAnswered(many, '404')).toBe(false);
    expect(wasAnswered(many, '405')).toBe(true);
    expect(wasAnswered(many, String(400 + ANSWERED_KEPT + 4))).toBe(true);
  });
});

describe('wasAnswered', () => {
  it.each<[string, string[], string | undefined, boolean]>([
    ['the subject answered', ['502'], '502', true],
    ['one of several', ['502', '5xx', 'network-connection-refused'], '5xx', true],
    ['another subject', ['502'], '503', false],
    ['nothing answered', [], '502', false],
    ['no subject', ['502'], undefined, false],
    ['an empty subject', ['502'], '', false],
    ['the same letters in another case', ['5xx'], '5XX', false],
  ])('%s', (_what, recent, subject, expected) => {
    expect(wasAnswered({ recent }, subject)).toBe(expected);
  });
});
