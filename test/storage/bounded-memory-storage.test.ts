import fc from 'fast-check';
import { BoundedMemoryStorage } from '../../src/storage/bounded-memory-storage';

/** A clock the test moves by hand. */
function fakeClock(start = 0): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

async function eTagOf(storage: BoundedMemoryStorage, key: string): Promise<string> {
  const eTag = (await storage.read([key]))[key]?.eTag;
  if (typeof eTag !== 'string') throw new Error(`no eTag for ${key}`);
  return eTag;
}

describe('BoundedMemoryStorage: MemoryStorage semantics', () => {
  test('round trip: what is written is read back, with an eTag', async () => {
    const storage = new BoundedMemoryStorage();
    await storage.write({ 'webchat/conversations/c1': { lastCode: 502, pending: { options: [502, 504] } } });
    const items = await storage.read(['webchat/conversations/c1']);
    expect(items['webchat/conversations/c1']).toEqual({
      lastCode: 502,
      pending: { options: [502, 504] },
      eTag: expect.any(String),
    });
  });

  test('read returns only keys that exist', async () => {
    const storage = new BoundedMemoryStorage();
    await storage.write({ a: { n: 1 } });
    expect(Object.keys(await storage.read(['a', 'missing']))).toEqual(['a']);
    expect(await storage.read([])).toEqual({});
  });

  test('stores copies, not references, in both directions', async () => {
    const storage = new BoundedMemoryStorage();
    const written = { nested: { list: [1, 2] } };
    await storage.write({ a: written });
    written.nested.list.push(3);

    const first = (await storage.read(['a']))['a'];
    expect(first?.nested.list).toEqual([1, 2]);
    first!.nested.list.push(4);

    const second = (await storage.read(['a']))['a'];
    expect(second?.nested.list).toEqual([1, 2]);
    expect(second).not.toBe(first);
  });

  test('values go through JSON, like a network store', async () => {
    const storage = new BoundedMemoryStorage();
    await storage.write({ a: { when: new Date(0), gone: undefined, fn: () => 1 } });
    expect((await storage.read(['a']))['a']).toEqual({ when: '1970-01-01T00:00:00.000Z', eTag: expect.any(String) });
  });

  test('every write assigns a new eTag', async () => {
    const storage = new BoundedMemoryStorage();
    await storage.write({ a: { n: 1 } });
    const first = await eTagOf(storage, 'a');
    await storage.write({ a: { n: 2, eTag: first } });
    const second = await eTagOf(storage, 'a');
    expect(second).not.toBe(first);
  });

  test('a write with a stale eTag is rejected as an eTag conflict and changes nothing', async () => {
    const storage = new BoundedMemoryStorage();
    await storage.write({ a: { n: 1 } });
    const stale = await eTagOf(storage, 'a');
    await storage.write({ a: { n: 2, eTag: stale } });

    await expect(storage.write({ a: { n: 3, eTag: stale } })).rejects.toThrow(
      'Storage: error writing "a" due to eTag conflict.',
    );
    expect((await storage.read(['a']))['a']?.n).toBe(2);
  });

  test('a conflict on one item rejects the whole write (MemoryStorage would write the others)', async () => {
    const storage = new BoundedMemoryStorage();
    await storage.write({ a: { n: 1 } });
    await expect(storage.write({ b: { n: 1 }, a: { n: 2, eTag: 'stale' } })).rejects.toThrow(/eTag conflict/);
    expect(await storage.read(['a', 'b'])).toEqual({ a: { n: 1, eTag: expect.any(String) } });
  });

  test.each([
    ['"*"', '*'],
    ['a missing', undefined],
    ['an empty', ''],
  ])('%s eTag overwrites whatever is stored', async (_label, eTag) => {
    const storage = new BoundedMemoryStorage();
    await storage.write({ a: { n: 1 } });
    await storage.write({ a: { n: 2, eTag } });
    expect((await storage.read(['a']))['a']?.n).toBe(2);
  });

  test('a write with an eTag to a key that does not exist succeeds, as in MemoryStorage', async () => {
    const storage = new BoundedMemoryStorage();
    await storage.write({ a: { n: 1, eTag: '42' } });
    expect((await storage.read(['a']))['a']?.n).toBe(1);
  });

  test('delete really removes the key', async () => {
    const storage = new BoundedMemoryStorage();
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    const eTag = await eTagOf(storage, 'a');
    await storage.delete(['a', 'never-written']);

    expect(storage.size).toBe(1);
    expect(await storage.read(['a'])).toEqual({});
    // Gone means gone: an old eTag no longer conflicts with anything.
    await storage.write({ a: { n: 3, eTag } });
    expect((await storage.read(['a']))['a']?.n).toBe(3);
  });

  test('bad arguments are rejected with a message that says what is wrong', async () => {
    const storage = new BoundedMemoryStorage();
    await expect(storage.read(undefined as unknown as string[])).rejects.toThrow('Keys are required when reading.');
    await expect(storage.write(undefined as unknown as Record<string, never>)).rejects.toThrow(
      'Changes are required when writing.',
    );
    await expect(storage.write({ a: null as unknown as Record<string, never> })).rejects.toThrow('cannot write "a"');
    expect(() => new BoundedMemoryStorage({ maxItems: 0 })).toThrow(
      /maxItems must be a whole number of at least 1, got 0/,
    );
    expect(() => new BoundedMemoryStorage({ ttlMs: -1 })).toThrow(/ttlMs must be a positive number/);
  });
});

