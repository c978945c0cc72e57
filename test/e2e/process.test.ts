/**
 * The one suite that starts the real StatusBot process (the built dist/src/index.js, as `npm start` runs it), for what
 * only the process does; every other server test runs the same server in-process (test/support/bot-in-process.ts).
 *
 * - Start-up: without credentials it binds loopback and says so; a non-loopback HOST stops it unless
 *   ALLOW_UNAUTHENTICATED=true; a wrong setting is printed as its message alone, with exit code 1.
 * - Its environment: an upload leaves nothing in its TMPDIR (a fresh folder, so "nothing written" is checked).
 * - SIGTERM: it stops accepting connections at once, finishes the turns already in flight (each answered with 200 and
 *   its replies), closes idle keep-alive connections instead of waiting for clients to hang up, and exits 0: the
 *   drain finished before its 10-second deadline, whose way out is exit code 1. "In flight" is deterministic: each
 *   request sends its headers and half its body, the signal arrives, and only then does the rest follow.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, readConfig } from '../../src/config';
import { startBotProcess, type BotProcess } from '../support/bot-process';
import { visibleText, type Activity } from '../support/channel-client';

// Each process starts in a few seconds, more on a busy machine.
jest.setTimeout(60_000);

const isWarning = (line: BotProcess['logs'][number]) => typeof line === 'object' && line.level === 40;

/** Why `startBotProcess(env)` did not get a listening bot: the lines printed by a process that exited before listening. */
async function refusedStart(env: Record<string, string>): Promise<{ headline: string; printed: unknown[] }> {
  const failure = await startBotProcess(env).then(
    async (bot) => {
      await bot.stop();
      return new Error('the bot started');
    },
    (err: Error) => err,
  );
  // startBotProcess rejects with "bot exited with <code> before listening:" and every line the process printed, as JSON.
  const [headline = '', ...printed] = failure.message.split('\n');
  return { headline, printed: printed.map((l) => JSON.parse(l) as unknown) };
}

describe('start-up', () => {
  it.each([
    ['a wrong value', { STORAGE: 'redis' }, /STORAGE=\W{0,2}redis\W{0,2} is not allowed/],
    [
      'a non-loopback HOST without credentials',
      { HOST: '0.0.0.0' },
      /HOST=\W{0,2}0\.0\.0\.0\W{0,2} is not allowed.*ALLOW_UNAUTHENTICATED=true/,
    ],
  ])('%s: prints the ConfigError message alone and exits 1', async (_what, env, says) => {
    let expected = '';
    try {
      readConfig({ PORT: '0', ...env });
    } catch (err) {
      if (err instanceof ConfigError) expected = err.message;
    }
    expect(expected).toMatch(says);
    const { headline, printed } = await refusedStart(env);
    expect(headline).toBe('bot exited with 1 before listening:');
    expect(printed).toContain(expected);
    // The message alone: no stack trace, no "ConfigError:" prefix, no generic failure wrapper.
    const text = printed.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n');
    expect(text).not.toMatch(/^\s+at /m);
    expect(text).not.toMatch(/ConfigError:|StatusBot failed to start/);
  });

  it('with ALLOW_UNAUTHENTICATED=true it binds there and warns that the bot is open without authentication', async () => {
    const bot = await startBotProcess({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED: 'true' });
    try {
      expect(new URL(bot.url).hostname).toBe('0.0.0.0');
      const warning = await bot.nextLog(isWarning);
      expect(typeof warning === 'object' ? String(warning.msg) : '').toMatch(/without authentication/);
    } finally {
      await bot.stop();
    }
  });
});

