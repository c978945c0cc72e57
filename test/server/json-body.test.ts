/**
 * nestingDepth() (json-body.ts): counted outside strings, escapes included, in one pass. The HTTP behaviour of the
 * reader is tested against the running server in test/security/request-bodies.test.ts.
 */
import { nestingDepth } from '../../src/server/json-body';

test.each<[string, number]>([
  ['{}', 1],
  ['{"a":[1,[2,{"b":3}]]}', 4],
  ['"[[[[[["', 0],
  ['{"text":"a \\" [[[ still a string"}', 1],
  ['{"path":"C:\\\\","v":[[]]}', 3],
  [`${'['.repeat(1000)}${']'.repeat(1000)}`, 1000],
])('%j nests %d deep', (text, depth) => {
  expect(nestingDepth(text)).toBe(depth);
});