describe('BoundedMemoryStorage: LRU eviction', () => {
  test('at maxItems, a new key evicts the least recently read or written one', async () => {
    const storage = new BoundedMemoryStorage({ maxItems: 3 });
    await storage.write({ a: { n: 1 } });
    await storage.write({ b: { n: 1 } });
    await storage.write({ c: { n: 1 } });
    await storage.read(['a']); // order of use is now b, c, a

    await storage.write({ d: { n: 1 } });
    expect(Object.keys(await storage.read(['a', 'b', 'c', 'd']))).toEqual(['a', 'c', 'd']);

    // That read used a, c and d in that order, so a is now the oldest.
    await storage.write({ e: { n: 1 } });
    expect(Object.keys(await storage.read(['a', 'b', 'c', 'd', 'e']))).toEqual(['c', 'd', 'e']);
    expect(storage.stats()).toEqual({ items: 3, evictions: 2, expirations: 0 });
  });

  test('rewriting an existing key refreshes it and evicts nothing', async () => {
    const storage = new BoundedMemoryStorage({ maxItems: 2 });
    await storage.write({ a: { n: 1 }, b: { n: 1 } });
    await storage.write({ a: { n: 2 } });
    expect(storage.stats().evictions).toBe(0);
    await storage.write({ c: { n: 1 } });
    expect(Object.keys(await storage.read(['a', 'b', 'c']))).toEqual(['a', 'c']);
  });

  test('100,000 writes over 10,000 keys never hold more than maxItems', async () => {
    const maxItems = 1_000;
    const storage = new BoundedMemoryStorage({ maxItems });
    for (let i = 0; i < 100_000; i++) {
      await storage.write({ [`webchat/conversations/${i % 10_000}`]: { turn: i } });
      if (i % 997 === 0) expect(storage.size).toBeLessThanOrEqual(maxItems);
    }

    expect(storage.size).toBe(maxItems);
    // Round-robin over 10x more keys than fit: every write is a new key, so every write after the first 1,000 evicts.
    expect(storage.stats()).toEqual({ items: maxItems, evictions: 100_000 - maxItems, expirations: 0 });
    // The last 1,000 keys written are the ones kept.
    const kept = await storage.read([`webchat/conversations/${9_000}`, `webchat/conversations/${8_999}`]);
    expect(Object.keys(kept)).toEqual([`webchat/conversations/9000`]);
  });

  test('the default store keeps at most 10,000 items', async () => {
    const storage = new BoundedMemoryStorage();
    for (let i = 0; i < 12_000; i++) await storage.write({ [`k${i}`]: { i } });
    expect(storage.size).toBe(10_000);
    expect(storage.maxItems).toBe(10_000);
  });
});

