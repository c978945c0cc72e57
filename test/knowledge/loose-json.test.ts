/**
 * loose-json.ts: object literals in pasted text as JSON, Python's repr and Node's console.log write them; complete
 * ones only, found inside a snippet cut short, and bounded however the text is nested.
 */
import { objectsIn, unescape } from '../../src/knowledge/loose-json';

const values = (text: string) => objectsIn(text).map((o) => o.value);

describe('objectsIn', () => {
  test.each<[string, string, unknown[]]>([
    [
      'JSON',
      '{"error": "invalid_grant", "n": 1.5, "ok": true, "x": null}',
      [{ error: 'invalid_grant', n: 1.5, ok: true, x: null }],
    ],
    ['nested JSON with arrays', '{"a": [1, {"b": "c"}], "d": {}}', [{ a: [1, { b: 'c' }], d: {} }]],
    [
      "Python's repr",
      "{'error': 'invalid_grant', 'ok': False, 'x': None, 'y': True}",
      [{ error: 'invalid_grant', ok: false, x: null, y: true }],
    ],
    ["Python's repr with a double-quoted string", `{'detail': "can't do that"}`, [{ detail: "can't do that" }]],
    [
      "Node's console.log",
      "{\n  error: 'invalid_grant',\n  'retry-after': '120',\n  list: [ 'a', 'b' ],\n}",
      [{ error: 'invalid_grant', 'retry-after': '120', list: ['a', 'b'] }],
    ],
    [
      'a body after headers and before curl notes',
      'HTTP/1.1 400\n\n{"error":"x"}* Connection #0 left intact',
      [{ error: 'x' }],
    ],
    ['two objects', 'first {"a":1} then {"b":2}', [{ a: 1 }, { b: 2 }]],
    ['escapes', '{"a": "say \\"hi\\"\\n\\u00e9"}', [{ a: 'say "hi"\né' }]],
    ['negative and exponent numbers', '{"a": -1, "b": 2e3}', [{ a: -1, b: 2000 }]],
    ['a later key wins', '{"a": 1, "a": 2}', [{ a: 2 }]],
  ])('%s', (_, text, expected) => expect(values(text)).toEqual(expected));

  test('the complete objects inside a snippet cut short', () => {
    const text =
      '{"log": {"entries": [{"name": "retry-after", "value": "120"}, {"name": "allow", "value": "GET"}, {"name": "loc';
    expect(values(text)).toEqual([
      { name: 'retry-after', value: '120' },
      { name: 'allow', value: 'GET' },
    ]);
  });

  test('"__proto__" is an ordinary key', () => {
    const [found] = values('{"__proto__": {"polluted": true}}');
    expect(Object.getPrototypeOf(found)).toBe(Object.prototype);
    expect(Object.keys(found ?? {})).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test.each<[string, string]>([
    ['prose in braces', 'use {curly braces} here'],
    ['a template placeholder', 'Hello {name}, your code is {code}'],
    ['a key with no value', '{"a": }'],
    ['a bare word as a value', '{"a": banana}'],
    ['a string across lines', '{"a": "one\ntwo"}'],
    ['a CSS rule', 'body { color: red; }'],
  ])('no object in %s', (_, text) => expect(values(text)).toEqual([]));

  test('positions: where each literal starts and ends', () => {
    const text = 'x {"a":1} y';
    expect(objectsIn(text)).toEqual([{ value: { a: 1 }, start: 2, end: 9 }]);
  });

  test('nesting deeper than the bound is no literal: only the innermost levels are found', () => {
    const deep = '{"a":'.repeat(2000) + '1' + '}'.repeat(2000);
    const found = objectsIn(deep);
    expect(found).toHaveLength(1);
    expect(JSON.stringify(found[0]?.value).length).toBeLessThan(200);
  });

  test('ten thousand opening braces cost little', () => {
    expect(objectsIn('{'.repeat(10_000))).toEqual([]);
    expect(objectsIn('{"a":"'.repeat(2000))).toEqual([]);
  });
});

describe('unescape', () => {
  test.each<[string, string]>([
    ['plain', 'plain'],
    ['a \\"quote\\"', 'a "quote"'],
    ["it\\'s", "it's"],
    ['tab\\tnew\\nline', 'tab\tnew\nline'],
    ['\\u00e9\\x41', 'éA'],
    ['back\\\\slash', 'back\\slash'],
    ['\\/path', '/path'],
  ])('%s', (text, expected) => expect(unescape(text)).toBe(expected));
});
