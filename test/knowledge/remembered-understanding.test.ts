/**
 * The engine keeps the understanding of recent short messages: the same text gets the same frozen object, long
 * messages and a zero capacity are understood afresh, and a kept understanding equals a fresh one.
 */
import { RecentCache } from '../../src/knowledge/recent-cache';
import { StatusEngine } from '../../src/knowledge/engine';
import { engine } from '../cards/engine-fixture';

describe('remembered understandings', () => {
  test('a repeated short message is understood once, and frozen', () => {
    const e = engine();
    const first = e.understand('is it safe to retry?');
    const hits = e.understood.hits;
    expect(e.understand('is it safe to retry?')).toBe(first);
    expect(e.understood.hits).toBe(hits + 1);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.ids)).toBe(true);
  });

  test('what is kept equals what a fresh engine understands', () => {
    const fresh = new StatusEngine(engine().data, 0);
    for (const text of [
      'what is 502',
      '401 vs 403',
      'the API keeps saying too many requests',
      'hello',
      'gatway timeout',
    ]) {
      engine().understand(text);
      expect(engine().understand(text)).toEqual(fresh.understand(text));
    }
    expect(fresh.understood.size).toBe(0);
  });

  test('long messages are not kept', () => {
    const e = engine();
    const log = `${'GET /api HTTP/1.1" 502 10\n'.repeat(20)}`;
    expect(e.understand(log)).not.toBe(e.understand(log));
  });
});

describe('RecentCache', () => {
  test('drops the least recently used entry beyond its capacity and counts hits and misses', () => {
    const cache = new RecentCache<string, number>(2);
    let made = 0;
    const get = (key: string) => cache.getOrAdd(key, () => ++made);
    expect([get('a'), get('b'), get('a'), get('c')]).toEqual([1, 2, 1, 3]); // c drops b, not the recently used a
    expect(get('a')).toBe(1);
    expect(get('b')).toBe(4);
    expect({ hits: cache.hits, misses: cache.misses, size: cache.size }).toEqual({ hits: 2, misses: 4, size: 2 });
  });
});
