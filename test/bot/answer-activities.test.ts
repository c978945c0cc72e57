/**
 * The reply cache: the same answer gets the same frozen activity, drawn exactly as answerActivity() draws it; a
 * different answer (another code, another follow-up focus) gets its own; the least recently used are dropped.
 */
import { AnswerActivities } from '../../src/bot/answer-activities';
import { answerActivity } from '../../src/bot/card-replies';
import { expectedRepliesBody } from '../../src/bot/prerendered-json';
import { engine } from '../cards/engine-fixture';

const answerTo = (question: string) => engine().ask(question).answer;

describe('AnswerActivities', () => {
  test('the same answer twice is drawn once, and drawn as answerActivity() draws it', () => {
    const cache = new AnswerActivities();
    const first = cache.activityFor(answerTo('what is 502'));
    const second = cache.activityFor(answerTo('what does 502 mean?'));
    expect(second).toBe(first);
    expect(first).toEqual(answerActivity(answerTo('what is 502')));
    expect({ hits: cache.hits, misses: cache.misses, size: cache.size }).toEqual({ hits: 1, misses: 1, size: 1 });
  });

  test('a shared (frozen) answer and an unfrozen copy of it get the same activity', () => {
    const cache = new AnswerActivities();
    const shared = answerTo('what is 504');
    expect(Object.isFrozen(shared)).toBe(true);
    const first = cache.activityFor(shared);
    expect(cache.activityFor(shared)).toBe(first);
    expect(cache.activityFor(structuredClone(shared))).toBe(first);
    expect(cache.activityFor(answerTo('what is 503'))).not.toBe(first);
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 2, misses: 2 });
  });

  test('answers that differ in any way get their own activity', () => {
    const cache = new AnswerActivities();
    const overview = engine().answer(engine().lookup('502'));
    const fix = engine().answer(engine().lookup('502', 'fix'));
    const questions = ['what is 503', 'what is 504', '401 vs 403', '403 vs 401', 'what are 5xx errors', 'hello'];
    const activities = [
      cache.activityFor(overview),
      cache.activityFor(fix),
      ...questions.map((q) => cache.activityFor(answerTo(q))),
    ];
    expect(new Set(activities).size).toBe(activities.length);
    expect(cache.misses).toBe(activities.length);
  });

  test('beyond its capacity the least recently used answer is dropped', () => {
    const cache = new AnswerActivities(2);
    const a502 = cache.activityFor(answerTo('what is 502'));
    cache.activityFor(answerTo('what is 504'));
    expect(cache.activityFor(answerTo('what is 502'))).toBe(a502); // 502 is now the most recent
    cache.activityFor(answerTo('what is 429')); // drops 504
    expect(cache.size).toBe(2);
    expect(cache.activityFor(answerTo('what is 502'))).toBe(a502);
    const misses = cache.misses;
    cache.activityFor(answerTo('what is 504'));
    expect(cache.misses).toBe(misses + 1);
  });

  test('a shared activity cannot be changed by one turn for the next', () => {
    const activity = new AnswerActivities().activityFor(answerTo('what is 502'));
    expect(() => {
      (activity as { text?: string }).text = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      (activity.attachments?.[0]?.content as { body: unknown[] }).body.push({ type: 'TextBlock' });
    }).toThrow(TypeError);
  });

  test('its card goes out as the same JSON a fresh serialization would give', () => {
    const activity = new AnswerActivities().activityFor(
      answerTo('my access token expired overnight and every call gets rejected'),
    );
    const body = { activities: [{ ...activity, id: 'x', replyToId: 'y' }] };
    expect(JSON.parse(expectedRepliesBody(body).toString('utf8'))).toEqual(JSON.parse(JSON.stringify(body)));
  });
});
