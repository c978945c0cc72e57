/**
 * The regression corpus: questions written in our own words for every intent and the hard cases (logs, typos,
 * distractor numbers, symptoms without a code, vendor codes, out-of-scope traps). Prints accuracy per category and
 * fails when the engine falls below the floor, so a change that helps one category at the cost of another shows.
 */
import { StatusEngine } from '../../src/knowledge/engine';
import { ASK_BELOW, INTENTS } from '../../src/knowledge/understanding';
import { invented, judge, loadCorpus } from './judge';

const OVERALL_FLOOR = 0.93;
/** Lower bounds of the confidence bands the calibration is reported in; ASK_BELOW is one of them. */
const CONFIDENCE_BANDS = [0.9, 0.75, ASK_BELOW, 0];
const CATEGORY_FLOOR = 0.8;

describe('regression corpus', () => {
  const engine = StatusEngine.load();
  const cases = loadCorpus();
  const byTag = new Map<string, { n: number; ok: number; misses: string[] }>();
  /** How often the engine is right, per band of its own confidence. */
  const byConfidence = new Map(CONFIDENCE_BANDS.map((b) => [b, { ok: 0, n: 0 }]));
  let pass = 0;
  let inventedCodes = 0;
  for (const c of cases) {
    const u = engine.understand(c.q);
    const ok = judge(c, u);
    const band = byConfidence.get(CONFIDENCE_BANDS.find((b) => u.confidence >= b) ?? 0) as { ok: number; n: number };
    band.n++;
    if (ok) band.ok++;
    const t = byTag.get(c.tag) ?? { n: 0, ok: 0, misses: [] };
    t.n++;
    if (ok) {
      t.ok++;
      pass++;
    } else
      t.misses.push(
        `${JSON.stringify(c.q).slice(0, 100)} → ${u.intent} ${u.codes.slice(0, 3).join(',')}${u.class ? ` ${u.class}` : ''}`,
      );
    byTag.set(c.tag, t);
    if (invented(c, u)) inventedCodes++;
  }

  afterAll(() => {
    const rows = [...byTag.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([tag, t]) =>
          `  ${tag.padEnd(12)} ${String(t.ok).padStart(4)}/${String(t.n).padEnd(4)} ${((100 * t.ok) / t.n).toFixed(1)}%`,
      );
    const bands = [...byConfidence.entries()].map(
      ([b, { ok, n }]) => `  confidence ≥ ${b.toFixed(2)}: ${ok}/${n}${n ? ` = ${((100 * ok) / n).toFixed(1)}%` : ''}`,
    );
    process.stdout.write(
      `\nRegression corpus: ${pass}/${cases.length} = ${((100 * pass) / cases.length).toFixed(1)}% (codes named where none was asked: ${inventedCodes})\n${rows.join('\n')}\n${bands.join('\n')}\n`,
    );
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

  it('is calibrated: the surer it says it is, the more often it is right, and it answers outright only when right at least 9 times in 10', () => {
    const rates = [...byConfidence.values()].filter(({ n }) => n > 0).map(({ ok, n }) => ok / n);
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeLessThanOrEqual(rates[i - 1] as number);
    const above = [...byConfidence.entries()].filter(([b]) => b >= ASK_BELOW).map(([, band]) => band);
    expect(above.reduce((sum, b) => sum + b.ok, 0) / above.reduce((sum, b) => sum + b.n, 0)).toBeGreaterThanOrEqual(
      0.9,
    );
  });

  it('never names a code for out-of-scope questions, greetings or unknown codes (at most 1 in the corpus)', () => {
    expect(inventedCodes).toBeLessThanOrEqual(1);
  });
});
