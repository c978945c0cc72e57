/**
 * Property-based tests (fast-check) over the whole pipeline: understand() → composeAnswer() → renderText().
 * Over 10,000 generated inputs (test/knowledge/generated-messages.ts): unicode strings, mixed words and digits, short
 * queries and log-like lines. For each: nothing throws, and the Understanding is valid. How long they take is
 * `npm run bench:engine`'s business (docs/performance.md, "The understanding engine").
 */
import fc from 'fast-check';
import { INTENTS, type Understanding } from '../../src/knowledge/understanding';
import { renderText } from '../../src/render/render-text';
import { engine } from './fixture';
import { logLine, messageFamilies } from './generated-messages';

function expectValid(u: Understanding, input: string): void {
  const where = JSON.stringify(input).slice(0, 200);
  if (!INTENTS.includes(u.intent)) throw new Error(`intent ${u.intent} not in INTENTS for ${where}`);
  if (!u.codes.every((c) => Number.isInteger(c)))
    throw new Error(`non-integer code ${JSON.stringify(u.codes)} for ${where}`);
  if (!(u.confidence >= 0 && u.confidence <= 1))
    throw new Error(`confidence ${u.confidence} out of [0, 1] for ${where}`);
  if ((u.intent === 'none' || u.intent === 'greeting') && (u.codes.length || u.ids.length))
    throw new Error(`${u.intent} with codes ${JSON.stringify(u.codes)} for ${where}`);
  if (u.intent === 'unknown_code' && !Number.isInteger(u.code))
    throw new Error(`unknown_code without a code for ${where}`);
  if (u.intent !== 'unknown_code' && u.code !== null) throw new Error(`code set on ${u.intent} for ${where}`);
  if ((u.intent === 'lookup' || u.intent === 'compare' || u.intent === 'triage') && !u.codes.length)
    throw new Error(`${u.intent} without codes for ${where}`);
  for (const id of u.ids) if (!engine().table.entry(id)) throw new Error(`unknown id ${id} for ${where}`);
  for (const a of u.alternatives)
    if (!Number.isInteger(a.code) || !engine().table.entry(a.id))
      throw new Error(`bad alternative ${JSON.stringify(a)} for ${where}`);
  if (u.truncated !== input.length > 10_000)
    throw new Error(`truncated ${u.truncated} for a message of ${input.length} characters`);
}

/** The whole pipeline for one message; throws on any failure. */
function pipeline(text: string): Understanding {
  const u = engine().understand(text);
  const answer = engine().answer(u);
  const md = renderText(answer, 'markdown');
  const plain = renderText(answer, 'plain');
  if (typeof md !== 'string' || typeof plain !== 'string' || !plain.length)
    throw new Error(`empty reply for ${JSON.stringify(text).slice(0, 200)}`);
  expectValid(u, text);
  return u;
}

const families = () => messageFamilies(engine());

// === Properties: 10,120 inputs, plus 20 messages over the length limit.

const RUNS = {
  unicode: 2_300,
  graphemes: 1_500,
  ascii: 2_100,
  mixed: 2_400,
  logs: 1_800,
  short: 20,
  huge: 20,
};

describe('understand → composeAnswer → renderText never throws and stays valid', () => {
  test(`arbitrary unicode (any code point, lone surrogates included; 41–120 code points): ${RUNS.unicode} inputs`, () => {
    fc.assert(
      fc.property(families().unicode, (s) => void pipeline(s)),
      { numRuns: RUNS.unicode },
    );
  });

  test(`graphemes (emoji, combining marks, RTL scripts): ${RUNS.graphemes} inputs`, () => {
    fc.assert(
      fc.property(families().graphemes, (s) => void pipeline(s)),
      { numRuns: RUNS.graphemes },
    );
  });

  test(`printable ASCII soup: ${RUNS.ascii} inputs`, () => {
    fc.assert(
      fc.property(families().ascii, (s) => void pipeline(s)),
      { numRuns: RUNS.ascii },
    );
  });

  test(`mixed words, codes and numbers (6–30 tokens): ${RUNS.mixed} inputs`, () => {
    fc.assert(
      fc.property(families().mixed, (s) => void pipeline(s)),
      { numRuns: RUNS.mixed },
    );
  });

  test(`log-like lines (nginx, haproxy, curl, JSON, key=value, tool errors; 1–15 lines): ${RUNS.logs} inputs`, () => {
    fc.assert(
      fc.property(families().logs, (s) => {
        const u = pipeline(s);
        // A triage counts one status per line at most.
        if (u.intent === 'triage')
          expect(u.counts.reduce((n, c) => n + c.count, 0)).toBeLessThanOrEqual(s.split('\n').length);
      }),
      { numRuns: RUNS.logs },
    );
  });

  test(`short messages (≤ 5 words, ≤ 32 characters): ${RUNS.short} inputs, and ones that once reached a slow fuzzy search`, () => {
    fc.assert(
      fc.property(families().short, (s) => void pipeline(s)),
      { numRuns: RUNS.short },
    );
    for (const text of ['hello wvbq', 'the api qzxvbnmk returns', 'bad gatewy', 'servcie unavailabe']) pipeline(text);
  });

  test(`messages over 10,000 characters are cut and marked truncated: ${RUNS.huge} inputs`, () => {
    fc.assert(
      fc.property(fc.array(logLine(engine()), { minLength: 150, maxLength: 200 }), (lines) => {
        const text = lines.join('\n').padEnd(10_001, ' x');
        const u = engine().understand(text);
        expectValid(u, text);
        expect(u.truncated).toBe(true);
        expect(engine().answer(u).notes).toHaveLength(1);
      }),
      { numRuns: RUNS.huge },
    );
  });
});
