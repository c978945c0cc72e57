/**
 * `npm run bench:memory`: StatusBot's resident memory against the bare echo bot's (bench/echo-bot.ts) under the same
 * load: 100,000 expectReplies messages over 10,000 conversations of 10 turns, 64 at a time, each bot alone on the
 * machine. RSS is read from /proc while the load runs and printed at every tenth of the messages, so a leak shows as
 * a climbing row; then idle (before the load), peak, end (when the last reply arrived, the figure the target is
 * about: ≤ 1.25× the echo bot's, and flat) and settled (30 s later, once V8's memory reducer has had its chance to
 * give back what the load left behind), with StatusBot/echo ratios.
 *
 * Reading the figures: by its own choice V8 lets the old generation grow to about four times what survived the last
 * full collection before collecting again (a server under load promotes a lot), so RSS follows the live heap about
 * four to one. StatusBot's live heap is larger than the echo bot's by what it knows and holds (the status table and
 * its indexes, conversation state for up to 10,000 conversations, its caches), so StatusBot caps that growth at 2×
 * (HEAP_GROWTH_PERCENT=100, src/heap-growth.ts). The target compares both bots as they ship; two more runs show what
 * the setting does: StatusBot with V8's choice (HEAP_GROWTH_PERCENT=0), and the echo bot with StatusBot's setting.
 *
 * A third run gives StatusBot a small state store (STATE_MAX_CONVERSATIONS=1000) for 10,000 conversations of 2 turns
 * and reads /metrics afterwards: the store holds at most 1,000 conversations and evicted the rest.
 *
 * Settings (environment): BENCH_MESSAGES (default 100,000), BENCH_MEMORY_CONVERSATIONS (default 10,000),
 * BENCH_STATUSBOT_NODE_FLAGS (Node flags for StatusBot's process, e.g. "--max-old-space-size=160", to try a heap cap).
 * Takes about eight minutes on two cores.
 */
import { join } from 'node:path';
import { DEFAULT_HEAP_GROWTH_PERCENT } from '../src/config';
import { drive, echoConversations, launchBot, rssMb, sleep, statusBotConversations, type Conversation } from './e2e';

const CONCURRENCY = 64;
/** V8's memory reducer starts 8 s after the allocation rate drops and may take a few rounds. */
const SETTLE_MS = 30_000;

interface MemoryRun {
  label: string;
  messages: number;
  seconds: number;
  errors: number;
  lost: number;
  idle: number;
  peak: number;
  end: number;
  settled: number;
  /** RSS after each tenth of the messages. */
  timeline: number[];
  state?: { items: number; evictions: number };
}

async function measure(
  label: string,
  script: string,
  env: Record<string, string>,
  conversations: Conversation[],
  nodeArgs: string[] = [],
): Promise<MemoryRun> {
  const bot = await launchBot(label, script, env, nodeArgs);
  try {
    await sleep(1_000);
    const idle = rssMb(bot.pid);
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(bot.pid))), 250);
    const total = conversations.reduce((n, c) => n + c.length, 0);
    const timeline: number[] = [];
    const run = await drive(bot.url, conversations, {
      concurrency: CONCURRENCY,
      runId: 'memory',
      onProgress: (done) => {
        if (done >= ((timeline.length + 1) * total) / 10) timeline.push(rssMb(bot.pid));
      },
    });
    clearInterval(sampler);
    const end = rssMb(bot.pid);
    peak = Math.max(peak, end, ...timeline);
    await sleep(SETTLE_MS);
    const settled = rssMb(bot.pid);
    const state = script.includes('index') ? await stateMetrics(bot.url) : undefined;
    return {
      label,
      messages: run.requests,
      seconds: run.seconds,
      errors: run.errors,
      lost: run.lost,
      idle,
      peak,
      end,
      settled,
      timeline,
      state,
    };
  } finally {
    await bot.stop();
  }
}

/** The bounded state store's fill and evictions, from StatusBot's /metrics. */
async function stateMetrics(url: string): Promise<{ items: number; evictions: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return { items: read('statusbot_state_items'), evictions: read('statusbot_state_evictions_total') };
}

