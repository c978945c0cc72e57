/**
 * The engine composes the answer to a remembered understanding once: the same understanding gets the same frozen
 * answer, equal to a freshly composed one. An answer that tells pasted facts against the clock, and the answer to an
 * understanding nobody shares (a long paste, a chosen entry), are composed every time.
 */
import { composeAnswer } from '../../src/knowledge/answer';
import type { StatusEngine } from '../../src/knowledge/engine';
import type { Understanding } from '../../src/knowledge/understanding';
import { engine } from '../cards/engine-fixture';

const SHORT_QUESTIONS = [
  'what is 502',
  '401 vs 403',
  'what are 5xx errors',
  'the API keeps saying too many requests',
  'cloudflare 522',
  'nginx 499',
  'ECONNREFUSED',
  'hello',
  'thanks',
  'what does http 299 mean',
  'my access token expired overnight and every call gets rejected',
  'asdf qwerty',
];

const composed = (e: StatusEngine, u: Understanding, now: Date) =>
  composeAnswer(u, e.table, e.talk, e.kinds, e.data.secretWords, { words: e.data.factWords, now });

describe('answers to remembered understandings', () => {
  test.each(SHORT_QUESTIONS)('%s: one frozen answer, equal to a fresh one', (question) => {
    const e = engine();
    const understanding = e.understand(question);
    const answer = e.answer(understanding);
    expect(e.answer(understanding)).toBe(answer);
    expect(e.ask(question).answer).toBe(answer);
    expect(Object.isFrozen(answer)).toBe(true);
    expect(answer).toEqual(composed(e, understanding, new Date()));
  });

  test('in a conversation too: a follow-up read against the same subject gets the same answer', () => {
    const e = engine();
    const context = { ids: ['502'] };
    const first = e.answer(e.understand('how do I fix it?', context));
    expect(e.answer(e.understand('how do I fix it?', context))).toBe(first);
    expect(e.answer(e.understand('how do I fix it?', { ids: ['504'] }))).not.toBe(first);
  });

  test('pasted facts are told against the clock every time', () => {
    const e = engine();
    const understanding = e.understand('HTTP/1.1 429 Too Many Requests\nRetry-After: 120');
    expect(Object.isFrozen(understanding)).toBe(true);
    const at = (iso: string) => e.answer(understanding, new Date(iso));
    expect(at('2026-12-06T10:40:00Z').pasted?.join()).toMatch(/until 10:42 UTC/);
    expect(at('2026-12-06T11:00:00Z').pasted?.join()).toMatch(/until 11:02 UTC/);
    expect(at('2026-12-06T10:40:00Z')).not.toBe(at('2026-12-06T10:40:00Z'));
  });

  test('understandings nobody shares are answered afresh: a long paste, a chosen entry, a comparison', () => {
    const e = engine();
    const log = 'GET /api HTTP/1.1" 502 10\n'.repeat(20);
    const long = e.understand(log);
    for (const understanding of [long, e.lookup('502'), e.compare(['401', '403'])]) {
      expect(Object.isFrozen(understanding)).toBe(false);
      const answer = e.answer(understanding);
      expect(e.answer(understanding)).not.toBe(answer);
      expect(e.answer(understanding)).toEqual(answer);
      expect(Object.isFrozen(answer)).toBe(false);
    }
  });
});
