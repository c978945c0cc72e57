/**
 * UsageStats: the counters behind GET /api/stats. Turns, intents, channels, top codes, unanswered questions (at most
 * 100 recent texts of at most 200 characters) and feedback, fed with real understandings from the engine and with
 * hand-made ones where an exact confidence matters.
 */
import { LOW_CONFIDENCE, UsageStats, isUnanswered } from '../../src/conversation/usage-stats';
import type { Understanding } from '../../src/knowledge/understanding';
import { engine } from '../cards/engine-fixture';

const understand = (text: string) => engine().understand(text);

/** A lookup of one code with a chosen confidence (the engine's readings rarely land on an exact value). */
function lookup(code: number, confidence: number, extra: Partial<Understanding> = {}): Understanding {
  return {
    intent: 'lookup',
    codes: [code],
    ids: [String(code)],
    class: `${String(code)[0]}xx` as Understanding['class'],
    code: null,
    focus: 'overview',
    confidence,
    alternatives: [],
    vendors: [],
    counts: [],
    truncated: false,
    via: 'symptom',
    ...extra,
  };
}

describe('turns, intents and channels', () => {
  it('starts empty, with the time it started by its clock; unanswered questions are dated by the same clock', () => {
    let now = Date.UTC(2026, 11, 6, 10, 42, 0);
    const stats = new UsageStats(() => now);
    const snapshot = stats.snapshot();
    expect(snapshot).toMatchObject({
      turns: 0,
      byIntent: {},
      byChannel: {},
      topCodes: [],
      unanswered: { count: 0, recent: [] },
      feedback: { like: 0, dislike: 0, byCode: [] },
    });
    expect(snapshot.since).toBe('2026-12-06T10:42:00.000Z');
    now += 90_000;
    stats.recordTurn('what is the weather in Paris', understand('what is the weather in Paris'), 'webchat');
    expect(stats.snapshot().unanswered.recent[0]?.at).toBe('2026-12-06T10:43:30.000Z');
  });

  it('counts every turn by intent and by channel', () => {
    const stats = new UsageStats();
    const turns: Array<[string, string]> = [
      ['what is 502', 'webchat'],
      ['what is 404', 'msteams'],
      ['401 vs 403', 'webchat'],
      ['what are 5xx errors', 'directline'],
      ['hello', 'webchat'],
      ['what is the weather in Paris', 'msteams'],
    ];
    for (const [text, channel] of turns) stats.recordTurn(text, understand(text), channel);
    const snapshot = stats.snapshot();
    expect(snapshot.turns).toBe(6);
    expect(snapshot.byIntent).toEqual({ lookup: 2, compare: 1, class: 1, greeting: 1, none: 1 });
    expect(snapshot.byChannel).toEqual({ webchat: 3, msteams: 2, directline: 1 });
  });
});

describe('top codes', () => {
  it('counts the first code of a lookup and every code of a comparison or a triage', () => {
    const stats = new UsageStats();
    stats.recordTurn('x', lookup(502, 0.9, { codes: [502, 504, 503] }), 'test');
    stats.recordTurn('401 vs 403', understand('401 vs 403'), 'test');
    stats.recordTurn('401 vs 403', understand('401 vs 403'), 'test');
    stats.recordTurn('what is 401', understand('what is 401'), 'test');
    expect(stats.snapshot().topCodes).toEqual([
      { code: 401, count: 3 },
      { code: 403, count: 2 },
      { code: 502, count: 1 },
    ]);
  });

  it('lists the 20 most asked, ties by code', () => {
    const stats = new UsageStats();
    for (let code = 400; code < 430; code++)
      for (let i = 0; i < (code === 429 ? 5 : code % 3) + 1; i++) stats.recordTurn('x', lookup(code, 0.9), 'test');
    const top = stats.snapshot().topCodes;
    expect(top).toHaveLength(20);
    expect(top[0]).toEqual({ code: 429, count: 6 });
    const sorted = [...top].sort((a, b) => b.count - a.count || a.code - b.code);
    expect(top).toEqual(sorted);
  });
});

