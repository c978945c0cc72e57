/**
 * `npm run bench:abuse`: StatusBot in its default configuration (and, for forged tokens, with credentials) under each
 * attack of the security review, one at a time, loopback only, each bounded in count and lasting at least 3 s. Each
 * attacker has an address of its own (127.0.0.10, .11, …), as a real one would; the health probe and the /metrics
 * reader use 127.0.0.1. For every attack it prints the answers the attacker got, the bot's RSS (before, peak, after),
 * its event-loop delay (max and p99 from its own /metrics, reset just before the attack) and the /healthz latency
 * seen by a separate probe process every 100 ms, which must stay under 50 ms. While an attack runs, this process (the
 * attacker) lowers its own CPU priority: a real attacker's CPU is not the server's, and on two shared cores the
 * attacker's own work would otherwise be measured as the bot's. Takes about two minutes on two cores.
 *
 * Settings (environment): BENCH_ABUSE_SCALE (default 1) multiplies every attack's request count; BENCH_ABUSE_ONLY
 * runs only the attacks whose name contains it.
 */
import { spawn } from 'node:child_process';
import { getPriority, setPriority } from 'node:os';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { launchBot, percentile, rssMb, sleep, type RunningBot } from './e2e';

const SCALE = Number(process.env.BENCH_ABUSE_SCALE ?? 1);
const ONLY = process.env.BENCH_ABUSE_ONLY ?? '';
const HEALTH_LIMIT_MS = 50;

const MIN_ATTACK_MS = 3_000;

interface Attack {
  name: string;
  /** Runs the attack against `url` from `from`, returning how many answers of each status (or error) it got. */
  run(url: string, from: string): Promise<Record<string, number>>;
}

interface Sent {
  from: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/** One request; resolves with its status, or the error code when the server closed the connection instead. */
function send(url: string, { from, method = 'POST', path, headers = {}, body }: Sent): Promise<string> {
  return new Promise((resolve) => {
    const req = request(
      new URL(path, url),
      { method, localAddress: from, headers: { connection: 'close', ...headers }, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(String(res.statusCode)));
        res.on('error', () => resolve(String(res.statusCode)));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    req.end(body);
  });
}

/** At least `count` requests, `concurrency` at a time, for at least MIN_ATTACK_MS, tallied by outcome. */
async function flood(
  count: number,
  concurrency: number,
  make: (i: number) => Promise<string>,
): Promise<Record<string, number>> {
  const tally: Record<string, number> = {};
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count || performance.now() - started < MIN_ATTACK_MS) {
        const outcome = await make(next++);
        tally[outcome] = (tally[outcome] ?? 0) + 1;
      }
    }),
  );
  return tally;
}

const activity = (extra: Record<string, unknown>) =>
  JSON.stringify({
    type: 'message',
    channelId: 'emulator',
    from: { id: 'u' },
    recipient: { id: 'b' },
    conversation: { id: 'c' },
    serviceUrl: 'http://127.0.0.1:9/',
    text: 'what is 502',
    ...extra,
  });