describe('BoundedMemoryStorage: TTL (idle timeout from the last read or write)', () => {
  test('an item nobody touches expires ttlMs after it was written', async () => {
    const clock = fakeClock();
    const storage = new BoundedMemoryStorage({ ttlMs: 1_000, now: clock.now });
    await storage.write({ a: { n: 1 } });

    clock.advance(999);
    expect(storage.size).toBe(1);
    clock.advance(1);
    expect(storage.size).toBe(0);
    expect(await storage.read(['a'])).toEqual({});
    expect(storage.stats()).toEqual({ items: 0, evictions: 0, expirations: 1 });
  });

  test('a read restarts the timeout, so an active conversation whose state never changes keeps it', async () => {
    const clock = fakeClock();
    const storage = new BoundedMemoryStorage({ ttlMs: 1_000, now: clock.now });
    await storage.write({ a: { n: 1 } });
    for (let turn = 0; turn < 10; turn++) {
      clock.advance(900);
      expect(Object.keys(await storage.read(['a']))).toEqual(['a']);
    }
    clock.advance(1_000);
    expect(await storage.read(['a'])).toEqual({});
  });

  test('a write restarts the timeout', async () => {
    const clock = fakeClock();
    const storage = new BoundedMemoryStorage({ ttlMs: 1_000, now: clock.now });
    await storage.write({ a: { n: 1 } });
    clock.advance(900);
    await storage.write({ a: { n: 2 } });
    clock.advance(900);
    expect((await storage.read(['a']))['a']?.n).toBe(2);
  });

  test('an expired item is gone: its old eTag no longer conflicts', async () => {
    const clock = fakeClock();
    const storage = new BoundedMemoryStorage({ ttlMs: 1_000, now: clock.now });
    await storage.write({ a: { n: 1 } });
    const eTag = await eTagOf(storage, 'a');
    await storage.write({ a: { n: 2 } });
    clock.advance(1_000);
    await expect(storage.write({ a: { n: 3, eTag } })).resolves.toBeUndefined();
  });

  test('expired items are counted as expirations, not evictions, when the store is full', async () => {
    const clock = fakeClock();
    const storage = new BoundedMemoryStorage({ maxItems: 2, ttlMs: 1_000, now: clock.now });
    await storage.write({ a: { n: 1 }, b: { n: 1 } });
    clock.advance(1_000);
    await storage.write({ c: { n: 1 }, d: { n: 1 } });
    expect(storage.stats()).toEqual({ items: 2, evictions: 0, expirations: 2 });
  });

  test('ttlMs Infinity never expires', async () => {
    const clock = fakeClock();
    const storage = new BoundedMemoryStorage({ ttlMs: Infinity, now: clock.now });
    await storage.write({ a: { n: 1 } });
    clock.advance(1e12);
    expect(storage.size).toBe(1);
  });
});

describe('BoundedMemoryStorage: agrees with a naive model under random operations', () => {
  type Op =
    | { kind: 'write'; key: string; useETag: 'none' | 'star' | 'current' | 'stale' }
    | { kind: 'read'; key: string }
    | { kind: 'delete'; key: string }
    | { kind: 'wait'; ms: number };

  const key = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
  const useETag = fc.constantFrom('none' as const, 'star' as const, 'current' as const, 'stale' as const);
  const op: fc.Arbitrary<Op> = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant('write' as const), key, useETag }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant('read' as const), key }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant('delete' as const), key }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 1_000 }) }), weight: 1 },
  );

  test('same keys, values and order of eviction as an array-based LRU', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 10, maxLength: 80, size: 'max' }), async (ops) => {
        const maxItems = 3;
        const ttlMs = 1_000;
        const clock = fakeClock();
        const storage = new BoundedMemoryStorage({ maxItems, ttlMs, now: clock.now });
        // The model: most recently used last, each with the time it was last used. Writes are numbered; `seen`
        // holds the eTag each key had when the test last read it, so a write can send a current or an outdated eTag
        // without an extra read (which would itself refresh the key and hide recency bugs).
        let model: Array<{ key: string; value: number; usedAt: number }> = [];
        const seen = new Map<string, { eTag: string; value: number }>();
        let counter = 0;
        const expire = (): void => {
          model = model.filter((m) => clock.now() - m.usedAt < ttlMs);
        };

        for (const o of ops) {
          expire();
          if (o.kind === 'wait') {
            clock.advance(o.ms);
          } else if (o.kind === 'delete') {
            await storage.delete([o.key]);
            model = model.filter((m) => m.key !== o.key);
          } else if (o.kind === 'read') {
            const got = (await storage.read([o.key]))[o.key];
            const found = model.find((m) => m.key === o.key);
            expect(got?.value).toBe(found?.value);
            if (found) {
              seen.set(o.key, { eTag: String(got?.eTag), value: found.value });
              model = [...model.filter((m) => m !== found), { ...found, usedAt: clock.now() }];
            }
          } else {
            const found = model.find((m) => m.key === o.key);
            const last = seen.get(o.key);
            const value = ++counter;
            const eTag = { none: undefined, star: '*', current: last?.eTag, stale: 'stale' }[o.useETag];
            const isCurrent = last !== undefined && eTag === last.eTag && last.value === found?.value;
            const conflicts = found !== undefined && eTag !== undefined && eTag !== '*' && !isCurrent;
            const write = storage.write({ [o.key]: { value, eTag } });
            if (conflicts) {
              await expect(write).rejects.toThrow(/eTag conflict/);
              continue;
            }
            await write;
            model = [...model.filter((m) => m.key !== o.key), { key: o.key, value, usedAt: clock.now() }];
            model = model.slice(-maxItems);
          }
          expire();
          expect(storage.size).toBe(model.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
