/**
 * Connection floods against the running server (issue 13, item 3): one address may hold a bounded number of
 * connections (the next one gets 429 and is closed, other addresses are unaffected), and a connection that never
 * finishes its headers is closed by the header timeout instead of being held for a minute and a half. Loopback only:
 * the flood comes from 127.0.0.2, the health check from 127.0.0.1.
 */
import { connect, type Socket } from 'node:net';
import { botForThisFile } from '../support/bot-in-process';

jest.setTimeout(60_000);

const PER_ADDRESS = 20;
// The shortest header timeout the settings allow, so the test waits one second rather than the default ten.
const bot = botForThisFile({
  MAX_CONNECTIONS_PER_ADDRESS: String(PER_ADDRESS),
  RATE_LIMIT_PER_MINUTE: '10000',
  HEADERS_TIMEOUT_SECONDS: '1',
});
const port = () => Number(new URL(bot.url).port);

const open: Socket[] = [];
afterEach(() => {
  for (const socket of open.splice(0)) socket.destroy();
});

/** A connection from `from` that sends nothing; resolves once connected. */
function idle(from: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: port(), localAddress: from }, () => resolve(socket));
    socket.on('error', reject);
    open.push(socket);
  });
}

/** Everything the server writes on `socket` until it closes it (or `withinMs` passes). */
function untilClosed(socket: Socket, withinMs: number): Promise<{ closed: boolean; text: string }> {
  return new Promise((resolve) => {
    let text = '';
    const timer = setTimeout(() => resolve({ closed: false, text }), withinMs);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closed: true, text });
    });
  });
}

/** GET /healthz on a connection of its own from `from`: the whole response. */
async function healthCheck(from: string): Promise<string> {
  const socket = await idle(from);
  socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
  return (await untilClosed(socket, 5_000)).text;
}

test(`one address may hold ${PER_ADDRESS} connections; the next gets 429 and is closed, while others are served`, async () => {
  for (let i = 0; i < PER_ADDRESS; i++) await idle('127.0.0.2');
  const extra = await idle('127.0.0.2');
  const refused = await untilClosed(extra, 5_000);
  expect(refused.closed).toBe(true);
  expect(refused.text).toMatch(/^HTTP\/1\.1 429 Too Many Requests/);
  expect(refused.text).toMatch(/"title":"Too Many Requests"/);

  const health = await fetch(`${bot.url}/healthz`);
  expect(health.status).toBe(200);

  // Once one of them is gone, the address may connect again and is served (refused only until the server has seen
  // the close, a moment later).
  open.shift()?.destroy();
  let reply = await healthCheck('127.0.0.2');
  for (let tries = 1; tries < 20 && reply.startsWith('HTTP/1.1 429'); tries++) reply = await healthCheck('127.0.0.2');
  expect(reply).toMatch(/^HTTP\/1\.1 200 OK/);
});

test('a connection that never finishes its headers is answered 408 and closed by the header timeout', async () => {
  const slow = await idle('127.0.0.3');
  slow.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
  // Node's default would hold it for 60 s plus up to 30 s between its checks; here the header timeout is 1 s.
  const result = await untilClosed(slow, 20_000);
  expect(result.closed).toBe(true);
  expect(result.text).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
});
