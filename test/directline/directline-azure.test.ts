/**
 * The Azure path of POST /api/directline/token: with DIRECT_LINE_SECRET set, the real server (in-process) exchanges the
 * secret for a token with Azure Direct Line (here a local stand-in at DIRECT_LINE_ENDPOINT that checks the secret
 * and answers like Azure) and hands the page Azure's token and domain. The secret must never appear in any response
 * or log line, whatever Azure answers: a token, a refusal that echoes the secret back, silence, a dropped connection.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBot, type RunningBot } from '../support/bot-in-process';
import { getToken, type HttpResult } from './directline-client';

jest.setTimeout(60_000);

const SECRET = 'azure-direct-line-secret.DO-NOT-LEAK.0123456789';

type Mode = 'ok' | 'refuse' | 'hang' | 'drop';

/** Azure Direct Line's token endpoint, as far as the bot uses it. */
class AzureStandIn {
  mode: Mode = 'ok';
  readonly requests: Array<{ path: string; authorization?: string; body: Record<string, unknown> }> = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<AzureStandIn> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const standIn = new AzureStandIn(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void standIn.handle(req, res));
    return standIn;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    this.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
    if (this.mode === 'hang') return; // never answers
    if (this.mode === 'drop') return void req.socket.destroy();
    const json = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (req.method !== 'POST' || req.url !== '/v3/directline/tokens/generate')
      return json(404, { error: { code: 'NotFound' } });
    // A hostile upstream: the refusal quotes the credentials it got, to prove the bot never passes bodies on.
    if (this.mode === 'refuse' || req.headers.authorization !== `Bearer ${SECRET}`) {
      return json(403, { error: { code: 'BadArgument', message: `Invalid secret: ${req.headers.authorization}` } });
    }
    const user = body.user as { id?: string } | undefined;
    json(200, {
      conversationId: 'AzureConv-123',
      token: `azure-token-for-${user?.id}`,
      expires_in: 3600,
      streamUrl: 'wss://example.invalid/stream',
    });
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let azure: AzureStandIn;
let bot: RunningBot;
beforeAll(async () => {
  azure = await AzureStandIn.start();
  bot = await startBot({
    DIRECT_LINE_SECRET: SECRET,
    DIRECT_LINE_ENDPOINT: azure.url,
    DIRECT_LINE_TIMEOUT_SECONDS: '1',
  });
});
afterAll(async () => {
  await bot?.stop();
  await azure?.stop();
});
beforeEach(() => {
  azure.mode = 'ok';
});

function expectNoSecret(res: HttpResult<unknown>): void {
  expect(res.text).not.toContain(SECRET);
  for (const [, value] of res.headers) expect(value).not.toContain(SECRET);
}

describe('POST /api/directline/token with DIRECT_LINE_SECRET', () => {
  it("exchanges the secret server-side and returns Azure's token with Azure's domain", async () => {
    const res = await getToken(bot.url);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      token: expect.stringMatching(/^azure-token-for-dl_/),
      conversationId: 'AzureConv-123',
      expires_in: 3600,
      domain: `${azure.url}/v3/directline`,
      userId: expect.stringMatching(/^dl_/),
    });
    const seen = azure.requests.at(-1);
    expect(seen?.authorization).toBe(`Bearer ${SECRET}`);
    expect(seen?.body).toEqual({ user: { id: res.body.userId } });
    expectNoSecret(res);
  });

  it("passes the page's user id and name on, so Azure binds the token to that user", async () => {
    const res = await getToken(bot.url, { user: { id: 'visitor-9', name: 'Lin' } });
    expect(res.body).toMatchObject({ token: 'azure-token-for-visitor-9', userId: 'visitor-9' });
    expect(azure.requests.at(-1)?.body).toEqual({ user: { id: 'visitor-9', name: 'Lin' } });
  });

  it("answers 502 Bad Gateway when Azure refuses, without passing Azure's answer (or the secret) on", async () => {
    azure.mode = 'refuse';
    const res = await getToken(bot.url);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ title: 'Bad Gateway', status: 502, code: 'UpstreamRefused' });
    expect(String((res.body as unknown as { detail: string }).detail)).toMatch(
      /refused the token request \(HTTP 403\)/,
    );
    expectNoSecret(res);
  });

  it('answers 504 Gateway Timeout when Azure does not answer in DIRECT_LINE_TIMEOUT_SECONDS', async () => {
    azure.mode = 'hang';
    // Azure never answers: only the bot's own timeout can end this request (the stand-in would wait forever).
    const res = await getToken(bot.url);
    expect(res.status).toBe(504);
    expect(res.body).toMatchObject({ title: 'Gateway Timeout', status: 504, code: 'UpstreamTimeout' });
    expectNoSecret(res);
  });

  it('answers 502 when the connection to Azure fails', async () => {
    azure.mode = 'drop';
    const res = await getToken(bot.url);
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ title: 'Bad Gateway', code: 'UpstreamUnreachable' });
    expectNoSecret(res);
  });

  it('does not take a conversationId (Azure tokens are refreshed at Azure)', async () => {
    const res = await getToken(bot.url, { conversationId: 'AzureConv-123' });
    expect(res.status).toBe(400);
    expectNoSecret(res);
  });

  it('never writes the secret to the log', () => {
    const logs = bot.logs.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');
    expect(logs).toMatch(/Azure Direct Line token request failed/);
    expect(logs).not.toContain(SECRET);
  });
});
