/**
 * The regression corpus: questions written in our own words for every intent and the hard cases (logs, typos,
 * distractor numbers, symptoms without a code, vendor codes, out-of-scope traps). Prints accuracy per category and
 * fails when the engine falls below the floor, so a change that helps one category at the cost of another shows.
 */
import { StatusEngine } from '../../src/knowledge/engine';
import { INTENTS } from '../../src/knowledge/understanding';
import { invented, judge, loadCorpus } from './judge';

const OVERALL_FLOOR = 0.93;
const CATEGORY_FLOOR = 0.8;

describe('regression corpus', () => {
  const engine = StatusEngine.load();
  const cases = loadCorpus();
  const byTag = new Map<string, { n: number; ok: number; misses: string[] }>();
  let pass = 0;
  let inventedCodes = 0;
  for (const c of cases) {
    const u = engine.understand(c.q);
    const ok = judge(c, u);
    const t = byTag.get(c.tag) ?? { n: 0, ok: 0, misses: [] };
    t.n++;
    if (ok) {
      t.ok++;
      pass++;
    } else t.misses.push(`${JSON.stringify(c.q).slice(0, 100)} → ${u.intent} ${u.codes.slice(0, 3).join(',')}${u.class ? ` ${u.class}` : ''}`);
    byTag.set(c.tag, t);
    if (invented(c, u)) inventedCodes++;
  }

  afterAll(() => {
    const rows = [...byTag.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([tag, t]) => `  ${tag.padEnd(12)} ${String(t.ok).padStart(4)}/${String(t.n).padEnd(4)} ${((100 * t.ok) / t.n).toFixed(1)}%`);
    process.stdout.write(`\nRegression corpus: ${pass}/${cases.length} = ${((100 * pass) / cases.length).toFixed(1)}% (codes named where none was asked: ${inventedCodes})\n${rows.join('\n')}\n`);
  });

  it('has at least 300 cases covering every intent a message has on its own', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
    // A follow-up exists only in a conversation: test/conversation/dialogues.test.ts covers it.
    expect(new Set(cases.map((c) => c.intent))).toEqual(new Set(INTENTS.filter((i) => i !== 'follow_up')));
  });

  it(`answers at least ${OVERALL_FLOOR * 100}% of the corpus right`, () => {
    expect(pass / cases.length).toBeGreaterThanOrEqual(OVERALL_FLOOR);
  });

  it.each([...byTag.keys()].sort())(`category %s is at least ${CATEGORY_FLOOR * 100}% right`, (tag) => {
    const t = byTag.get(tag) as { n: number; ok: number; misses: string[] };
    if (t.ok / t.n < CATEGORY_FLOOR) throw new Error(`${tag}: ${t.ok}/${t.n}\n${t.misses.join('\n')}`);
  });

  it('never names a code for out-of-scope questions, greetings or unknown codes (at most 1 in the corpus)', () => {
    expect(inventedCodes).toBeLessThanOrEqual(1);
  });
});
