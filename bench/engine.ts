/**
 * `npm run bench:engine`: how fast the understanding engine is, measured on the regression corpus.
 * Prints start-up (load + validate + index), per-message latency of understand + compose + render (p50/p99/max)
 * and throughput, then the cold start of the `ask` CLI as a user runs it. Targets: p99 ≤ 1 ms, start-up ≤ 200 ms.
 * The engine's memory of recent short messages is off, so every message is understood from scratch.
 *
 * Then the generated messages of the property tests (test/knowledge/generated-messages.ts, a fixed seed): each is
 * timed once; one over GENERATED_BUDGET_MS is re-run up to five times with the engine's caches emptied and its fastest
 * run kept, so a garbage collection is not mistaken for a slow input. BENCH_GENERATED scales their number.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StatusEngine } from '../src/knowledge/engine';
import { DEFAULT_DATA_DIR } from '../src/knowledge/load-table';
import { renderText } from '../src/render/render-text';
import fc from 'fast-check';
import { messageFamilies, type Family } from '../test/knowledge/generated-messages';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const root = join(DEFAULT_DATA_DIR, '..');
const corpusDir = join(root, 'test', 'corpus');
const questions = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) =>
    readFileSync(join(corpusDir, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { q: string }).q),
  );

const t0 = performance.now();
const engine = StatusEngine.load(undefined, 0);
const startupMs = performance.now() - t0;

// Warm-up: let the JIT settle before measuring.
for (const q of questions) renderText(engine.ask(q).answer);

const samples: number[] = [];
const started = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  for (const q of questions) {
    const s = performance.now();
    renderText(engine.ask(q).answer);
    samples.push(performance.now() - s);
  }
}
const totalMs = performance.now() - started;
samples.sort((a, b) => a - b);
const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] as number;

const cli = join(root, 'dist', 'src', 'cli', 'ask.js');
const coldRuns = [0, 1, 2].map(() => {
  const s = performance.now();
  const run = spawnSync(process.execPath, [cli, '--json', 'what is 502'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ask failed: ${run.stderr}`);
  return performance.now() - s;
});

const f = (n: number) => n.toFixed(3);
console.log(`engine bench: ${questions.length} corpus questions × ${ROUNDS} rounds = ${samples.length} messages`);
console.log(`start-up (load + validate + index): ${startupMs.toFixed(1)} ms (target ≤ 200 ms)`);
console.log(
  `per message (understand + answer + render): p50 ${f(pct(50))} ms, p99 ${f(pct(99))} ms, max ${f(samples[samples.length - 1] as number)} ms (target p99 ≤ 1 ms)`,
);
console.log(
  `throughput: ${Math.round(samples.length / (totalMs / 1000)).toLocaleString('en-US')} messages/s on one core`,
);
console.log(`ask CLI cold start, one question: ${coldRuns.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
console.log(
  `heap used: ${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} MB, rss ${(process.memoryUsage().rss / 1048576).toFixed(1)} MB`,
);

// === Generated messages

const GENERATED_BUDGET_MS = 5;
const GENERATED: Record<Family, number> = {
  unicode: 2_300,
  graphemes: 1_500,
  ascii: 2_100,
  mixed: 2_400,
  logs: 1_800,
  short: 2_000,
};
const scale = Number(process.env.BENCH_GENERATED ?? 1);

/** The fuzzy-search fallback is counted, to tell the inputs that reached it apart. */
let fuzzyCalls = 0;
const search = engine.search;
const searchNames = search.searchNames.bind(search);
(search as unknown as { searchNames: typeof searchNames }).searchNames = (query, limit) => {
  fuzzyCalls++;
  return searchNames(query, limit);
};
const emptyCaches = () => {
  (engine.search as unknown as { cache: Map<string, unknown> }).cache.clear();
  (engine as unknown as { parts: { corrector: { cache: Map<string, unknown> } } }).parts.corrector.cache.clear();
};
const once = (text: string) => {
  const s = performance.now();
  renderText(engine.ask(text).answer);
  return performance.now() - s;
};

const families = messageFamilies(engine);
const timings: Array<{ family: Family; text: string; ms: number; fuzzy: boolean }> = [];
for (const [family, count] of Object.entries(GENERATED) as Array<[Family, number]>) {
  for (const text of fc.sample(families[family], { numRuns: Math.round(count * scale), seed: 17 })) {
    const before = fuzzyCalls;
    let ms = once(text);
    for (let i = 0; i < 5 && ms > GENERATED_BUDGET_MS; i++) {
      emptyCaches();
      ms = Math.min(ms, once(text));
    }
    timings.push({ family, text, ms, fuzzy: fuzzyCalls > before });
  }
}
const byTime = [...timings].sort((a, b) => a.ms - b.ms);
const at = (p: number) => (byTime[Math.min(byTime.length - 1, Math.floor(byTime.length * p))] as { ms: number }).ms;
const over = timings.filter((t) => t.ms > GENERATED_BUDGET_MS);
console.log(
  `generated messages: ${timings.length} (${Object.keys(GENERATED).join(', ')}): p50 ${f(at(0.5))} ms, p99 ${f(at(0.99))} ms, max ${f(at(1))} ms`,
);
console.log(
  `  over ${GENERATED_BUDGET_MS} ms after re-runs: ${over.length} (of them through the fuzzy-search fallback: ${over.filter((t) => t.fuzzy).length})`,
);
const printable = (text: string) =>
  JSON.stringify(text).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
for (const t of byTime.slice(-5).reverse())
  console.log(`  ${f(t.ms)} ms [${t.family}${t.fuzzy ? ', fuzzy search' : ''}] ${printable(t.text).slice(0, 100)}`);
console.log('\nWhat these figures mean, and earlier ones: docs/performance.md, "The understanding engine".');
