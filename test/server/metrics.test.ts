/**
 * GET /metrics on the real server (in-process, over HTTP): after a few turns (lookups, a comparison, an unanswerable
 * question, feedback, on two channels and one made-up channel id) and a 404, the Prometheus text carries exactly those counts,
 * the turn latency histogram, HTTP responses by route and status, the state store's fill, and Node's process metrics.
 */
import { botForThisFile } from '../support/bot-in-process';
import { say, sendActivity } from '../support/channel-client';

jest.setTimeout(30_000);

const bot = botForThisFile();

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text exposition format into samples (comments and blank lines skipped). */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
      labels[key as string] = value as string;
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the one sample with exactly these labels, or undefined. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = JSON.stringify(Object.entries(labels).sort());
  return samples.find((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === wanted)?.value;
}

async function scrape(): Promise<{ contentType: string | null; samples: Sample[] }> {
  const res = await fetch(`${bot.url}/metrics`);
  expect(res.status).toBe(200);
  return { contentType: res.headers.get('content-type'), samples: parseExposition(await res.text()) };
}

describe('GET /metrics', () => {
  it('starts with zero turns and Node process metrics', async () => {
    const { contentType, samples } = await scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(valueOf(samples, 'statusbot_turn_duration_seconds_count')).toBe(0);
    expect(samples.filter((s) => s.name === 'statusbot_turns_total')).toEqual([]);
    expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(10 * 1024 * 1024);
    expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
    expect(valueOf(samples, 'statusbot_state_items')).toBe(0);
  });

  it('counts turns by intent and channel, unanswered turns, feedback, latency and HTTP statuses', async () => {
    const ok = (reply: { status: number }) => expect(reply.status).toBe(200);
    ok(await say(bot.url, 'metrics-1', 'what is 502'));
    ok(await say(bot.url, 'metrics-1', 'what is 404'));
    ok(await say(bot.url, 'metrics-1', "what's 200 plus 300")); // not about a status: unanswered
    ok(await sendActivity(bot.url, 'metrics-1', { value: { action: 'feedback', reaction: 'like', id: '502' } }));
    ok(await sendActivity(bot.url, 'metrics-1', { value: { action: 'feedback', reaction: 'dislike', id: '404' } }));
    ok(await sendActivity(bot.url, 'metrics-1', { value: { action: 'feedback', reaction: 'like', id: '404' } }));
    ok(await sendActivity(bot.url, 'metrics-2', { text: '401 vs 403' }, 'webchat'));
    ok(await sendActivity(bot.url, 'metrics-3', { text: 'what is 503' }, 'made-up-channel-42'));
    ok(
      await sendActivity(
        bot.url,
        'metrics-4',
        { type: 'conversationUpdate', membersAdded: [{ id: 'user-1' }] },
        'webchat',
      ),
    );
    expect((await fetch(`${bot.url}/no-such-page`)).status).toBe(404);

    const { samples } = await scrape();
    expect(valueOf(samples, 'statusbot_turns_total', { intent: 'lookup', channel: 'test' })).toBe(2);
    expect(valueOf(samples, 'statusbot_turns_total', { intent: 'none', channel: 'test' })).toBe(1);
    expect(valueOf(samples, 'statusbot_turns_total', { intent: 'compare', channel: 'webchat' })).toBe(1);
    // A channel id outside the Bot Framework's list is not a label of its own (labels must stay bounded).
    expect(valueOf(samples, 'statusbot_turns_total', { intent: 'lookup', channel: 'other' })).toBe(1);
    expect(
      samples
        .filter((s) => s.name === 'statusbot_turns_total')
        .map((s) => s.value)
        .reduce((a, b) => a + b),
    ).toBe(5);

    expect(valueOf(samples, 'statusbot_unanswered_turns_total', { channel: 'test' })).toBe(1);
    expect(samples.filter((s) => s.name === 'statusbot_unanswered_turns_total')).toHaveLength(1);
    expect(valueOf(samples, 'statusbot_feedback_total', { reaction: 'like' })).toBe(2);
    expect(valueOf(samples, 'statusbot_feedback_total', { reaction: 'dislike' })).toBe(1);

    // Every activity is a turn, the welcome and the feedback clicks included.
    expect(valueOf(samples, 'statusbot_turn_duration_seconds_count')).toBe(9);
    expect(valueOf(samples, 'statusbot_turn_duration_seconds_bucket', { le: '+Inf' })).toBe(9);
    expect(valueOf(samples, 'statusbot_turn_duration_seconds_sum')).toBeGreaterThan(0);

    expect(valueOf(samples, 'statusbot_http_responses_total', { route: '/api/messages', status: '200' })).toBe(9);
    expect(valueOf(samples, 'statusbot_http_responses_total', { route: 'unmatched', status: '404' })).toBe(1);
    // The first scrape counted too (its response had finished before this one began).
    expect(valueOf(samples, 'statusbot_http_responses_total', { route: '/metrics', status: '200' })).toBe(1);

    expect(valueOf(samples, 'statusbot_http_requests_in_flight')).toBe(0);
    expect(valueOf(samples, 'statusbot_state_items')).toBe(4);
    expect(valueOf(samples, 'statusbot_state_evictions_total')).toBe(0);
  });

  it('counts the hits and misses of the understanding and answer caches', async () => {
    const count = (samples: Sample[], name: string, cache: string) => valueOf(samples, name, { cache }) ?? 0;
    const before = (await scrape()).samples;
    expect((await say(bot.url, 'metrics-5', 'what is 429 exactly')).status).toBe(200);
    expect((await say(bot.url, 'metrics-6', 'what is 429 exactly')).status).toBe(200);
    const after = (await scrape()).samples;
    for (const cache of ['understanding', 'answer']) {
      expect(
        count(after, 'statusbot_cache_misses_total', cache) - count(before, 'statusbot_cache_misses_total', cache),
      ).toBe(1);
      expect(
        count(after, 'statusbot_cache_hits_total', cache) - count(before, 'statusbot_cache_hits_total', cache),
      ).toBe(1);
      expect(count(after, 'statusbot_cache_entries', cache)).toBeGreaterThan(0);
    }
  });
});
