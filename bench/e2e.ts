/**
 * `npm run bench:e2e`: StatusBot against a bare echo bot on the same stack (bench/echo-bot.ts: restify 11 +
 * CloudAdapter), both as real processes driven over loopback the way a channel drives them: activities POSTed to
 * /api/messages with deliveryMode "expectReplies", on keep-alive connections opened before each round's clock starts
 * (as a channel keeps a pool open), by a pool of `concurrency` workers.
 * Each worker plays whole conversations (their turns one after another, as a user does) with a realistic mix of
 * questions: codes, phrases, symptoms, pasted logs, follow-ups, feedback clicks, and the regression corpus.
 *
 * Prints, per bot and concurrency: requests/s, p50/p99 latency, server CPU per request, errors (anything but a 200)
 * and lost replies (a 200 whose body lacks the expected reply), then StatusBot's throughput as a share of the echo
 * bot's (target ≥ 1.0× as issue 17 asks, judged on the ratio as printed; 0 errors, 0 lost). It prints figures and
 * never fails on speed; it exits 1 only on errors or lost replies.
 *
 * Settings (environment): BENCH_CONVERSATIONS (default 1,000 per run), BENCH_CONCURRENCY (default "16,64"),
 * BENCH_ROUNDS (default 5 paired rounds; the ratio is the median of the rounds'), BENCH_CPU_PROF=1 to write a V8
 * CPU profile of each bot into $TMPDIR/statusbot-bench-profiles/{statusbot,echo}/ (summarise one with
 * `node dist/bench/cpu-profile-summary.js FILE`), BENCH_TIMING=1 to time every request on both sides (the client's
 * marks and the server's, from bench/request-timing.ts preloaded into each bot) and print where the time went
 * (bench/latency-breakdown.ts), with the bench client's own event-loop delay.
 *
 * bench/memory.ts reuses the launcher and the load driver exported here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describeBreakdown, readServerTimings } from './latency-breakdown';

export const ROOT = join(__dirname, '..', '..');

// === Bots under test

export interface RunningBot {
  name: string;
  url: string;
  pid: number;
  child: ChildProcess;
  /** What the process printed on stderr (the last 64 KB), shown when it fails. */
  stderr(): string;
  /** SIGTERM, then SIGKILL after 12 s; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** A free TCP port on loopback (bound and released; the bot binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts a built bot script as its own process (as `npm start` runs StatusBot) and waits until its port accepts
 * connections. The port is chosen here rather than read from the logs, because the benches run with LOG_LEVEL=warn.
 */