describe('unanswered questions', () => {
  it.each([
    ['a message about nothing', 'none', 0.8, true],
    ['a lookup below the low-confidence mark', 'lookup', LOW_CONFIDENCE - 0.01, true],
    ['a lookup at the mark', 'lookup', LOW_CONFIDENCE, false],
    ['a sure lookup', 'lookup', 0.95, false],
    ['a greeting', 'greeting', 0.9, false],
  ] as const)('%s: unanswered %s', (_name, intent, confidence, expected) => {
    expect(isUnanswered(lookup(502, confidence, { intent }))).toBe(expected);
  });

  it('keeps the text, intent and confidence of each, newest first', () => {
    const stats = new UsageStats();
    stats.recordTurn('what is the weather in Paris', understand('what is the weather in Paris'), 'test');
    stats.recordTurn('what is 502', understand('what is 502'), 'test');
    stats.recordTurn('something odd', lookup(418, 0.3), 'test');
    const { unanswered } = stats.snapshot();
    expect(unanswered.count).toBe(2);
    expect(unanswered.recent.map((r) => [r.text, r.intent, r.confidence])).toEqual([
      ['something odd', 'lookup', 0.3],
      ['what is the weather in Paris', 'none', understand('what is the weather in Paris').confidence],
    ]);
    for (const r of unanswered.recent) expect(new Date(r.at).toISOString()).toBe(r.at);
  });

  it('keeps at most the 100 most recent, each cut to 200 characters, and still counts them all', () => {
    const stats = new UsageStats();
    const none = lookup(0, 0.8, { intent: 'none', codes: [], ids: [], class: null });
    for (let i = 0; i < 150; i++) stats.recordTurn(`question ${i} ${'x'.repeat(300)}`, none, 'test');
    const { unanswered } = stats.snapshot();
    expect(unanswered.count).toBe(150);
    expect(unanswered.recent).toHaveLength(100);
    expect(unanswered.recent[0]?.text).toMatch(/^question 149 /);
    expect(unanswered.recent.at(-1)?.text).toMatch(/^question 50 /);
    for (const r of unanswered.recent) expect(r.text.length).toBe(200);
  });

  it('keeps a short text whole', () => {
    const stats = new UsageStats();
    stats.recordTurn('hmm?', lookup(0, 0.8, { intent: 'none', codes: [], ids: [] }), 'test');
    expect(stats.snapshot().unanswered.recent[0]?.text).toBe('hmm?');
  });

  test.each([
    [
      'a bearer token',
      'why? Authorization: Bearer c2VjcmV0LXRva2VuLTEyMzQ1Njc4OTA',
      'why? Authorization: Bearer [redacted]',
    ],
    [
      'a password in a URL',
      'hmm https://deploy:Pa55word@registry.example.com/v2/',
      'hmm https://deploy:[redacted]@registry.example.com/v2/',
    ],
    ['a cookie', 'odd: Cookie: sid=9a8b7c6d5e4f; theme=dark', 'odd: Cookie: [redacted]'],
    [
      'a GitHub token across the cut',
      `${'x'.repeat(190)} ghp_16C7e42F292c6912E7710c838347Ae178B4a`,
      `${'x'.repeat(190)} [redacted`,
    ],
    ['nothing secret', 'what is the weather in Paris? token=<token>', 'what is the weather in Paris? token=<token>'],
  ])('an unanswered text with %s is kept redacted', (_what, text, kept) => {
    const stats = new UsageStats();
    stats.recordTurn(text, lookup(0, 0.8, { intent: 'none', codes: [], ids: [] }), 'test');
    expect(stats.snapshot().unanswered.recent[0]?.text).toBe(kept);
  });
});

describe('feedback', () => {
  it('counts likes and dislikes overall and per answer, most rated first', () => {
    const stats = new UsageStats();
    stats.recordFeedback('like', '502');
    stats.recordFeedback('dislike', '404');
    stats.recordFeedback('like', '404');
    stats.recordFeedback('dislike', '404');
    stats.recordFeedback('like');
    const { feedback } = stats.snapshot();
    expect(feedback.like).toBe(3);
    expect(feedback.dislike).toBe(2);
    expect(feedback.byCode[0]).toEqual({ id: '404', like: 1, dislike: 2 });
    expect(feedback.byCode).toEqual(
      expect.arrayContaining([
        { id: '502', like: 1, dislike: 0 },
        { id: '(none)', like: 1, dislike: 0 },
      ]),
    );
    expect(feedback.byCode).toHaveLength(3);
  });

  it('does not count feedback as a turn', () => {
    const stats = new UsageStats();
    stats.recordFeedback('like', '502');
    expect(stats.snapshot().turns).toBe(0);
  });
});

describe('snapshot', () => {
  it('is a copy: changing it does not change the counters', () => {
    const stats = new UsageStats();
    stats.recordTurn('what is the weather', understand('what is the weather'), 'test');
    const first = stats.snapshot();
    first.unanswered.recent.length = 0;
    first.byChannel.test = 99;
    expect(stats.snapshot().unanswered.recent).toHaveLength(1);
    expect(stats.snapshot().byChannel).toEqual({ test: 1 });
  });

  it('is plain JSON', () => {
    const stats = new UsageStats();
    stats.recordTurn('what is 502', understand('what is 502'), 'webchat');
    stats.recordFeedback('like', '502');
    const snapshot = stats.snapshot();
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });
});

describe('a changed vote replaces the first', () => {
  test('from the same conversation on the same answer: moved, not added; the same vote twice counts once', () => {
    const stats = new UsageStats();
    stats.recordFeedback('dislike', '502', 'conv-a');
    stats.recordFeedback('like', '502', 'conv-a');
    stats.recordFeedback('like', '502', 'conv-a');
    expect(stats.snapshot().feedback).toMatchObject({
      like: 1,
      dislike: 0,
      byCode: [{ id: '502', like: 1, dislike: 0 }],
    });
  });

  test('other conversations and other answers count apart; a vote with no conversation always counts', () => {
    const stats = new UsageStats();
    stats.recordFeedback('like', '502', 'conv-a');
    stats.recordFeedback('dislike', '502', 'conv-b');
    stats.recordFeedback('dislike', '504', 'conv-a');
    stats.recordFeedback('like', '502');
    stats.recordFeedback('like', '502');
    expect(stats.snapshot().feedback).toMatchObject({ like: 3, dislike: 2 });
  });
});
