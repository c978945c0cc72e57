/**
 * onTurnError, in-process over real HTTP: the composition root (createApp) with a state store that fails once, and
 * activities POSTed to /api/messages with deliveryMode "expectReplies". The user gets the friendly apology (never an
 * HTTP 500 with internal text), the failure is logged, and the conversation goes on normally afterwards.
 */
import type { Storage, StoreItems } from 'botbuilder';
import pino from 'pino';
import { createApp, type App } from '../../src/app';
import { readConfig } from '../../src/config';
import { BoundedMemoryStorage } from '../../src/storage/bounded-memory-storage';
import { sendActivity, visibleText } from '../support/channel-client';
import { engine, findVagueMessage, storedStack } from './bot-harness';

jest.setTimeout(20_000);

const APOLOGY =
  'Sorry, something went wrong on my side while answering that. Please try again; your conversation is still here.';
const OUTAGE = 'simulated storage outage: the state store refused the call';

type Operation = 'read' | 'write';

/** A working store that fails the next call of one kind, once, as a store does in a network blip. */
class StorageThatFailsOnce implements Storage {
  private readonly inner = new BoundedMemoryStorage({ maxItems: 100 });
  private failing: Operation | undefined;
  failures = 0;

  failNext(operation: Operation): void {
    this.failing = operation;
  }

  async read(keys: string[]): Promise<StoreItems> {
    this.maybeFail('read');
    return this.inner.read(keys);
  }

  async write(changes: StoreItems): Promise<void> {
    this.maybeFail('write');
    return this.inner.write(changes);
  }

  async delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }

  private maybeFail(operation: Operation): void {
    if (this.failing !== operation) return;
    this.failing = undefined;
    this.failures++;
    throw new Error(OUTAGE);
  }
}

const logLines: Array<Record<string, unknown>> = [];
const storage = new StorageThatFailsOnce();
let app: App;
let url: string;

beforeAll(async () => {
  // Errors only, collected instead of printed, so the test can check the failure was logged.
  const logger = pino(
    { level: 'error' },
    { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  app = createApp(readConfig({ PORT: '0' }), logger, { storage, engine: engine() });
  ({ url } = await app.start());
});

afterAll(async () => {
  await app?.stop();
});

describe('a turn that fails', () => {
  const cases: Array<{ operation: Operation; when: string }> = [
    { operation: 'write', when: 'saving conversation state after the answer' },
    { operation: 'read', when: 'loading conversation state before the answer' },
  ];

  it.each(cases)('on $operation ($when): apologises, then the conversation goes on', async ({ operation }) => {
    const conversation = `turn-error-${operation}`;
    const failuresBefore = storage.failures;
    const errorsBefore = logLines.length;
    storage.failNext(operation);

    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `${operation}-1`,
        channelId: 'test',
        serviceUrl: 'http://127.0.0.1:9/',
        from: { id: 'user-1' },
        recipient: { id: 'statusbot' },
        conversation: { id: conversation },
        deliveryMode: 'expectReplies',
        text: 'what is 502',
      }),
    });
    const body = await res.text();
    expect(storage.failures).toBe(failuresBefore + 1);
    expect(res.status).toBe(200);
    const replies = (JSON.parse(body) as { activities: Array<{ type: string; text?: string }> }).activities;
    expect(replies.filter((a) => a.type === 'message').at(-1)?.text).toBe(APOLOGY);
    // Nothing internal reaches the user: no error message, no stack.
    expect(body).not.toContain(OUTAGE);
    expect(body).not.toMatch(/\bat .+\.(?:ts|js):\d+/);

    const logged = logLines.slice(errorsBefore).find((l) => l.msg === 'turn failed');
    expect(logged).toMatchObject({ conversation, err: { message: OUTAGE } });

    const next = await sendActivity(url, conversation, { text: 'what is 504' });
    expect(next.status).toBe(200);
    expect(visibleText(next.activities)).toMatch(/504 Gateway Timeout/);
    expect(visibleText(next.activities)).not.toContain(APOLOGY);
  });

  it('keeps the last code when only the save failed, so a follow-up still works', async () => {
    const conversation = 'turn-error-follow-up';
    storage.failNext('write');
    const first = await sendActivity(url, conversation, { text: 'what is 502' });
    expect(first.activities.at(-1)?.text).toBe(APOLOGY);

    const followUp = await sendActivity(url, conversation, { text: 'how do I fix it?' });
    expect(followUp.status).toBe(200);
    expect(visibleText(followUp.activities)).toMatch(/How to fix 502 Bad Gateway/);
  });

  it('drops a waiting "did you mean" so a broken prompt cannot fail every later turn', async () => {
    const conversation = 'turn-error-did-you-mean';
    const stateKey = `test/conversations/${conversation}/`;
    const vague = findVagueMessage();
    storage.failNext('write');
    const first = await sendActivity(url, conversation, { text: vague.text });
    expect(first.activities[0]?.text).toMatch(/^Did you mean one of these\?/);
    expect(first.activities.at(-1)?.text).toBe(APOLOGY);
    expect(await storedStack(storage, stateKey)).toEqual([]);

    const next = await sendActivity(url, conversation, { text: 'what is 410' });
    expect(visibleText(next.activities)).toMatch(/410 Gone/);
  });
});
