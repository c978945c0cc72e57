/**
 * typo-corrector.ts: symmetric-delete correction of misspelt words against the table's vocabulary. First a small
 * hand-made vocabulary (to pin the rules), then the engine's real corrector (to pin what users actually type).
 */
import { editDistance } from '../../src/knowledge/text';
import { TypoCorrector } from '../../src/knowledge/typo-corrector';
import { corrector, engine } from './fixture';

describe('rules, on a small vocabulary', () => {
  const targets = new Map<string, number>([
    ['gateway', 3],
    ['timeout', 3],
    ['forbidden', 3],
    ['unauthorized', 3],
    ['request', 3],
    ['requests', 3],
    ['nginx', 2],
    ['fields', 1],
    // Two targets one edit from "cart": the weight decides.
    ['card', 1],
    ['cars', 2],
  ]);
  const vocabulary = [...targets.keys(), 'the', 'bad', 'too', 'many', 'carts'];
  const make = () => new TypoCorrector(vocabulary, targets);

  test.each<[string, string | null, string]>([
    ['gatway', 'gateway', 'one deletion'],
    ['gateway', null, 'a known word is not corrected'],
    ['gatewya', 'gateway', 'transposition'],
    ['gatexay', 'gateway', 'substitution'],
    ['gateeway', 'gateway', 'insertion'],
    ['timout', 'timeout', 'one deletion'],
    ['forbiden', 'forbidden', 'one deletion (8 letters: up to two edits)'],
    ['forbbiddenn', 'forbidden', 'two extra letters (long word: two edits)'],
    ['forbiddxenn', 'forbidden', 'substitution + extra letter (long word: two edits)'],
    ['unathorized', 'unauthorized', 'one deletion, long word'],
    ['unauthorised', 'unauthorized', 'one substitution (British spelling)'],
    ['reqest', 'request', 'one deletion'],
    ['ngix', 'nginx', 'vendor word'],
    ['feilds', 'fields', 'transposition'],
    ['cart', 'cars', 'tie at distance 1: the higher weight wins (cars 2 over card 1)'],
    ['gtwy', null, 'three edits: too far'],
    ['gatwy', null, 'two edits in a word under 8 letters: too far'],
    ['bda', null, 'shorter than 4 letters'],
    ['teh', null, 'shorter than 4 letters'],
    ['Gatway', null, 'not lower case: not a word it corrects (the caller lower-cases)'],
    ['gat3way', null, 'digits: not a word'],
    ["gatew'y", null, 'apostrophe: not a word'],
    ['banana', null, 'nothing close'],
    ['', null, 'empty'],
  ])('correct(%j) = %p (%s)', (word, expected) => {
    expect(make().correct(word)).toBe(expected);
  });

  test('isKnown covers the vocabulary, not the corrections', () => {
    const c = make();
    expect(c.isKnown('gateway')).toBe(true);
    expect(c.isKnown('the')).toBe(true);
    expect(c.isKnown('gatway')).toBe(false);
  });

  test('words in the vocabulary but not targets are never produced, and are never corrected', () => {
    const c = make();
    expect(c.correct('carts')).toBeNull(); // known
    expect(c.correct('manx')).toBeNull(); // "many" is not a target
  });

  test('answers are cached and stay the same', () => {
    const c = make();
    const first = c.correct('gatway');
    expect(c.correct('gatway')).toBe(first);
    expect(c.correct('banana')).toBeNull();
    expect(c.correct('banana')).toBeNull();
  });

  test('the cache is bounded: more than 10,000 distinct words still correct the same', () => {
    const c = make();
    for (let i = 0; i < 10_050; i++) c.correct(`zz${i.toString(36).replace(/\d/g, 'q')}zz`);
    expect(c.correct('gatway')).toBe('gateway');
    expect((c as unknown as { cache: Map<string, unknown> }).cache.size).toBeLessThanOrEqual(10_000);
  });

  test('a correction is always within the allowed distance of the word', () => {
    const c = make();
    for (const w of ['gatway', 'forbbiddenn', 'unathorized', 'feilds', 'reqest', 'timout']) {
      const fix = c.correct(w) as string;
      expect(editDistance(w, fix, 2)).toBeLessThanOrEqual(w.length >= 8 ? 2 : 1);
    }
  });
});

