/**
 * answerKey(): equal exactly when two answers say the same. Entries count by id; every other part (focus, notes,
 * counts in a pasted log, order of compared codes) changes the key.
 */
import { answerKey } from '../../src/knowledge/answer-key';
import { engine } from '../cards/engine-fixture';

const keyOf = (question: string) => answerKey(engine().ask(question).answer);

describe('answerKey', () => {
  test('two wordings of one question share a key, and entries appear by id only', () => {
    expect(keyOf('what is 502')).toBe(keyOf('HTTP 502?'));
    expect(keyOf('what is 502')).toContain('"#502"');
    expect(keyOf('what is 502')).not.toContain('Bad Gateway');
  });

  test.each([
    ['what is 502', 'what is 504'],
    ['401 vs 403', '403 vs 401'],
    ['what are 4xx errors', 'what are 5xx errors'],
    ['hello', 'asdf qwerty'],
    ['what is 299', 'what is 298'],
    [
      'GET /a HTTP/1.1" 502 10\nGET /a HTTP/1.1" 502 10\nGET /b HTTP/1.1" 200 5',
      'GET /a HTTP/1.1" 502 10\nGET /b HTTP/1.1" 200 5\nGET /b HTTP/1.1" 200 5',
    ],
  ])('"%s" and "%s" differ', (a, b) => {
    expect(keyOf(a)).not.toBe(keyOf(b));
  });

  test('a follow-up focus and a truncation note change the key', () => {
    const overview = engine().answer(engine().lookup('429'));
    const fix = engine().answer(engine().lookup('429', 'fix'));
    expect(answerKey(overview)).not.toBe(answerKey(fix));
    expect(answerKey({ ...overview, notes: ['cut'] })).not.toBe(answerKey(overview));
  });
});
