/**
 * Request bodies against the running server, as an attacker sends them (issue 13, items 1, 2 and 5): multipart
 * uploads, a gzip bomb, chunked bodies past the limit, nesting deep enough to overflow a parser, invalid UTF-8. Each
 * is refused with its exact status before it is read or inflated, and the bot keeps answering. That an upload leaves
 * nothing in the server's temp folder is checked on the real process, whose TMPDIR can be a fresh one
 * (test/e2e/process.test.ts).
 */
import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { startConversation } from '../directline/directline-client';
import { botForThisFile } from '../support/bot-in-process';
import { sendActivity, visibleText } from '../support/channel-client';

jest.setTimeout(60_000);

const bot = botForThisFile({ RATE_LIMIT_PER_MINUTE: '10000' });

const activity = (extra: Record<string, unknown> = {}) => ({
  type: 'message',
  channelId: 'test',
  from: { id: 'u' },
  conversation: { id: 'bodies' },
  recipient: { id: 'b' },
  serviceUrl: 'http://127.0.0.1:9/',
  deliveryMode: 'expectReplies',
  text: 'what is 502',
  ...extra,
});

/** A multipart body of `bytes` bytes with one file part, as a browser form upload sends it. */
function multipart(bytes: number): { body: Buffer; type: string } {
  const boundary = '----statusbot-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.bin"\r\ncontent-type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    body: Buffer.concat([head, Buffer.alloc(bytes, 0x61), tail]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

/**
 * A body sent chunked (no content-length), with node:http: the server answers before it has read the whole body and
 * closes, and the answer is read even though the rest cannot be written.
 */
function postChunked(url: string, headers: Record<string, string>, parts: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (err: NodeJS.ErrnoException) =>
      err.code === 'EPIPE' || err.code === 'ECONNRESET' ? undefined : reject(err),
    );
    for (const part of parts) req.write(part);
    req.end();
  });
}

async function post(path: string, body: string | Uint8Array, headers: Record<string, string>) {
  const res = await fetch(`${bot.url}${path}`, { method: 'POST', headers, body });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    detail: ((await res.json().catch(() => ({}))) as { detail?: string }).detail ?? '',
  };
}

describe('only JSON is read', () => {
  test.each(['/api/messages', '/api/explain', '/api/directline/token'])(
    'a 3 MB multipart upload to %s is 415',
    async (path) => {
      const { body, type } = multipart(3 * 1024 * 1024);
      const res = await post(path, body, { 'content-type': type });
      expect(res.status).toBe(415);
      expect(res.type).toMatch(/application\/problem\+json/);
    },
  );

  test('a chunked multipart body to a Direct Line conversation is 415 too', async () => {
    const conv = await startConversation(bot.url);
    const { type } = multipart(0);
    const status = await postChunked(
      `${conv.domain}/conversations/${conv.conversationId}/activities`,
      { authorization: `Bearer ${conv.token}`, 'content-type': type },
      [Buffer.alloc(512 * 1024, 0x61), Buffer.alloc(512 * 1024, 0x61)],
    );
    expect(status).toBe(415);
  });

  test("a form-encoded body is 415: a web page cannot post an activity from a visitor's browser", async () => {
    const res = await post('/api/messages', 'type=message&text=hi', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(415);
  });
});

describe('compressed and oversized bodies are refused before they are inflated or read', () => {
  test('a gzip bomb (20 MB of JSON in a few KB) is 415, whatever it claims to be', async () => {
    const bomb = gzipSync(Buffer.from(JSON.stringify(activity({ text: 'x'.repeat(20 * 1024 * 1024) }))));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const res = await post('/api/messages', bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(res.status).toBe(415);
    expect(res.detail).toMatch(/gzip.*uncompressed/);
  });

  test('a chunked JSON body (no content-length) past the limit is 413', async () => {
    const status = await postChunked(`${bot.url}/api/messages`, { 'content-type': 'application/json' }, [
      Buffer.from('{"text":"'),
      Buffer.alloc(400 * 1024, 0x61),
      Buffer.from('"}'),
    ]);
    expect(status).toBe(413);
  });
});

describe('malformed JSON is 400, never 500', () => {
  const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

  test('an activity whose value nests 100,000 levels is 400 on /api/messages', async () => {
    const body = JSON.stringify(activity()).replace(/}$/, `,"value":${deep(100_000)}}`);
    const res = await post('/api/messages', body, { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.detail).toMatch(/nests deeper/);
  });

  test('the same on a Direct Line conversation', async () => {
    const conv = await startConversation(bot.url);
    const res = await fetch(`${conv.domain}/conversations/${conv.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${conv.token}`, 'content-type': 'application/json' },
      body: `{"type":"message","from":{"id":"${conv.userId}"},"text":"hi","value":${deep(100_000)}}`,
    });
    expect(res.status).toBe(400);
  });

  test('invalid UTF-8 is 400', async () => {
    const body = Buffer.concat([
      Buffer.from('{"type":"message","text":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    expect((await post('/api/messages', body, { 'content-type': 'application/json' })).status).toBe(400);
  });
});

test('after all of it, the bot still answers', async () => {
  const { status, activities } = await sendActivity(bot.url, 'bodies-after', { text: 'what is 502' });
  expect(status).toBe(200);
  expect(visibleText(activities)).toMatch(/502 Bad Gateway/);
});