describe('the engine corrector (real vocabulary)', () => {
  test.each<[string, string | null]>([
    ['gatway', 'gateway'],
    ['gatewya', 'gateway'],
    ['forbiden', 'forbidden'],
    ['unathorized', 'unauthorized'],
    ['unauthorised', 'unauthorized'],
    ['servcie', 'service'],
    ['serivce', 'service'],
    ['unavailible', 'unavailable'],
    ['timout', 'timeout'],
    ['tiemout', 'timeout'],
    ['timeot', 'timeout'],
    ['requets', 'requests'],
    ['reqeusts', 'requests'],
    ['reqests', 'requests'],
    ['entitiy', 'entity'],
    ['paylod', 'payload'],
    ['feilds', 'fields'],
    ['cloudfare', 'cloudflare'],
    ['ngnix', 'nginx'],
    ['ngix', 'nginx'],
    ['throtled', 'throttled'],
    ['internl', 'internal'],
    ['intrenal', 'internal'],
    ['cofnlict', 'conflict'],
    ['conflcit', 'conflict'],
    ['permanantly', 'permanently'],
    ['unproccessable', 'unprocessable'],
    ['unprocesable', 'unprocessable'],
    ['precondtion', 'precondition'],
    ['mnay', 'many'],
    // Known words and non-words stay.
    ['gateway', null],
    ['hello', null],
    ['teh', null],
    ['hte', null],
    ['xyzzy', null],
    ['banana', null],
    ['gate123', null],
  ])('correct(%j) = %p', (word, expected) => {
    expect(corrector().correct(word)).toBe(expected);
  });

  test.each<[string, number]>([
    ['gatway timeout', 504],
    ['bad gatway', 502],
    ['forbiden', 403],
    ['unathorized', 401],
    ['SERVCIE UNAVAILABLE??', 503],
    ['internl server eror', 500],
    ['too many reqeusts', 429],
    ['paylod too large', 413],
  ])('understand(%j) finds %i through a corrected name', (text, code) => {
    const u = engine().understand(text);
    expect(u.intent).toBe('lookup');
    expect(u.codes[0]).toBe(code);
    expect(u.via).toBe('corrected-name');
  });

  // BUG (src/knowledge/typo-corrector.ts): the header promises two edits for words of 8+ letters, with the example
  // "unathorised" → "unauthorized" (a missing letter plus s/z). But only single deletions of the targets are
  // indexed, while the probe side takes up to two deletions of the word; a correction that needs an insertion
  // into the typed word plus any other edit (or two substitutions) can never meet. correct('unathorised') returns
  // null, and understand('unathorised') answers intent "none".
  test('the documented example: "unathorised" → "unauthorized"', () => {
    expect(corrector().correct('unathorised')).toBe('unauthorized');
  });

  test('two substitutions in a long word: "forbxddex" → "forbidden"', () => {
    // forbxddex: 9 letters, two substitutions (i→x, n→x) from "forbidden", within the promised two edits.
    expect(editDistance('forbxddex', 'forbidden', 2)).toBe(2);
    expect(corrector().correct('forbxddex')).toBe('forbidden');
  });

  test('transposition plus a missing letter in a long word: "frobiden" → "forbidden"', () => {
    expect(editDistance('frobiden', 'forbidden', 2)).toBe(2);
    expect(corrector().correct('frobiden')).toBe('forbidden');
  });

  // Once a 400-letter word took half a second: every one- and two-letter deletion of it was looked up.
  test.each<[number, 'yes' | 'no']>([
    [8, 'yes'],
    [24, 'yes'],
    [25, 'no'],
    [400, 'no'],
  ])(
    'a %i-letter word is looked up in the index: %s (at most once per distinct deletion of up to two letters)',
    (length, expected) => {
      const index = (corrector() as unknown as { deletes: Map<string, string[]> }).deletes;
      const get = index.get.bind(index);
      let lookups = 0;
      index.get = (key: string) => (lookups++, get(key));
      try {
        engine().understand(`what is ${lettersOnly(length)}`);
      } finally {
        delete (index as Partial<Map<string, string[]>>).get;
      }
      if (expected === 'no') expect(lookups).toBe(0);
      else expect(lookups).toBeGreaterThan(0);
      expect(lookups).toBeLessThanOrEqual(1 + length + (length * (length - 1)) / 2);
    },
  );

  test('understand("unathorised when calling the api") finds 401', () => {
    const u = engine().understand('unathorised when calling the api');
    expect(u.codes[0]).toBe(401);
  });
});

/** A word of `length` letters that is no English word, the same on every run. */
function lettersOnly(length: number): string {
  let seed = 7 + length;
  return Array.from({ length }, () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return String.fromCharCode(97 + (seed % 26));
  }).join('');
}
