/**
 * Blob storage failing and coming back, against the real server (in-process) and a real Azurite: readiness turns 503
 * while storage is unreachable and 200 again when it returns; a message sent meanwhile is answered with an apology
 * instead of hanging or vanishing; afterwards the bot answers normally. How long each step took is printed, not
 * asserted (a test's jest timeout is what catches a hang). Two ways storage fails:
 * - it stops answering (Azurite frozen with SIGSTOP: connections are accepted, nothing comes back), as with a hung
 *   host or a dropped network path, where the Azure SDK alone would wait forever;
 * - it is gone (Azurite stopped: connections are refused), then restarted on the same port. Azurite keeps its data in
 *   memory, so the restarted server is empty and conversations start with fresh state; the bot must create its
 *   container again.
 */
import { startAzuriteBlob, type AzuriteBlob } from '../support/azurite';
import { startBot, type RunningBot } from '../support/bot-in-process';
import { say, visibleText } from '../support/channel-client';

jest.setTimeout(60_000);

/** The apology from the adapter's onTurnError (src/app.ts). */
const TURN_FAILED = /something went wrong on my side/i;

let azurite: AzuriteBlob | undefined;
/** True while Azurite is stopped with SIGSTOP; afterAll lets it continue so that stop() can end it. */
let frozen = false;
let bot: RunningBot | undefined;
/** What the outage cost, printed at the end so a run shows the numbers. */
const timings: Record<string, number> = {};

beforeAll(async () => {
  azurite = await startAzuriteBlob();
  bot = await startBot({
    STORAGE: 'blob',
    BLOB_CONNECTION_STRING: azurite.connectionString,
    BLOB_CONTAINER: 'statusbot-outage',
  });
});

afterAll(async () => {
  if (frozen && azurite) process.kill(azurite.pid, 'SIGCONT');
  await bot?.stop();
  await azurite?.stop();
  process.stdout.write(`storage outage timings (ms): ${JSON.stringify(timings)}\n`);
});

const botUrl = () => (bot as RunningBot).url;

interface Readiness {
  status: number;
  body: { status?: string; storage?: { ok?: boolean; error?: string } };
}

async function readiness(): Promise<Readiness> {
  const res = await fetch(`${botUrl()}/readyz`);
  return { status: res.status, body: (await res.json()) as Readiness['body'] };
}

/** Polls /readyz until it answers `status`; returns that answer and how long it took. Fails after `withinMs`. */
async function waitForReadiness(status: number, withinMs: number): Promise<Readiness & { ms: number }> {
  const started = Date.now();
  let last: Readiness | undefined;
  while (Date.now() - started < withinMs) {
    last = await readiness();
    if (last.status === status) return { ...last, ms: Date.now() - started };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`/readyz did not turn ${status} within ${withinMs} ms; last answer: ${JSON.stringify(last)}`);
}

/** /readyz turns 503, saying storage is not ok, and the log says why; records how long it took as `timings[timing]`. */
async function expectNotReadySoon(timing: string): Promise<void> {
  const down = await waitForReadiness(503, 10_000);
  timings[timing] = down.ms;
  expect(down.body).toMatchObject({ status: 'not ready', storage: { ok: false } });
  // The public answer is generic; the storage's own error (with its host and port) goes to the log only.
  expect(down.body.storage?.error).toMatch(/unreachable/);
  expect(JSON.stringify(down.body)).not.toMatch(/127\.0\.0\.1|ECONN|:\d{4,5}/);
  expect(
    (bot as RunningBot).logs.some(
      (l) => typeof l === 'object' && /^Storage readiness check failed/.test(String(l.reason)),
    ),
  ).toBe(true);
}

/** A message sent during the outage is answered with the apology; records the wait as `timings[timing]`. */
async function expectApology(conversation: string, timing: string): Promise<void> {
  const started = Date.now();
  const { status, activities } = await say(botUrl(), conversation, 'what about 504?');
  timings[timing] = Date.now() - started;
  expect(status).toBe(200);
  expect(visibleText(activities)).toMatch(TURN_FAILED);
}

describe('blob storage failures', () => {
  const conv = `storage-outage-${process.pid}`;

  it('is ready and answers while storage runs', async () => {
    expect((await readiness()).status).toBe(200);
    expect(visibleText((await say(botUrl(), conv, 'what is 502')).activities)).toMatch(/502 Bad Gateway/);
  });

  describe('storage that stops answering (Azurite frozen)', () => {
    it('turns /readyz 503, saying storage is not ok', async () => {
      process.kill((azurite as AzuriteBlob).pid, 'SIGSTOP');
      frozen = true;
      await expectNotReadySoon('frozenDetected');
    });

    it('answers a message sent meanwhile, telling the user something went wrong', async () => {
      await expectApology(conv, 'replyWhileFrozen');
    });

    it('is ready again once storage answers, with the conversation intact', async () => {
      process.kill((azurite as AzuriteBlob).pid, 'SIGCONT');
      frozen = false;
      const up = await waitForReadiness(200, 10_000);
      timings.readyAfterThaw = up.ms;

      // The failed turn changed nothing, so the subject is still 502.
      const fix = visibleText((await say(botUrl(), conv, 'how do I fix it?')).activities);
      expect(fix).toMatch(/502/);
      expect(fix).toMatch(/fix/i);
    });
  });

  describe('storage that is gone (Azurite stopped, then restarted on the same port)', () => {
    it('turns /readyz 503, saying storage is not ok', async () => {
      await (azurite as AzuriteBlob).stop();
      await expectNotReadySoon('stoppedDetected');
    });

    it('answers a message sent meanwhile, telling the user something went wrong', async () => {
      await expectApology(conv, 'replyWhileStopped');
      expect((bot as RunningBot).logs.some((l) => typeof l === 'object' && l.msg === 'turn failed')).toBe(true);
    });

    it('turns /readyz 200 again once storage is back, and answers normally', async () => {
      const restarting = Date.now();
      azurite = await startAzuriteBlob({ port: (azurite as AzuriteBlob).port });
      timings.azuriteRestart = Date.now() - restarting;
      const up = await waitForReadiness(200, 10_000);
      timings.readyAfterRestart = up.ms;
      expect(up.body).toMatchObject({ status: 'ready', storage: { ok: true } });

      // The restarted Azurite is empty, so the conversation starts afresh: ask, then follow up.
      expect(visibleText((await say(botUrl(), conv, 'what is 504')).activities)).toMatch(/504 Gateway Timeout/);
      const fix = visibleText((await say(botUrl(), conv, 'how do I fix it?')).activities);
      expect(fix).toMatch(/504/);
      expect(fix).toMatch(/fix/i);
    });
  });
});
