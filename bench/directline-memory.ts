/**
 * `npm run bench:directline-memory`: what the self-hosted Direct Line holds against its own budget
 * (DIRECTLINE_HISTORY_MB), measured on a real StatusBot process over real HTTP, the way Web Chat talks to it: for
 * each conversation a token (POST /api/directline/token), the conversation (POST /v3/directline/conversations) and
 * one message (POST …/activities, answered before the response returns).
 *
 * Three loads, one after another on the same process, the default configuration otherwise:
 * - small: 40,000 conversations of one question each ("what is 502", over 25 codes), four times
 *   DIRECTLINE_MAX_CONVERSATIONS, so the store is full and evicting;
 * - full-size ASCII: 6,000 conversations of one 60,000-character message (near DIRECTLINE_MAX_ACTIVITY_KB);
 * - full-size CJK: 6,000 conversations of one 21,000-character message in CJK (63 KB of UTF-8, and two bytes a
 *   character in a JavaScript string).
 *
 * After each: RSS and its peak (VmHWM) from /proc, heap used and external memory from /metrics, and what the
 * Direct Line store counts (conversations kept, bytes held) against the budget; 15 s later RSS again. The last line
 * says whether the peak stayed within idle + budget + the stated overhead (docs/performance.md). Rate limits per
 * address are raised for the load (one client address plays every visitor).
 *
 * Settings (environment): BENCH_DL_SMALL (default 40,000), BENCH_DL_LARGE (default 6,000 of each full-size kind),
 * BENCH_DL_HISTORY_MB (default: the app's default), BENCH_DL_CONCURRENCY (default 32).
 * Takes about three minutes on two cores.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchBot, rssMb, sleep, type RunningBot } from './e2e';

const SETTLE_MS = 15_000;
/** The overhead docs/performance.md states: RSS stays within idle + budget × (1 + share) + fixed MB. */
const STATED_OVERHEAD = { share: 0.2, fixedMb: 160 };
const CODES = [
  200, 201, 204, 301, 302, 304, 307, 308, 400, 401, 403, 404, 405, 408, 409, 410, 413, 415, 422, 429, 500, 501, 502,
  503, 504,
];

interface Reading {
  label: string;
  conversations: number;
  seconds: number;
  errors: number;
  rss: number;
  peak: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  kept: number;
  counted: number;
  settled: number;
}

/** The app's Direct Line fill and heap figures, from /metrics (NaN when the app does not export one). */
async function scrape(
  url: string,
): Promise<{ heapUsed: number; heapTotal: number; external: number; kept: number; counted: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return {
    heapUsed: read('nodejs_heap_size_used_bytes') / 2 ** 20,
    heapTotal: read('nodejs_heap_size_total_bytes') / 2 ** 20,
    external: read('nodejs_external_memory_bytes') / 2 ** 20,
    kept: read('statusbot_directline_conversations'),
    counted: read('statusbot_directline_bytes') / 2 ** 20,
  };
}

