/**
 * code-search.ts: search-as-you-type over the table (digits by prefix, words through Fuse.js), with a cache.
 */
import { CodeSearch, MAX_PATTERN } from '../../src/knowledge/code-search';
import { engine } from './fixture';

const search = () => engine().search;
const ids = (query: string, limit?: number) =>
  search()
    .search(query, limit)
    .map((h) => h.id);

describe('digits match codes by prefix', () => {
  test.each<[string, string[]]>([
    ['502', ['502']],
    ['  502  ', ['502']],
    ['404', ['404']],
    ['499', ['499-nginx', '499-esri']],
    ['530', ['530-cloudflare', '530-pantheon']],
    ['420', ['420-spring', '420-twitter']],
    ['451', ['451', '451-exchange']],
    ['50', ['500', '501', '502', '503', '504', '505', '506', '507', '508', '508-cloudlinux']],
    [
      '52',
      [
        '520-cloudflare',
        '521-cloudflare',
        '522-cloudflare',
        '523-cloudflare',
        '524-cloudflare',
        '525-cloudflare',
        '526-cloudflare',
        '527-cloudflare',
        '529-anthropic',
        '529-qualys',
      ],
    ],
    ['10', ['100', '101', '102', '103', '104']],
    ['22', ['226']],
    ['471', []],
    ['600', []],
    ['99', []],
  ])('%j → %j', (query, expected) => {
    expect(ids(query)).toEqual(expected);
  });

  test('"502" puts 502 first, with distance 0', () => {
    const [first] = search().search('502');
    expect(first).toEqual({ id: '502', code: 502, distance: 0 });
  });

  test('"50" lists the 500 range by prefix, in numeric order, each at distance 0.2', () => {
    const hits = search().search('50', 20);
    expect(hits.length).toBeGreaterThanOrEqual(10);
    expect(hits.every((h) => h.code >= 500 && h.code <= 509)).toBe(true);
    expect(hits.map((h) => h.code)).toEqual([...hits.map((h) => h.code)].sort((a, b) => a - b));
    expect(hits.every((h) => h.distance === 0.2)).toBe(true);
  });

  test('"5" lists 5xx codes and respects the limit', () => {
    const all = search().search('5', 100);
    expect(all).toHaveLength(engine().table.entries.filter((e) => e.class === '5xx').length);
    const hits = search().search('5', 20);
    expect(hits).toHaveLength(20);
    expect(hits.every((h) => String(h.code).startsWith('5'))).toBe(true);
    expect(
      search()
        .search('5', 3)
        .map((h) => h.code),
    ).toEqual([500, 501, 502]);
  });

  test('the registry meaning ranks before vendor meanings of the same number', () => {
    expect(ids('451')[0]).toBe('451');
  });
});

describe('words match names, aliases and symptoms', () => {
  test.each<[string, string]>([
    ['bad gat', '502'],
    ['bad gateway', '502'],
    ['BAD GATEWAY', '502'],
    ['too many requests', '429'],
    ['too many req', '429'],
    ['gateway timeout', '504'],
    ['gatway timout', '504'],
    ['teapot', '418'],
    ['payload too large', '413'],
    ['request entity too large', '413'],
    ['not found', '404'],
    ['forbidden', '403'],
    ['unauthorized', '401'],
    ['csrf', '419-laravel'],
    ['cloudflare timeout', '524-cloudflare'],
    ['service unavailable', '503'],
    ['unprocessable', '422'],
    ['moved permanently', '301'],
  ])('%j → %s first', (query, id) => {
    expect(ids(query)[0]).toBe(id);
  });

  test('an exact name scores 0 or close to it; a partial name scores worse', () => {
    const exact = search().search('bad gateway')[0]!;
    const partial = search().search('bad gat')[0]!;
    expect(exact.distance).toBeLessThan(0.01);
    expect(partial.distance).toBeGreaterThan(exact.distance);
    expect(partial.distance).toBeLessThan(0.25);
  });

  test('hits are sorted best first and carry the entry code', () => {
    const hits = search().search('timeout', 10);
    for (let i = 1; i < hits.length; i++) expect(hits[i]!.distance).toBeGreaterThanOrEqual(hits[i - 1]!.distance);
    for (const h of hits) expect(engine().table.entry(h.id)?.code).toBe(h.code);
  });

  test.each<[string]>([[''], ['   '], ['xyzzyq'], ['x'.repeat(100)]])('%j → no hits', (query) => {
    expect(search().search(query)).toEqual([]);
  });

  // Bitap works on patterns of at most 32 characters; what follows them must not change the answer.
  test.each<[string, string]>([
    ['origin dns error from cloudflare', ' internal server error'],
    ['internal server error on the api', 'request entity too large'],
  ])('only the first MAX_PATTERN characters are read: %j, then %j', (head, tail) => {
    const fresh = new CodeSearch(engine().table);
    expect(head).toHaveLength(MAX_PATTERN);
    expect(fresh.search(head + tail)).toEqual(fresh.search(head));
    expect(fresh.searchNames(head + tail)).toEqual(fresh.searchNames(head));
    // The counter-example: read on its own, the tail is about something else.
    expect(fresh.search(tail.trim()).map((h) => h.id)).not.toEqual(fresh.search(head).map((h) => h.id));
  });

  test('a 4-digit number is searched as words, not as a code prefix', () => {
    expect(
      search()
        .search('1000')
        .every((h) => h.code !== 1000),
    ).toBe(true);
  });
});

describe('cache', () => {
  test('the same query returns the same result object', () => {
    const first = search().search('bad gat');
    expect(search().search('bad gat')).toBe(first);
  });

  test('case and surrounding spaces do not miss the cache', () => {
    const first = search().search('too many requests');
    expect(search().search('  Too Many Requests ')).toBe(first);
  });

  test('a different limit is a different cache entry', () => {
    const ten = search().search('timeout');
    const three = search().search('timeout', 3);
    expect(three).not.toBe(ten);
    expect(three).toEqual(ten.slice(0, 3));
  });

  test('a fresh search over the same table gives equal results', () => {
    const fresh = new CodeSearch(engine().table);
    for (const q of ['502', '50', 'bad gat', 'too many requests']) expect(fresh.search(q)).toEqual(search().search(q));
  });

  test('the cache is bounded and keeps answering after it is cleared', () => {
    const s = new CodeSearch(engine().table);
    const before = s.search('bad gat');
    // Digit queries are cheap; each limit is its own cache key.
    for (let limit = 1; limit <= 2_050; limit++) s.search('5', limit);
    expect((s as unknown as { cache: Map<string, unknown> }).cache.size).toBeLessThanOrEqual(2_000);
    expect(s.search('bad gat')).toEqual(before);
  });
});