describe('a process with the defaults, from start to SIGTERM', () => {
  const temp = mkdtempSync(join(tmpdir(), 'statusbot-e2e-'));
  let bot: BotProcess | undefined;
  beforeAll(async () => {
    bot = await startBotProcess({ TMPDIR: temp, LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    await bot?.stop('SIGKILL');
    rmSync(temp, { recursive: true, force: true });
  });
  const running = () => bot as BotProcess;

  it('listens on loopback only and warns that anyone who can reach it can talk to it', async () => {
    expect(new URL(running().url).hostname).toBe('127.0.0.1');
    const warning = await running().nextLog(isWarning);
    expect(typeof warning === 'object' ? String(warning.msg) : '').toMatch(/loopback only/);
  });

  it.each(['/api/messages', '/api/explain', '/api/directline/token'])(
    'a 3 MB multipart upload to %s is 415 and leaves its TMPDIR empty',
    async (path) => {
      const boundary = '----statusbot-test-boundary';
      const head = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.bin"\r\ncontent-type: application/octet-stream\r\n\r\n`;
      const body = Buffer.concat([
        Buffer.from(head),
        Buffer.alloc(3 * 1024 * 1024, 0x61),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await fetch(`${running().url}${path}`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      });
      expect(res.status).toBe(415);
      expect(readdirSync(temp)).toEqual([]);
    },
  );

  it('on SIGTERM refuses new connections, finishes turns in flight with 200, and exits 0', async () => {
    const { url, child } = running();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    // A client that keeps an idle keep-alive connection open: it must not hold the shutdown up.
    const idleAgent = new http.Agent({ keepAlive: true });
    expect(await get(`${url}/healthz`, idleAgent)).toBe(200);
    expect(idleAgent.freeSockets[Object.keys(idleAgent.freeSockets)[0] ?? '']?.length).toBe(1);

    // Three turns in flight on their own keep-alive connections, one of them a large pasted log.
    const busyAgent = new http.Agent({ keepAlive: true, maxSockets: 3 });
    const inFlight = [
      { ...startHalfSentPost(url, busyAgent, messageBody('shutdown-log', pastedLog())), expected: /502 Bad Gateway/ },
      { ...startHalfSentPost(url, busyAgent, messageBody('shutdown-502', 'what is 502')), expected: /502 Bad Gateway/ },
      {
        ...startHalfSentPost(url, busyAgent, messageBody('shutdown-compare', '401 vs 403')),
        expected: /403 Forbidden/,
      },
    ];
    // Until the server is reading all three bodies (its in-flight gauge says so), so the signal finds them in flight.
    for (let seen = await inFlightRequests(url); seen !== 3; seen = await inFlightRequests(url))
      expect(seen).toBeLessThan(3);

    child.kill('SIGTERM');
    await running().nextLog(
      (l) => typeof l === 'object' && typeof l.msg === 'string' && l.msg.startsWith('shutting down'),
    );

    // No new connections: the listening socket is closed.
    const refused = await fetch(`${url}/healthz`).then(
      () => 'accepted',
      (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
    );
    expect(refused).toBe('ECONNREFUSED');

    // The turns in flight still complete, with their replies.
    for (const request of inFlight) request.finish();
    const replies = await Promise.all(inFlight.map((r) => r.reply));
    replies.forEach((reply, i) => {
      expect(reply.status).toBe(200);
      expect(visibleText(reply.activities)).toMatch(inFlight[i]?.expected as RegExp);
    });

    // Exit code 0 and "stopped": the drain ended by itself, the idle keep-alive connection included, before the
    // deadline (which logs "shutdown took longer than 10 s" and exits 1).
    expect(await exited).toBe(0);
    expect(running().logs.some((l) => typeof l === 'object' && l.msg === 'stopped')).toBe(true);
    expect(running().logs.some((l) => typeof l === 'object' && /took longer/.test(String(l.msg)))).toBe(false);
    idleAgent.destroy();
    busyAgent.destroy();
  });
});

// === Requests as the SIGTERM test sends them

interface Reply {
  status: number;
  activities: Activity[];
}

function messageBody(conversationId: string, text: string): string {
  return JSON.stringify({
    type: 'message',
    id: `shutdown-${conversationId}`,
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: 'user-1', name: 'Test User' },
    recipient: { id: 'statusbot', name: 'StatusBot' },
    conversation: { id: conversationId },
    text,
    deliveryMode: 'expectReplies',
  });
}

/** POSTs an activity but sends only the headers and the first half of the body; `finish()` sends the rest. */
function startHalfSentPost(url: string, agent: http.Agent, body: string): { finish(): void; reply: Promise<Reply> } {
  const bytes = Buffer.from(body);
  const { hostname, port } = new URL(url);
  let req: http.ClientRequest | undefined;
  const reply = new Promise<Reply>((resolve, reject) => {
    req = http.request(
      {
        hostname,
        port,
        path: '/api/messages',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': bytes.length },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            activities: text ? ((JSON.parse(text) as { activities?: Activity[] }).activities ?? []) : [],
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.write(bytes.subarray(0, bytes.length >> 1));
  });
  return { reply, finish: () => req?.end(bytes.subarray(bytes.length >> 1)) };
}

function get(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

/** An access log of about 150 KB (the body limit is 256 KB), mostly 502s. */
function pastedLog(): string {
  const lines: string[] = [];
  for (let i = 0; i < 1500; i++) {
    const status = i % 10 < 7 ? 502 : i % 10 < 9 ? 200 : 504;
    lines.push(
      `10.0.${i % 255}.7 - - [25/Nov/2026:10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000] "GET /api/orders/${i} HTTP/1.1" ${status} 157 "-" "curl/8.5.0"`,
    );
  }
  return lines.join('\n');
}

/** statusbot_http_requests_in_flight from /metrics (read on a fresh connection, before the shutdown). */
async function inFlightRequests(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { headers: { connection: 'close' } })).text();
  return Number(/^statusbot_http_requests_in_flight (\S+)$/m.exec(text)?.[1]);
}