async function main(): Promise<void> {
  const messages = Number(process.env.BENCH_MESSAGES ?? 100_000);
  const conversationCount = Number(process.env.BENCH_MEMORY_CONVERSATIONS ?? 10_000);
  const turnsEach = Math.max(1, Math.round(messages / conversationCount));
  const flags = (process.env.BENCH_STATUSBOT_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const statusEnv = { RATE_LIMIT_PER_MINUTE: '1000000' };
  const statusScript = join('src', 'index.js');
  const statusLabel = (store: string) => `StatusBot, store ${store}${flags.length ? ` (${flags.join(' ')})` : ''}`;

  const conversations = statusBotConversations(conversationCount, turnsEach);
  const total = conversations.reduce((n, c) => n + c.length, 0);
  console.log(
    `memory bench: ${total.toLocaleString('en-US')} messages over ${conversationCount.toLocaleString('en-US')} conversations, ${CONCURRENCY} at a time, one bot at a time; RSS in MB`,
  );

  const echoScript = join('bench', 'echo-bot.js');
  const runs: MemoryRun[] = [];
  runs.push(await measure('echo bot', echoScript, {}, echoConversations(conversations)));
  runs.push(await measure(statusLabel('10,000 (default)'), statusScript, statusEnv, conversations, flags));
  const small = statusBotConversations(conversationCount, 2);
  runs.push(
    await measure(statusLabel('1,000'), statusScript, { ...statusEnv, STATE_MAX_CONVERSATIONS: '1000' }, small, flags),
  );
  const v8Choice = { HEAP_GROWTH_PERCENT: '0' };
  runs.push(
    await measure(
      `${statusLabel('10,000')}, V8's heap growth`,
      statusScript,
      { ...statusEnv, ...v8Choice },
      conversations,
      flags,
    ),
  );
  const statusBotsGrowth = { HEAP_GROWTH_PERCENT: String(DEFAULT_HEAP_GROWTH_PERCENT) };
  runs.push(
    await measure(
      "echo bot with StatusBot's heap growth",
      echoScript,
      statusBotsGrowth,
      echoConversations(conversations),
    ),
  );

  const width = Math.max(...runs.map((r) => r.label.length));
  console.log('');
  console.log(`${'bot'.padEnd(width)} messages  req/s  idle  peak   end +30 s  RSS at each tenth of the messages`);
  for (const r of runs) {
    console.log(
      [
        r.label.padEnd(width),
        String(r.messages).padStart(8),
        (r.messages / r.seconds).toFixed(0).padStart(6),
        ...[r.idle, r.peak, r.end, r.settled].map((v) => v.toFixed(0).padStart(5)),
        ' ' + r.timeline.map((v) => v.toFixed(0)).join(' '),
      ].join(' '),
    );
  }
  console.log('');
  for (const r of runs) {
    const half = r.timeline[Math.floor(r.timeline.length / 2) - 1] ?? r.idle;
    const last = r.timeline[r.timeline.length - 1] ?? r.end;
    const state = r.state
      ? `; state store holds ${r.state.items.toLocaleString('en-US')} conversations, evicted ${r.state.evictions.toLocaleString('en-US')}`
      : '';
    console.log(
      `${r.label}: second half of the load ${last - half >= 0 ? '+' : ''}${(last - half).toFixed(0)} MB${state}; errors ${r.errors}, lost ${r.lost}`,
    );
  }
  const [echo, status, , statusV8, echoCapped] = runs as [MemoryRun, MemoryRun, MemoryRun, MemoryRun, MemoryRun];
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  console.log(
    `StatusBot/echo RSS as they ship: idle ${ratio(status.idle, echo.idle)}, peak ${ratio(status.peak, echo.peak)}, end ${ratio(status.end, echo.end)}, ` +
      `settled ${ratio(status.settled, echo.settled)} (target: end ≤ 1.25×${status.end / echo.end <= 1.25 ? ', met' : ', not met'})`,
  );
  console.log(
    `both with V8's heap growth: end ${ratio(statusV8.end, echo.end)}; both with StatusBot's (${1 + DEFAULT_HEAP_GROWTH_PERCENT / 100}×): end ${ratio(status.end, echoCapped.end)}`,
  );
  console.log('\nWhat these figures mean, and earlier ones: docs/performance.md, "Heap growth".');
  const failed = runs.reduce((n, r) => n + r.errors + r.lost, 0);
  if (failed) {
    console.log(`FAILED: ${failed} errors or lost replies (target 0)`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
