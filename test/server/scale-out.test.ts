/**
 * Scale-out: two bot instances (in this process, each with its own engine and caches) share conversation state
 * through blob storage (a real Azurite), as two instances behind a load balancer do. Every turn of one conversation may land on either instance, so a follow-up
 * ("how do I fix it?") and an answer to "did you mean" must work on the instance that did not ask.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EMPTY_MEMORY, planReply } from '../../src/conversation/plan-reply';
import { StatusEngine } from '../../src/knowledge/engine';
import { startAzuriteBlob, type AzuriteBlob } from '../support/azurite';
import { startBot, type RunningBot } from '../support/bot-in-process';
import { ROOT } from '../support/bot-process';
import { sendActivity, say, visibleText, type Activity } from '../support/channel-client';

// Azurite and two bots start in a few seconds; allow for a slow, shared machine.
jest.setTimeout(60_000);

let azurite: AzuriteBlob | undefined;
let a: RunningBot | undefined;
let b: RunningBot | undefined;

beforeAll(async () => {
  azurite = await startAzuriteBlob();
  const env = {
    STORAGE: 'blob',
    BLOB_CONNECTION_STRING: azurite.connectionString,
    BLOB_CONTAINER: `statusbot-e2e-${process.pid}`,
  };
  // Nothing but the store is shared: each instance reads the table itself and keeps its own caches.
  [a, b] = await Promise.all([
    startBot(env, { engine: StatusEngine.load() }),
    startBot(env, { engine: StatusEngine.load() }),
  ]);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await azurite?.stop();
});

/** The instances, typed as started (beforeAll failing fails every test anyway). */
const instanceA = () => a as RunningBot;
const instanceB = () => b as RunningBot;

const textOf = async (reply: Promise<{ status: number; activities: Activity[] }>) => {
  const { status, activities } = await reply;
  expect(status).toBe(200);
  return visibleText(activities);
};

describe('two instances sharing blob storage', () => {
  it('both report ready (table loaded, storage reachable)', async () => {
    for (const bot of [instanceA(), instanceB()]) {
      const res = await fetch(`${bot.url}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'ready', storage: { ok: true } });
    }
  });

  it('keeps the subject of a conversation whichever instance answers', async () => {
    const conv = `scale-out-follow-ups-${process.pid}`;

    expect(await textOf(say(instanceA().url, conv, 'what is 502'))).toMatch(/502 Bad Gateway/);

    const fix = await textOf(say(instanceB().url, conv, 'how do I fix it?'));
    expect(fix).toMatch(/502/);
    expect(fix).toMatch(/fix/i);

    expect(await textOf(say(instanceB().url, conv, 'what about 504?'))).toMatch(/504 Gateway Timeout/);

    const retry = await textOf(say(instanceA().url, conv, 'is it safe to retry?'));
    expect(retry).toMatch(/504/);
    expect(retry).toMatch(/retry/i);
  });

  describe('"did you mean" asked on one instance and answered on the other', () => {
    const unsure = findUnsureQuestion();

    it('a typed "none" on B ends the prompt that A started', async () => {
      const conv = `scale-out-did-you-mean-none-${process.pid}`;
      const { activities } = await say(instanceA().url, conv, unsure.question);
      expect(visibleText(activities)).toMatch(/Did you mean/);

      // Only the waiting dialog (state in blob storage) turns "none" into this apology; without it "none" is a new
      // question that gets the "I can only help with HTTP status codes" reply.
      const text = await textOf(say(instanceB().url, conv, 'none'));
      expect(text).toMatch(/couldn't place it/);
    });

    it('a click on A answers the candidate chosen from the prompt that B started, and remembers it', async () => {
      const conv = `scale-out-did-you-mean-click-${process.pid}`;
      const chosen = unsure.candidates[1] as { code: number; id: string; name: string };
      expect(visibleText((await say(instanceB().url, conv, unsure.question)).activities)).toMatch(/Did you mean/);

      const text = await textOf(
        sendActivity(instanceA().url, conv, { value: { action: 'lookup', code: chosen.code, id: chosen.id } }),
      );
      expect(text).toContain(`${chosen.code} ${chosen.name}`);

      // The prompt is over, so the next message is a question again, and it follows up on the chosen code.
      expect(await textOf(say(instanceB().url, conv, 'how do I fix it?'))).toMatch(new RegExp(`\\b${chosen.code}\\b`));
    });
  });
});

/**
 * A question from the regression corpus that the engine is unsure about (the planner asks "did you mean" with at
 * least two candidates). Chosen at run time so that the test keeps working while the engine's confidence changes.
 */
function findUnsureQuestion(): { question: string; candidates: Array<{ code: number; id: string; name: string }> } {
  const engine = StatusEngine.load();
  const dir = join(ROOT, 'test', 'corpus');
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const { q } = JSON.parse(line) as { q?: unknown };
      if (typeof q !== 'string' || q.includes('\n')) continue;
      const plan = planReply(engine, q, undefined, EMPTY_MEMORY);
      if (plan.kind === 'did-you-mean' && plan.candidates.length >= 2)
        return { question: q, candidates: plan.candidates };
    }
  }
  throw new Error(
    'No question in test/corpus/*.jsonl makes the bot ask "did you mean"; add one the engine is unsure about (confidence below 0.6 with alternatives).',
  );
}
