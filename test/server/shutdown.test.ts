/**
 * SIGTERM against the real server process (src/index.ts): it stops accepting connections at once, finishes the turns
 * already in flight (each answered with 200 and its replies; state is saved before a turn's response, so nothing is
 * left to flush), closes idle keep-alive connections instead of waiting for clients to hang up, and exits 0 within
 * 10 s.
 *
 * "In flight" is made deterministic: each request sends its headers and half its body, the signal arrives, and only
 * then does the rest of the body follow, so every turn runs entirely after SIGTERM.
 */
import http from 'node:http';
import { startBot, visibleText, type Activity, type BotProcess } from '../support/bot-process';

jest.setTimeout(30_000);

let bot: BotProcess | undefined;
afterAll(async () => {
  await bot?.stop('SIGKILL');
});

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
      { hostname, port, path: '/api/messages', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': bytes.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, activities: text ? ((JSON.parse(text) as { activities?: Activity[] }).activities ?? []) : [] });
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
    http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

/** An access log of about 150 KB (the body limit is 256 KB), mostly 502s. */
function pastedLog(): string {
  const lines: string[] = [];
  for (let i = 0; i < 1500; i++) {
    const status = i % 10 < 7 ? 502 : i % 10 < 9 ? 200 : 504;
    lines.push(`10.0.${i % 255}.7 - - [25/Nov/2026:10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000] "GET /api/orders/${i} HTTP/1.1" ${status} 157 "-" "curl/8.5.0"`);
  }
  return lines.join('\n');
}

/** statusbot_http_requests_in_flight from /metrics (read on a fresh connection, before the shutdown). */
async function inFlightRequests(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`, { headers: { connection: 'close' } })).text();
  return Number(/^statusbot_http_requests_in_flight (\S+)$/m.exec(text)?.[1]);
}

async function waitForAsync(condition: () => Promise<boolean>, withinMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > withinMs) throw new Error(`${what} did not happen within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const loggedShutdown = (b: BotProcess) => b.logs.some((l) => typeof l === 'object' && typeof l.msg === 'string' && l.msg.startsWith('shutting down'));

async function waitFor(condition: () => boolean, withinMs: number, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > withinMs) throw new Error(`${what} did not happen within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('SIGTERM', () => {
  it('refuses new connections, finishes turns in flight with 200, and exits 0 within 10 s', async () => {
    bot = await startBot({ LOG_LEVEL: 'info' });
    const { url, child } = bot;
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));

    // A client that keeps an idle keep-alive connection open: it must not hold the shutdown up.
    const idleAgent = new http.Agent({ keepAlive: true });
    expect(await get(`${url}/healthz`, idleAgent)).toBe(200);
    expect(idleAgent.freeSockets[Object.keys(idleAgent.freeSockets)[0] ?? '']?.length).toBe(1);

    // Three turns in flight on their own keep-alive connections, one of them a large pasted log.
    const busyAgent = new http.Agent({ keepAlive: true, maxSockets: 3 });
    const inFlight = [
      { ...startHalfSentPost(url, busyAgent, messageBody('shutdown-log', pastedLog())), expected: /502 Bad Gateway/ },
      { ...startHalfSentPost(url, busyAgent, messageBody('shutdown-502', 'what is 502')), expected: /502 Bad Gateway/ },
      { ...startHalfSentPost(url, busyAgent, messageBody('shutdown-compare', '401 vs 403')), expected: /403 Forbidden/ },
    ];
    // Wait until the server is reading all three bodies (its in-flight gauge says so), so the signal finds them in flight.
    await waitForAsync(async () => (await inFlightRequests(url)) === 3, 5_000, 'three requests in flight');

    const signalledAt = Date.now();
    child.kill('SIGTERM');
    await waitFor(() => loggedShutdown(bot as BotProcess), 5_000, 'the shutdown log line');

    // No new connections: the listening socket is closed.
    const refused = await fetch(`${url}/healthz`).then(
      () => 'accepted',
      (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
    );
    expect(refused).toBe('ECONNREFUSED');

    // The turns in flight still complete, with their replies.
    for (const request of inFlight) request.finish();
    const replies = await Promise.all(inFlight.map((r) => r.reply));
    const answeredAt = Date.now();
    replies.forEach((reply, i) => {
      expect(reply.status).toBe(200);
      expect(visibleText(reply.activities)).toMatch(inFlight[i]?.expected as RegExp);
    });

    const { code, at } = await exited;
    expect(code).toBe(0);
    expect(at - signalledAt).toBeLessThan(10_000);
    // Prompt: the idle keep-alive connections (and the three just used) were closed by the server, not waited out.
    expect(at - answeredAt).toBeLessThan(2_000);
    expect(bot.logs.some((l) => typeof l === 'object' && l.msg === 'stopped')).toBe(true);
    idleAgent.destroy();
    busyAgent.destroy();
  });
});