function multipart(bytes: number): { body: Buffer; type: string } {
  const boundary = '----bench-boundary';
  const head = Buffer.from(
    `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="x.bin"\r\ncontent-type: application/octet-stream\r\n\r\n`,
  );
  return {
    body: Buffer.concat([head, Buffer.alloc(bytes, 0x61), Buffer.from(`\r\n--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

/**
 * Opens `count` connections from `from`, 100 every 50 ms, that send half a request and then nothing; closes them
 * after `holdMs`. (All at once, they would overflow the kernel's accept queue, which no server setting can prevent.)
 */
async function halfOpen(url: string, from: string, count: number, holdMs: number): Promise<Record<string, number>> {
  const { port } = new URL(url);
  const tally: Record<string, number> = {};
  const sockets: Socket[] = [];
  const opened = await Promise.all(
    Array.from(
      { length: count },
      (_, i) =>
        new Promise<Socket | undefined>((resolve) => {
          setTimeout(
            () => {
              const socket = connect({ host: '127.0.0.1', port: Number(port), localAddress: from }, () => {
                socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
                resolve(socket);
              });
              socket.on('error', () => resolve(undefined));
              socket.on('data', (chunk: Buffer) => {
                const status = /^HTTP\/1\.1 (\d{3})/.exec(chunk.toString('latin1'))?.[1] ?? 'data';
                tally[status] = (tally[status] ?? 0) + 1;
              });
            },
            Math.floor(i / 100) * 50,
          );
        }),
    ),
  );
  for (const socket of opened) if (socket) sockets.push(socket);
  tally.connected = sockets.length;
  await sleep(holdMs);
  tally['closed by the bot'] = sockets.filter((s) => s.destroyed || s.readableEnded).length;
  for (const socket of sockets) socket.destroy();
  return tally;
}

const ATTACKS: Attack[] = [
  {
    name: 'multipart uploads, 3 MB each, to /api/directline/token',
    run: (url, from) => {
      const { body, type } = multipart(3 * 1024 * 1024);
      return flood(40 * SCALE, 8, () =>
        send(url, { from, path: '/api/directline/token', headers: { 'content-type': type }, body }),
      );
    },
  },
  {
    name: 'gzip bombs, 249 KB inflating to 250 MB, to /api/messages',
    run: (url, from) => {
      const body = gzipSync(
        Buffer.concat([
          Buffer.from('{"type":"message","text":"'),
          Buffer.alloc(250 * 1024 * 1024, 0x61),
          Buffer.from('"}'),
        ]),
        { level: 9 },
      );
      return flood(20 * SCALE, 4, () =>
        send(url, {
          from,
          path: '/api/messages',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          body,
        }),
      );
    },
  },
  {
    name: 'half-open connections, 3 addresses × 2,000, held 12 s',
    run: async (url, from) => {
      const addresses = [0, 1, 2].map((k) => from.replace(/\.\d+$/, (last) => `.${Number(last.slice(1)) + 100 + k}`));
      const parts = await Promise.all(addresses.map((address) => halfOpen(url, address, 2_000 * SCALE, 12_000)));
      const tally: Record<string, number> = {};
      for (const part of parts) for (const [k, v] of Object.entries(part)) tally[k] = (tally[k] ?? 0) + v;
      return tally;
    },
  },
  {
    name: '200 KB conversation ids to /api/messages',
    run: (url, from) => {
      const body = activity({ conversation: { id: 'c'.repeat(200 * 1024) }, deliveryMode: 'expectReplies' });
      return flood(1_000 * SCALE, 16, () =>
        send(url, { from, path: '/api/messages', headers: { 'content-type': 'application/json' }, body }),
      );
    },
  },
  {
    name: 'JSON nested 100,000 deep to /api/messages',
    run: (url, from) => {
      const body = `{"type":"message","value":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
      return flood(300 * SCALE, 8, () =>
        send(url, { from, path: '/api/messages', headers: { 'content-type': 'application/json' }, body }),
      );
    },
  },
  {
    name: 'SSRF: replies to a foreign serviceUrl, JSON and form-encoded',
    run: (url, from) =>
      flood(1_000 * SCALE, 16, (i) =>
        i % 2
          ? send(url, {
              from,
              path: '/api/messages',
              headers: { 'content-type': 'application/json' },
              body: activity({ serviceUrl: 'http://10.255.255.1:81/', conversation: { id: `s${i}` } }),
            })
          : send(url, {
              from,
              path: '/api/messages',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: `type=message&channelId=emulator&serviceUrl=http://10.255.255.1:81/&conversation[id]=f${i}&from[id]=x&recipient[id]=b&text=hi`,
            }),
      ),
  },
  {
    name: 'DNS rebinding: a foreign Host on /api/stats and the token endpoint',
    run: (url, from) =>
      flood(1_000 * SCALE, 16, (i) =>
        send(url, {
          from,
          method: i % 2 ? 'GET' : 'POST',
          path: i % 2 ? '/api/stats' : '/api/directline/token',
          headers: { host: 'rebind.evil.example' },
        }),
      ),
  },
  {
    name: 'Direct Line token flood from one address',
    run: (url, from) => flood(2_000 * SCALE, 16, () => send(url, { from, path: '/api/directline/token' })),
  },
];

/**
 * /healthz every 100 ms from a process of its own, so the attacker's work does not delay the probe. Resolves once
 * the first probe is answered; stop() returns every latency in ms (Infinity for a failed probe).
 */
async function startProbe(url: string): Promise<{ stop(): Promise<number[]> }> {
  const code = `
    const http = require('node:http'); const samples = []; let stopping = false;
    const done = (t) => { samples.push(t); if (samples.length === 1) process.stdout.write('ready\\n'); setTimeout(tick, 100); };
    const tick = () => { if (stopping) return; const t = performance.now();
      http.get('${url}/healthz', { agent: false }, (res) => { res.resume(); res.on('end', () => done(performance.now() - t)); })
        .on('error', () => done(Infinity)); };
    tick(); process.stdin.on('data', () => { stopping = true; process.stdout.write(JSON.stringify(samples.slice(1))); process.exit(0); });`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  await new Promise<void>((resolve) =>
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.startsWith('ready\n')) resolve();
    }),
  );
  return {
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve(JSON.parse(out.slice('ready\n'.length) || '[]') as number[]));
        child.stdin.write('stop\n');
      }),
  };
}