function peakMb(pid: number): number {
  const kb = Number(/VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}

/** One HTTP exchange with a JSON body both ways. */
function request(
  agent: http.Agent,
  url: string,
  token: string | undefined,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': String(payload.length) }
            : { 'content-length': '0' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> = {};
          try {
            json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            // Not JSON: counted as an error by the caller through the status.
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Starts `count` conversations with one message each (`text(i)`), `concurrency` at a time; returns the errors. */
async function converse(
  bot: RunningBot,
  count: number,
  concurrency: number,
  text: (i: number) => string,
): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  let errors = 0;
  const one = async (i: number) => {
    const issued = await request(agent, `${bot.url}/api/directline/token`, undefined, undefined);
    const token = issued.json.token as string | undefined;
    const domain = issued.json.domain as string | undefined;
    if (issued.status !== 200 || !token || !domain) return void errors++;
    const started = await request(agent, `${domain}/conversations`, token, undefined);
    if (started.status !== 201) return void errors++;
    const posted = await request(
      agent,
      `${domain}/conversations/${issued.json.conversationId as string}/activities`,
      token,
      { type: 'message', text: text(i) },
    );
    if (posted.status !== 200) errors++;
  };
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await one(i).catch(() => void errors++);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return errors;
}

async function load(
  bot: RunningBot,
  label: string,
  count: number,
  concurrency: number,
  text: (i: number) => string,
): Promise<Reading> {
  const started = performance.now();
  const errors = await converse(bot, count, concurrency, text);
  const seconds = (performance.now() - started) / 1000;
  const rss = rssMb(bot.pid);
  const figures = await scrape(bot.url);
  await sleep(SETTLE_MS);
  return {
    label,
    conversations: count,
    seconds,
    errors,
    rss,
    peak: peakMb(bot.pid),
    ...figures,
    settled: rssMb(bot.pid),
  };
}

async function main(): Promise<void> {
  const small = Number(process.env.BENCH_DL_SMALL ?? 40_000);
  const large = Number(process.env.BENCH_DL_LARGE ?? 6_000);
  const concurrency = Number(process.env.BENCH_DL_CONCURRENCY ?? 32);
  const historyMb = process.env.BENCH_DL_HISTORY_MB;
  const env: Record<string, string> = {
    RATE_LIMIT_PER_MINUTE: '1000000',
    DIRECTLINE_TOKENS_PER_MINUTE: '100000',
    ...(historyMb ? { DIRECTLINE_HISTORY_MB: historyMb } : {}),
  };
  const bot = await launchBot('StatusBot', join('src', 'index.js'), env);
  try {
    await sleep(1_000);
    const idle = rssMb(bot.pid);
    const idleFigures = await scrape(bot.url);
    const budget = Number(historyMb ?? 128);
    console.log(
      `Direct Line memory bench: DIRECTLINE_HISTORY_MB=${budget}, DIRECTLINE_MAX_CONVERSATIONS=10000 (defaults otherwise), ${concurrency} visitors at a time; MB`,
    );
    console.log(
      `idle: RSS ${idle.toFixed(0)}, heap used ${idleFigures.heapUsed.toFixed(0)} of ${idleFigures.heapTotal.toFixed(0)}, external ${idleFigures.external.toFixed(0)}`,
    );
    const readings: Reading[] = [];
    readings.push(await load(bot, `small ×${small}`, small, concurrency, (i) => `what is ${CODES[i % CODES.length]}`));
    readings.push(
      await load(
        bot,
        `60,000 ASCII ×${large}`,
        large,
        concurrency,
        (i) => `what is 502 ${String(i).padStart(6, '0')} ${'A'.repeat(60_000)}`,
      ),
    );
    readings.push(
      await load(
        bot,
        `21,000 CJK ×${large}`,
        large,
        concurrency,
        (i) => `502是什么 ${String(i).padStart(6, '0')} ${'错误网关'.repeat(5_250)}`,
      ),
    );

    const width = Math.max(...readings.map((r) => r.label.length));
    console.log('');
    console.log(
      `${'load'.padEnd(width)}  conv/s errors   RSS  peak +15 s  heap  of  extern   kept counted  RSS-idle vs budget`,
    );
    for (const r of readings) {
      const fmt = (v: number, w: number) => (Number.isFinite(v) ? v.toFixed(0) : 'n/a').padStart(w);
      console.log(
        [
          r.label.padEnd(width),
          (r.conversations / r.seconds).toFixed(0).padStart(7),
          String(r.errors).padStart(6),
          fmt(r.rss, 5),
          fmt(r.peak, 5),
          fmt(r.settled, 5),
          fmt(r.heapUsed, 5),
          fmt(r.heapTotal, 4),
          fmt(r.external, 7),
          fmt(r.kept, 6),
          fmt(r.counted, 8),
          `  ${((r.rss - idle) / budget).toFixed(2)}×`,
        ].join(' '),
      );
    }
    const worst = Math.max(...readings.map((r) => r.peak));
    const stated = idle + budget * (1 + STATED_OVERHEAD.share) + STATED_OVERHEAD.fixedMb;
    console.log('');
    console.log(
      `peak RSS ${worst.toFixed(0)} MB = idle ${idle.toFixed(0)} + budget ${budget} + ${(worst - idle - budget).toFixed(0)} beyond both`,
    );
    console.log(
      `stated bound: idle + budget + ${STATED_OVERHEAD.share * 100}% of it + ${STATED_OVERHEAD.fixedMb} MB = ${stated.toFixed(0)} MB: ${worst <= stated ? 'within' : 'EXCEEDED'}`,
    );
    console.log(
      '\nWhat these figures mean, and earlier ones: docs/performance.md, "Direct Line memory against its budget".',
    );
    const failed = readings.reduce((n, r) => n + r.errors, 0);
    if (failed) {
      console.log(`FAILED: ${failed} requests did not get the expected answer`);
      process.exitCode = 1;
    }
  } finally {
    await bot.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