export async function launchBot(
  name: string,
  script: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<RunningBot> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', ...nodeArgs, join(ROOT, 'dist', script)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-65_536)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before listening:\n${stderr}`);
    if (await canConnect(port)) break;
    if (Date.now() - started > 20_000) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not listen on port ${port} within 20 s:\n${stderr}`);
    }
    await sleep(50);
  }
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid as number,
    child,
    stderr: () => stderr,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 12_000);
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The clock both the bench client and request-timing.ts read, comparable across processes. */
export const clock = () => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resident set size of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** CPU time (user + system) a process has used so far, in milliseconds, from /proc (Linux). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which is in parentheses and may contain spaces); utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/**
 * How long a process's main thread has waited, runnable, for a CPU so far (ms), from /proc/PID/schedstat (Linux):
 * time the machine's other work took from it, which its CPU time does not show.
 */
export function runQueueWaitMs(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
}

// === Conversations

/** One message of a conversation and what its reply must contain (every pattern, in the reply's visible text). */
export interface Turn {
  text?: string;
  value?: unknown;
  expect: RegExp[];
}
export type Conversation = Turn[];

const ANY_REPLY = /\S/;
const LOG = [
  '10.0.0.1 - - [25/Nov/2026:10:00:01 +0000] "GET /api/orders HTTP/1.1" 502 157 "-" "curl/8.5.0"',
  '10.0.0.2 - - [25/Nov/2026:10:00:02 +0000] "GET /api/orders HTTP/1.1" 502 157 "-" "curl/8.5.0"',
  '10.0.0.3 - - [25/Nov/2026:10:00:03 +0000] "POST /api/cart HTTP/1.1" 200 512 "-" "Mozilla/5.0"',
  '10.0.0.1 - - [25/Nov/2026:10:00:04 +0000] "GET /api/orders HTTP/1.1" 502 157 "-" "curl/8.5.0"',
  '10.0.0.4 - - [25/Nov/2026:10:00:05 +0000] "GET /health HTTP/1.1" 200 2 "-" "kube-probe/1.29"',
  '10.0.0.2 - - [25/Nov/2026:10:00:06 +0000] "GET /api/orders HTTP/1.1" 504 0 "-" "curl/8.5.0"',
  '10.0.0.5 - - [25/Nov/2026:10:00:07 +0000] "GET /api/orders HTTP/1.1" 502 157 "-" "python-requests/2.31.0"',
].join('\n');

/** Hand-written conversations with the reply each turn must get (follow-ups rely on conversation state). */
const SCRIPTED: Conversation[] = [
  [
    { text: 'what is 502', expect: [/502 Bad Gateway/] },
    { text: 'how do I fix it?', expect: [/502/] },
    { text: 'what about 504?', expect: [/504 Gateway Timeout/] },
    { text: 'is it safe to retry?', expect: [/504/] },
  ],
  [{ text: '401 vs 403', expect: [/401 Unauthorized/, /403 Forbidden/] }],
  [
    { text: 'the API keeps saying too many requests', expect: [/429/] },
    { text: 'is it safe to retry?', expect: [/429/] },
  ],
  [{ text: 'HTTP/1.1 503 Service Unavailable', expect: [/503 Service Unavailable/] }],
  [{ text: '{"status":429}', expect: [/429 Too Many Requests/] }],
  [{ text: 'Invoke-WebRequest : (408) Request Timeout.', expect: [/408 Request Timeout/] }],
  [{ text: 'what are 5xx errors', expect: [/Server error/i] }],
  [
    { text: 'cloudflare 522', expect: [/522/] },
    { text: 'how do I fix it?', expect: [/522/] },
  ],
  [{ text: `prod is failing, access log:\n${LOG}`, expect: [/502 Bad Gateway/] }],
  [
    { text: 'hello', expect: [/StatusBot/] },
    { text: 'gatway timeout from the proxy', expect: [/504 Gateway Timeout/] },
  ],
  [
    { text: 'my access token expired overnight and every call gets rejected', expect: [/401/] },
    // A 👎 is answered with the offer to rephrase (a 👍 is counted without a message, so it has no reply to check).
    { value: { action: 'feedback', reaction: 'dislike', id: '401' }, expect: [/Sorry that missed/] },
  ],
  [{ text: 'what does http 299 mean', expect: [/299/] }],
  [
    { text: 'nginx 499', expect: [/499/] },
    { text: 'compare it with 504', expect: [/499/, /504/] },
  ],
];

/** The regression corpus's questions (every category: codes, phrases, symptoms, typos, vendors, logs, triage, none). */
function corpusQuestions(): string[] {
  const dir = join(ROOT, 'test', 'corpus');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => (JSON.parse(l) as { q: string }).q),
    );
}

/**
 * `count` conversations of about `turnsEach` turns: two in three are scripted conversations (checked reply by
 * reply), one in three a corpus question and a follow-up (checked for a reply), in a fixed order so every run and
 * both bots get the same load.
 */
export function statusBotConversations(count: number, turnsEach?: number): Conversation[] {
  const corpus = corpusQuestions();
  let scripted = 0;
  let asked = 0;
  const next = (i: number): Conversation =>
    i % 3 === 2
      ? [
          { text: corpus[asked++ % corpus.length] as string, expect: [ANY_REPLY] },
          { text: 'how do I fix it?', expect: [ANY_REPLY] },
        ]
      : (SCRIPTED[scripted++ % SCRIPTED.length] as Conversation);
  const conversations: Conversation[] = [];
  for (let i = 0; conversations.length < count; i++) {
    if (turnsEach === undefined) {
      conversations.push(next(i));
      continue;
    }
    // Conversations of exactly `turnsEach` turns, made of consecutive scripted/corpus pieces.
    const turns: Turn[] = [];
    for (let j = 0; turns.length < turnsEach; j++) turns.push(...next(i * 7 + j));
    conversations.push(turns.slice(0, turnsEach));
  }
  return conversations;
}

/** The same messages for the echo bot, whose reply must be "echo: <text>". */
export function echoConversations(conversations: Conversation[]): Conversation[] {
  return conversations.map((turns) =>
    turns.map(({ text, value }) => ({ text, value, expect: [new RegExp(`^echo: ${escapeRegExp(text ?? '')}$`, 'm')] })),
  );
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// === The load driver

export interface RunResult {
  requests: number;
  errors: number;
  lost: number;
  seconds: number;
  /** Per-request latency in milliseconds, sorted. */
  latencies: number[];
  /** A few examples of errors and lost replies, for the report. */
  problems: string[];
  /** The bench client's own event-loop delay during the run, in milliseconds (its p99 and max). */
  clientLoopDelay: { p99: number; max: number };
}

/** One request as the bench client saw it (milliseconds on the clock request-timing.ts stamps the server's side with). */
export interface ClientTiming {
  id: string;
  /** When the worker asked for the request (before the agent gave it a socket). */
  created: number;
  /** When its socket connected, for a request that opened a new connection. */
  connected?: number;
  /** When the whole request had been handed to the kernel. */
  sent: number;
  /** When the response's headers, and then its last byte, were read. */
  headers: number;
  received: number;
  /** When the worker had parsed and checked the reply. */
  checked: number;
}

export interface DriveOptions {
  concurrency: number;
  /** Distinguishes conversation ids between runs, so every run starts fresh conversations. */
  runId: string;
  /** Called after every request with the number done so far (for sampling memory during a run). */
  onProgress?: (done: number) => void;
  /** Where to record each request's client-side timing; requests are then tagged for request-timing.ts. */
  timings?: ClientTiming[];
  /** Connections opened beforehand (openConnections), left open afterwards; without it the run opens its own. */
  agent?: http.Agent;
}

let activitySequence = 0;

/** Plays `conversations` against `url` with `concurrency` workers on keep-alive connections. */
export async function drive(
  url: string,
  conversations: Conversation[],
  { concurrency, runId, onProgress, timings, agent: opened }: DriveOptions,
): Promise<RunResult> {
  const agent = opened ?? new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const { hostname, port } = new URL(url);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const result: RunResult = {
    requests: 0,
    errors: 0,
    lost: 0,
    seconds: 0,
    latencies: [],
    problems: [],
    clientLoopDelay: { p99: NaN, max: NaN },
  };
  const problem = (what: string) => {
    if (result.problems.length < 5) result.problems.push(what);
  };
  let nextConversation = 0;

  const worker = async () => {
    for (;;) {
      const index = nextConversation++;
      const turns = conversations[index];
      if (!turns) return;
      const conversationId = `${runId}-${index}`;
      for (const turn of turns) {
        const body = JSON.stringify({
          type: 'message',
          id: `bench-${++activitySequence}`,
          channelId: 'webchat',
          serviceUrl: 'http://127.0.0.1:9/',
          from: { id: `user-${conversationId}`, name: 'Bench User' },
          recipient: { id: 'bot', name: 'Bot' },
          conversation: { id: conversationId },
          timestamp: new Date().toISOString(),
          deliveryMode: 'expectReplies',
          ...(turn.text !== undefined ? { text: turn.text } : {}),
          ...(turn.value !== undefined ? { value: turn.value } : {}),
        });
        const started = performance.now();
        const timing = timings && { id: `${runId}-${activitySequence}`, created: clock() };
        try {
          const { status, text } = await post(hostname, Number(port), agent, body, timing);
          result.latencies.push(performance.now() - started);
          if (status !== 200) {
            result.errors++;
            problem(`${status} for ${JSON.stringify(turn.text?.slice(0, 60))}: ${text.slice(0, 200)}`);
          } else {
            const visible = visibleText(text);
            if (!turn.expect.every((pattern) => pattern.test(visible))) {
              result.lost++;
              problem(
                `lost reply to ${JSON.stringify(turn.text?.slice(0, 60) ?? turn.value)} (expected ${turn.expect.join(' and ')}): ${JSON.stringify(visible.slice(0, 200))}`,
              );
            }
          }
        } catch (err) {
          result.latencies.push(performance.now() - started);
          result.errors++;
          problem(`request failed: ${(err as Error).message}`);
        }
        if (timing) timings.push({ ...(timing as ClientTiming), checked: clock() });
        result.requests++;
        onProgress?.(result.requests);
      }
    }
  };

  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  result.seconds = (performance.now() - started) / 1000;
  loopDelay.disable();
  result.clientLoopDelay = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
  if (!opened) agent.destroy();
  result.latencies.sort((a, b) => a - b);
  return result;
}

/**
 * A keep-alive agent with `count` connections to `url` already open (each by a GET /api/messages, a keep-alive 405 from
 * both bots). Node accepts one new connection per event-loop iteration (libuv ≥ 1.45), so a round that opened its
 * connections all at once measured them being accepted one by one behind the first ones' turns.
 */
export async function openConnections(url: string, count: number): Promise<http.Agent> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: count });
  const { hostname, port } = new URL(url);
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const req = http.get({ hostname, port: Number(port), path: '/api/messages', agent }, (res) => {
            res.resume();
            res.on('end', resolve);
          });
          req.setTimeout(30_000, () => req.destroy(new Error('no response within 30 s')));
          req.on('error', reject);
        }),
    ),
  );
  const open = Object.values(agent.freeSockets).reduce((n, sockets) => n + (sockets?.length ?? 0), 0);
  if (open !== count) throw new Error(`opened ${open} keep-alive connections to ${url}, not ${count}`);
  return agent;
}

function post(
  hostname: string,
  port: number,
  agent: http.Agent,
  body: string,
  timing?: Partial<ClientTiming>,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname,
        port,
        path: '/api/messages',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...(timing ? { 'x-bench-request': timing.id } : {}),
        },
      },
      (res) => {
        if (timing) timing.headers = clock();
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          if (timing) timing.received = clock();
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    if (timing) {
      req.once('socket', (socket) => {
        if (socket.connecting) socket.once('connect', () => (timing.connected = clock()));
      });
      req.once('finish', () => (timing.sent = clock()));
    }
    req.setTimeout(30_000, () => req.destroy(new Error('no response within 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/** The replies' visible text: each message's text plus every text, title and fallbackText in its cards. */
function visibleText(body: string): string {
  if (!body) return '';
  const parsed = JSON.parse(body) as { activities?: Array<{ type?: string; text?: string; attachments?: unknown }> };
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string' && (key === 'text' || key === 'title' || key === 'fallbackText'))
          parts.push(value);
        else if (typeof value === 'object') walk(value);
      }
    }
  };
  for (const activity of parsed.activities ?? []) {
    if (activity.type !== 'message') continue;
    if (activity.text) parts.push(activity.text);
    walk(activity.attachments);
  }
  return parts.join('\n');
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length ? (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number) : NaN;
}

// === The benchmark

interface Measurement {
  bot: string;
  concurrency: number;
  /** The best round (highest throughput): the least disturbed by whatever else the machine was doing. */
  best: RunResult;
  /** Requests per second and server CPU per request of every round, in round order. */
  throughputs: number[];
  cpuMsPerRequest: number[];
  /** The share of each round the server's and the bench client's main threads spent runnable but not running. */
  serverWaiting: number[];
  clientWaiting: number[];
  /** Errors and lost replies over every round, not only the best. */
  errors: number;
  lost: number;
  problems: string[];
  /** The bench client's event-loop delay over every round: the highest p99 and max (ms). */
  clientLoopDelay: { p99: number; max: number };
  /** With BENCH_TIMING=1, every round's client-side request timings. */
  timings: ClientTiming[];
}

const pct = (share: number) => `${(share * 100).toFixed(0)} %`;

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

async function main(): Promise<void> {
  const conversationCount = Number(process.env.BENCH_CONVERSATIONS ?? 1_000);
  const concurrencies = (process.env.BENCH_CONCURRENCY ?? '16,64').split(',').map(Number);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const profileDir = process.env.BENCH_CPU_PROF === '1' ? join(tmpdir(), 'statusbot-bench-profiles') : undefined;
  const timingDir =
    process.env.BENCH_TIMING === '1' ? mkdtempSync(join(tmpdir(), 'statusbot-bench-timing-')) : undefined;
  const nodeArgs = (name: string) => [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, name)}`] : []),
    ...(timingDir ? ['--require', join(ROOT, 'dist', 'bench', 'request-timing.js')] : []),
  ];
  const timingEnv = (name: string): Record<string, string> =>
    timingDir ? { BENCH_TIMING_FILE: join(timingDir, `${name}.jsonl`) } : {};

  const statusConversations = statusBotConversations(conversationCount);
  const turns = statusConversations.reduce((n, c) => n + c.length, 0);
  const statusBot = await launchBot(
    'StatusBot',
    join('src', 'index.js'),
    { RATE_LIMIT_PER_MINUTE: '1000000', ...timingEnv('statusbot') },
    nodeArgs('statusbot'),
  );
  const echoBot = await launchBot('echo bot', join('bench', 'echo-bot.js'), timingEnv('echo'), nodeArgs('echo')).catch(
    async (err: unknown) => {
      await statusBot.stop();
      throw err;
    },
  );
  const bots = [
    { bot: echoBot, conversations: echoConversations(statusConversations) },
    { bot: statusBot, conversations: statusConversations },
  ];
  console.log(
    `e2e bench: ${conversationCount.toLocaleString('en-US')} conversations (${turns.toLocaleString('en-US')} expectReplies activities) per bot, concurrency and round; ` +
      `${rounds} paired rounds (the two bots back to back, alternating who goes first); loopback, keep-alive`,
  );
  console.log(
    `idle RSS: StatusBot ${rssMb(statusBot.pid).toFixed(0)} MB, echo bot ${rssMb(echoBot.pid).toFixed(0)} MB`,
  );

  const measurements: Measurement[] = [];
  try {
    // Warm-up: V8 needs a few thousand turns before its optimised code settles (throughput still doubles after 300).
    for (let i = 0; i < 2; i++)
      for (const { bot, conversations } of bots)
        await drive(bot.url, conversations, { concurrency: 16, runId: `warm${i}-${bot.pid}` });

    for (const concurrency of concurrencies) {
      for (const { bot } of bots)
        measurements.push({
          bot: bot.name,
          concurrency,
          best: undefined as never,
          throughputs: [],
          cpuMsPerRequest: [],
          serverWaiting: [],
          clientWaiting: [],
          errors: 0,
          lost: 0,
          problems: [],
          clientLoopDelay: { p99: 0, max: 0 },
          timings: [],
        });
      for (let round = 0; round < rounds; round++) {
        // The two bots of a round run back to back, so a disturbance on a shared machine (it comes and goes over
        // seconds) hits both alike; the median of the rounds' ratios then ignores the rounds it hit unevenly.
        for (const { bot, conversations } of round % 2 ? [...bots].reverse() : bots) {
          const m = measurements.find((x) => x.bot === bot.name && x.concurrency === concurrency) as Measurement;
          const agent = await openConnections(bot.url, concurrency);
          const cpuBefore = cpuMs(bot.pid);
          const waitedBefore = [runQueueWaitMs(bot.pid), runQueueWaitMs(process.pid)];
          const run = await drive(bot.url, conversations, {
            concurrency,
            runId: `c${concurrency}-r${round}-${bot.pid}`,
            timings: timingDir ? m.timings : undefined,
            agent,
          });
          agent.destroy();
          m.clientLoopDelay.p99 = Math.max(m.clientLoopDelay.p99, run.clientLoopDelay.p99);
          m.clientLoopDelay.max = Math.max(m.clientLoopDelay.max, run.clientLoopDelay.max);
          m.cpuMsPerRequest.push((cpuMs(bot.pid) - cpuBefore) / run.requests);
          m.serverWaiting.push((runQueueWaitMs(bot.pid) - (waitedBefore[0] as number)) / (run.seconds * 1000));
          m.clientWaiting.push((runQueueWaitMs(process.pid) - (waitedBefore[1] as number)) / (run.seconds * 1000));
          m.throughputs.push(run.requests / run.seconds);
          m.errors += run.errors;
          m.lost += run.lost;
          m.problems.push(...run.problems);
          if (!m.best || run.requests / run.seconds > m.best.requests / m.best.seconds) m.best = run;
        }
      }
    }
    console.log(
      `RSS after the runs: StatusBot ${rssMb(statusBot.pid).toFixed(0)} MB, echo bot ${rssMb(echoBot.pid).toFixed(0)} MB`,
    );
  } finally {
    const codes = await Promise.all([statusBot.stop(), echoBot.stop()]);
    if (codes.some((c) => c !== 0))
      console.log(`exit codes after SIGTERM: StatusBot ${codes[0]}, echo bot ${codes[1]}`);
    if (profileDir)
      console.log(
        `CPU profiles: ${join(profileDir, 'statusbot')} and ${join(profileDir, 'echo')} (Chrome DevTools' Performance ` +
          'tab, or node dist/bench/cpu-profile-summary.js FILE)',
      );
  }

  console.log('');
  console.log('bot        conc  req/s (median, best)   p50 ms   p99 ms  CPU ms/req  errors  lost');
  for (const { bot, concurrency, best, throughputs, cpuMsPerRequest, errors, lost } of measurements) {
    console.log(
      [
        bot.padEnd(10),
        String(concurrency).padStart(4),
        `${median(throughputs).toFixed(0).padStart(7)} ${(best.requests / best.seconds).toFixed(0).padStart(7)}`.padEnd(
          22,
        ),
        percentile(best.latencies, 50).toFixed(2).padStart(8),
        percentile(best.latencies, 99).toFixed(2).padStart(8),
        median(cpuMsPerRequest).toFixed(3).padStart(11),
        String(errors).padStart(7),
        String(lost).padStart(5),
      ].join(' '),
    );
  }
  console.log(
    "(p50/p99 from each bot's best round; CPU is the server process's user+system time per request, median of the rounds)",
  );
  console.log('');
  for (const concurrency of concurrencies) {
    const of = (name: string) =>
      measurements.find((r) => r.bot === name && r.concurrency === concurrency) as Measurement;
    const [status, echo] = [of('StatusBot'), of('echo bot')];
    const ratios = status.throughputs.map((t, i) => t / (echo.throughputs[i] as number));
    const ratio = median(ratios);
    const cpuRatio = median(echo.cpuMsPerRequest.map((e, i) => e / (status.cpuMsPerRequest[i] as number)));
    console.log(
      `concurrency ${concurrency}: StatusBot/echo throughput ${ratio.toFixed(2)}× (median of rounds ${ratios.map((r) => r.toFixed(2)).join(', ')}; target ≥ 1.0×${Number(ratio.toFixed(2)) >= 1 ? ', met' : ', not met'}); ` +
        `per CPU second ${cpuRatio.toFixed(2)}×; p99 ${percentile(status.best.latencies, 99).toFixed(1)} ms vs ${percentile(echo.best.latencies, 99).toFixed(1)} ms`,
    );
  }
  console.log(
    `the bench client's event-loop delay (worst round's p99 / max, ms): ${measurements
      .map(
        (m) => `${m.bot} @${m.concurrency} ${m.clientLoopDelay.p99.toFixed(0)} / ${m.clientLoopDelay.max.toFixed(0)}`,
      )
      .join(', ')}`,
  );
  if (timingDir) {
    console.log(`\nrequest timings (client and server, JSON lines): ${timingDir}`);
    const servers = { StatusBot: 'statusbot', 'echo bot': 'echo' } as Record<string, string>;
    for (const m of measurements) {
      console.log(`\nwhere the time went, ${m.bot} at concurrency ${m.concurrency} (every round):`);
      const server = readServerTimings(join(timingDir, `${servers[m.bot]}.jsonl`));
      writeFileSync(
        join(timingDir, `${servers[m.bot]}-c${m.concurrency}-client.jsonl`),
        m.timings.map((t) => JSON.stringify(t)).join('\n'),
      );
      for (const line of describeBreakdown(m.timings, server)) console.log(line);
    }
  }
  console.log(
    `waiting for a CPU (share of each round, median; server / bench client): ${measurements
      .map((m) => `${m.bot} @${m.concurrency} ${pct(median(m.serverWaiting))} / ${pct(median(m.clientWaiting))}`)
      .join(', ')}`,
  );
  const problems = measurements.flatMap((m) => m.problems.map((p) => `${m.bot} @${m.concurrency}: ${p}`));
  for (const p of problems.slice(0, 10)) console.log(`  ${p}`);
  const failed = measurements.reduce((n, m) => n + m.errors + m.lost, 0);
  console.log(failed ? `FAILED: ${failed} errors or lost replies (target 0)` : 'errors 0, lost replies 0');
  console.log('\nWhat these figures mean, and earlier ones: docs/performance.md, "Throughput against the echo bot".');
  if (failed) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
