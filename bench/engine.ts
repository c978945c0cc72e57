/**
 * `npm run bench:engine`: how fast the understanding engine is, measured on the regression corpus.
 * Prints start-up (load + validate + index), per-message latency of understand + compose + render (p50/p99/max)
 * and throughput, then the cold start of the `ask` CLI as a user runs it. Targets: p99 ≤ 1 ms, start-up ≤ 200 ms.
 * The engine's memory of recent short messages is off, so every message is understood from scratch.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StatusEngine } from '../src/knowledge/engine';
import { DEFAULT_DATA_DIR } from '../src/knowledge/load-table';
import { renderText } from '../src/render/render-text';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const root = join(DEFAULT_DATA_DIR, '..');
const corpusDir = join(root, 'test', 'corpus');
const questions = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) => readFileSync(join(corpusDir, f), 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { q: string }).q));

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
console.log(`per message (understand + answer + render): p50 ${f(pct(50))} ms, p99 ${f(pct(99))} ms, max ${f(samples[samples.length - 1] as number)} ms (target p99 ≤ 1 ms)`);
console.log(`throughput: ${Math.round(samples.length / (totalMs / 1000)).toLocaleString('en-US')} messages/s on one core`);
console.log(`ask CLI cold start, one question: ${coldRuns.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
console.log(`heap used: ${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} MB, rss ${(process.memoryUsage().rss / 1048576).toFixed(1)} MB`);