/** The bot's own event-loop delay since the last scrape (prom-client resets its histogram on every scrape), in ms. */
async function eventLoopDelay(url: string): Promise<{ max: number; p99: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^${name} ([\\d.e+-]+)`, 'm').exec(text)?.[1] ?? NaN) * 1000;
  return { max: read('nodejs_eventloop_lag_max_seconds'), p99: read('nodejs_eventloop_lag_p99_seconds') };
}

async function measure(bot: RunningBot, attack: Attack, from: string) {
  await eventLoopDelay(bot.url);
  const before = rssMb(bot.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(bot.pid))), 100);
  const probe = await startProbe(bot.url);
  const started = performance.now();
  const priority = getPriority();
  setPriority(19);
  const answers = await attack.run(bot.url, from);
  restorePriority(priority);
  const seconds = (performance.now() - started) / 1000;
  const health = (await probe.stop()).sort((a, b) => a - b);
  const loop = await eventLoopDelay(bot.url);
  clearInterval(sampler);
  await sleep(1_000);
  return { answers, seconds, before, peak, after: rssMb(bot.pid), loop, health };
}

/** Raising a priority back needs privileges; without them the rest of the run stays low, which only slows the bench. */
function restorePriority(priority: number): void {
  try {
    setPriority(priority);
  } catch {
    // Not permitted: keep going at the lower priority.
  }
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '∞');

async function main(): Promise<void> {
  console.log(`StatusBot under attack (default configuration, loopback), scale ${SCALE}\n`);
  const bot = await launchBot('StatusBot', 'src/index.js');
  let worst = 0;
  try {
    await sleep(1_000);
    for (const [i, attack] of ATTACKS.entries()) {
      if (!attack.name.includes(ONLY)) continue;
      const r = await measure(bot, attack, `127.0.0.${10 + i}`);
      const healthMax = r.health.at(-1) ?? NaN;
      worst = Math.max(worst, healthMax);
      const alive = (await send(bot.url, { from: '127.0.0.1', method: 'GET', path: '/healthz' })) === '200';
      console.log(`${attack.name}`);
      console.log(
        `  answers:     ${Object.entries(r.answers)
          .map(([k, v]) => `${k} ×${v}`)
          .join(', ')} in ${fmt(r.seconds, 1)} s`,
      );
      console.log(`  RSS:         ${fmt(r.before)} MB before, ${fmt(r.peak)} MB peak, ${fmt(r.after)} MB after`);
      console.log(`  event loop:  delay max ${fmt(r.loop.max, 1)} ms, p99 ${fmt(r.loop.p99, 1)} ms`);
      console.log(
        `  /healthz:    ${r.health.length} probes, p50 ${fmt(percentile(r.health, 50), 1)} ms, max ${fmt(healthMax, 1)} ms ${healthMax < HEALTH_LIMIT_MS ? '✓' : `✗ (limit ${HEALTH_LIMIT_MS} ms)`}${alive ? '' : '; the bot no longer answers!'}\n`,
      );
    }
  } finally {
    await bot.stop();
  }
  console.log(
    `worst /healthz during any attack: ${fmt(worst, 1)} ms (target < ${HEALTH_LIMIT_MS} ms) ${worst < HEALTH_LIMIT_MS ? '✓' : '✗'}`,
  );
  if (!(worst < HEALTH_LIMIT_MS)) process.exitCode = 1;
  console.log('\nWhat these figures mean, and earlier ones: docs/performance.md, "Under attack".');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
