/**
 * planReply() and remember() with the real engine: follow-ups with and without a code in memory, "compare it
 * with …", card clicks (read by readCardSubmit; payloads that are not ours answer the typed text), feedback, and the
 * "did you mean" threshold, checked over the whole regression corpus and at its exact boundary.
 */
import {
  EMPTY_MEMORY,
  planReply,
  remember,
  type ConversationMemory,
  type ReplyPlan,
} from '../../src/conversation/plan-reply';
import type { Answer } from '../../src/knowledge/answer';
import { StatusEngine } from '../../src/knowledge/engine';
import { ASK_BELOW, type Understanding } from '../../src/knowledge/understanding';
import { corpusQuestions, engine } from '../cards/engine-fixture';

const AFTER_502: ConversationMemory = { lastIds: ['502'] };

/** The answer of a plan that must be an answer. */
function answerOf(plan: ReplyPlan): Answer {
  if (plan.kind !== 'answer') throw new Error(`Expected an answer plan, got ${plan.kind}`);
  return plan.answer;
}

/** What an answer is about, in one comparable string: "lookup 502 fix", "compare 502,504", "none". */
function subject(answer: Answer): string {
  switch (answer.intent) {
    case 'lookup':
      return `lookup ${answer.entry.id} ${answer.focus}`;
    case 'compare':
      return `compare ${answer.entries.map((e) => e.id).join(',')}`;
    default:
      return answer.intent;
  }
}

const plan = (text: string, memory: ConversationMemory = EMPTY_MEMORY, value?: unknown) =>
  planReply(engine(), text, value, memory);

describe('follow-ups', () => {
  const withMemory: Array<{ say: string; about: string; memory?: ConversationMemory }> = [
    { say: 'how do I fix it?', about: 'lookup 502 fix' },
    { say: 'what should I do', about: 'lookup 502 fix' },
    { say: 'is it safe to retry?', about: 'lookup 502 retry' },
    { say: 'should I retry it', about: 'lookup 502 retry' },
    { say: 'more', about: 'lookup 502 more' },
    { say: 'tell me more', about: 'lookup 502 more' },
    { say: 'how do I fix it?', about: 'lookup 504 fix', memory: { lastIds: ['504', '502'] } },
    { say: 'how do I fix it?', about: 'lookup 499-esri fix', memory: { lastIds: ['499-esri'] } },
  ];

  it.each(withMemory)('"$say" after a code answers about it: $about', ({ say, about, memory = AFTER_502 }) => {
    const p = plan(say, memory);
    expect(subject(answerOf(p))).toBe(about);
    // A follow-up keeps the subject (the next "how do I fix it?" is about the same code) and remembers the part asked;
    // of several codes discussed, it keeps them all ("and the other one?") and which one it was about.
    const [, id, focus] = about.split(' ');
    const kept = memory.lastIds.length > 1 ? { lastIds: memory.lastIds, lastAbout: id } : { lastIds: [id] };
    expect(p.kind === 'answer' && p.memory).toEqual({ ...kept, lastFocus: focus });
  });

  it.each(['how do I fix it?', 'is it safe to retry?', 'more'])(
    '"%s" with nothing discussed is the engine\'s own reading, not a follow-up',
    (say) => {
      const p = plan(say);
      expect(answerOf(p)).toEqual(engine().ask(say).answer);
      expect(answerOf(p).intent).toBe('none');
    },
  );

  it('ignores a remembered id the table no longer has (state written before a data change)', () => {
    const stale = { lastIds: ['599-no-such-entry'] };
    expect(subject(answerOf(plan('how do I fix it?', stale)))).toBe(subject(answerOf(plan('how do I fix it?'))));
  });

  it.each([
    { say: 'what about 504?', about: 'lookup 504 overview', remembers: ['504'] },
    { say: 'and 401?', about: 'lookup 401 overview', remembers: ['401'] },
  ])('a message naming a new code is a new question: "$say"', ({ say, about, remembers }) => {
    const p = plan(say, AFTER_502);
    expect(subject(answerOf(p))).toBe(about);
    expect(p.kind === 'answer' && p.memory).toEqual({ lastIds: remembers });
  });

  it('"how do I fix 404?" after 502 is about 404, its fix', () => {
    expect(subject(answerOf(plan('how do I fix 404?', AFTER_502)))).toBe('lookup 404 fix');
  });
  it('the suggestion "how do I fix 403?" after "401 vs 403" is about 403', () => {
    expect(subject(answerOf(plan('how do I fix 403?', { lastIds: ['401', '403'] })))).toBe('lookup 403 fix');
  });
});

describe('follow-ups on a network error', () => {
  const AFTER_REFUSED: ConversationMemory = { lastIds: [], lastNetworkError: 'connection-refused' };

  it.each(['how do I fix it?', 'is it safe to retry?', 'more'])(
    '"%s" answers the network error again (its steps, both sides)',
    (say) => {
      const p = plan(say, AFTER_REFUSED);
      expect(answerOf(p)).toMatchObject({ intent: 'network_error', error: { id: 'connection-refused' } });
      expect(p.kind === 'answer' && p.memory).toMatchObject(AFTER_REFUSED);
    },
  );

  it('a new question moves on: a code becomes the subject and the network error is forgotten', () => {
    const p = plan('what is 502', AFTER_REFUSED);
    expect(subject(answerOf(p))).toBe('lookup 502 overview');
    expect(p.kind === 'answer' && p.memory).toEqual({ lastIds: ['502'] });
  });

  it('a code discussed before the network error is not what "how do I fix it?" is about', () => {
    const afterError = plan('socket hang up', AFTER_502);
    expect(afterError.kind === 'answer' && afterError.memory).toEqual({
      lastIds: [],
      lastNetworkError: 'connection-reset',
    });
    const fix = plan('how do I fix it?', afterError.kind === 'answer' ? afterError.memory : AFTER_502);
    expect(answerOf(fix)).toMatchObject({ intent: 'network_error', error: { id: 'connection-reset' } });
  });

  it('ignores a remembered network error the data no longer has', () => {
    expect(answerOf(plan('how do I fix it?', { lastIds: [], lastNetworkError: 'no-such-error' }))).toEqual(
      engine().ask('how do I fix it?').answer,
    );
  });
});

describe('follow-ups on a class', () => {
  const memoryOf = (p: ReplyPlan) => (p.kind === 'answer' ? p.memory : EMPTY_MEMORY);

  it.each<[string, string]>([
    ['so is it ever my fault', 'fault'],
    ['give me an example', 'example'],
    ['can i retry', 'retry'],
    ['why does that happen', 'cause'],
  ])('after "explain 5xx", %j answers that part of the class', (say, focus) => {
    const afterClass = memoryOf(plan('explain 5xx', AFTER_502));
    expect(afterClass).toEqual({ lastIds: [], lastClass: '5xx' });
    const p = plan(say, afterClass);
    expect(answerOf(p)).toMatchObject({ intent: 'class', class: '5xx', focus });
    expect(memoryOf(p)).toMatchObject({ lastIds: [], lastClass: '5xx' });
  });

  it('a thank-you keeps the class; a code asked next replaces it', () => {
    const thanked = memoryOf(plan('thanks', { lastIds: [], lastClass: '3xx' }));
    expect(thanked).toEqual({ lastIds: [], lastClass: '3xx' });
    const next = memoryOf(plan('and 307 specifically?', thanked));
    expect(next).toEqual({ lastIds: ['307'] });
    expect(subject(answerOf(plan('give me an example', next)))).toBe('lookup 307 example');
  });
});

describe("follow-ups on a provider's error", () => {
  const AFTER_SLOWDOWN: ConversationMemory = { lastIds: ['503'], lastProviderError: 's3-slowdown' };

  it.each(['how do I fix it?', 'is it safe to retry?', 'why does that happen', 'and on the server side?'])(
    '"%s" keeps the provider\'s meaning at the head of the answer',
    (say) => {
      const p = plan(say, AFTER_SLOWDOWN);
      expect(answerOf(p)).toMatchObject({
        intent: 'lookup',
        entry: { id: '503' },
        providerError: { id: 's3-slowdown' },
      });
      expect(p.kind === 'answer' && p.memory).toMatchObject(AFTER_SLOWDOWN);
    },
  );

  it('a new code moves on, and the error is forgotten', () => {
    const p = plan('what about 504?', AFTER_SLOWDOWN);
    expect(answerOf(p)).not.toHaveProperty('providerError');
    expect(p.kind === 'answer' && p.memory).not.toHaveProperty('lastProviderError');
  });

  it('ignores a remembered error whose status is no longer the subject, or that the data no longer has', () => {
    expect(
      answerOf(plan('how do I fix it?', { lastIds: ['502'], lastProviderError: 's3-slowdown' })),
    ).not.toHaveProperty('providerError');
    expect(
      answerOf(plan('how do I fix it?', { lastIds: ['503'], lastProviderError: 'no-such-error' })),
    ).not.toHaveProperty('providerError');
  });
});

describe('compare with the last code', () => {
  it('"how is it different from 504" after 502 compares 502 with 504 (the engine misses "from 504")', () => {
    expect(subject(answerOf(plan('how is it different from 504', AFTER_502)))).toBe('compare 502,504');
  });

  it.each(['compare it with 504', 'vs 504', 'is it the same as 504?', 'compared to 504?'])(
    '"%s" after 502 compares 502 with 504',
    (say) => {
      const p = plan(say, AFTER_502);
      expect(subject(answerOf(p))).toBe('compare 502,504');
      expect(p.kind === 'answer' && p.understanding).toMatchObject({
        intent: 'compare',
        codes: [502, 504],
        ids: ['502', '504'],
      });
      expect(p.kind === 'answer' && p.memory).toEqual({ lastIds: ['502', '504'] });
    },
  );

  it('"compare it with 502" when 502 is the last code does not compare 502 with itself: it says more about it', () => {
    const answer = answerOf(plan('compare it with 502', AFTER_502));
    expect(answer.intent === 'compare' && new Set(answer.entries.map((e) => e.id)).size).not.toBe(1);
    expect(subject(answer)).toBe('lookup 502 more');
  });

  it('keeps a vendor meaning as the first side', () => {
    expect(subject(answerOf(plan('compare it with 504', { lastIds: ['499-esri'] })))).toBe('compare 499-esri,504');
  });

  it('without memory, "compare it with 504" is just about 504', () => {
    expect(subject(answerOf(plan('compare it with 504')))).toBe('lookup 504 overview');
  });
});

describe('card clicks', () => {
  it.each([
    { name: 'an entry id', value: { action: 'lookup', id: '499-esri', code: 499 }, about: 'lookup 499-esri overview' },
    {
      name: 'a code and its entry id',
      value: { action: 'lookup', id: '410', code: 410 },
      about: 'lookup 410 overview',
    },
    {
      name: 'the payload only inside Teams messageBack',
      value: { msteams: { type: 'messageBack', value: { action: 'lookup', id: '410', code: 410 } } },
      about: 'lookup 410 overview',
    },
    { name: 'an example question', value: { action: 'ask', text: '401 vs 403' }, about: 'compare 401,403' },
    {
      name: 'Teams messageBack data (extra msteams key)',
      value: { action: 'lookup', id: '503', code: 503, msteams: { type: 'messageBack' } },
      about: 'lookup 503 overview',
    },
  ])('a lookup click with $name answers it, whatever the text', ({ value, about }) => {
    const p = plan('what is 200', AFTER_502, value);
    expect(subject(answerOf(p))).toBe(about);
  });

  it('a lookup click becomes the subject of the next follow-up', () => {
    const p = plan('', EMPTY_MEMORY, { action: 'lookup', id: '499-esri', code: 499 });
    expect(p.kind === 'answer' && p.memory).toEqual({ lastIds: ['499-esri'] });
    expect(p.kind === 'answer' && p.understanding).toEqual(engine().lookup('499-esri'));
  });

  it.each([
    [
      { action: 'feedback', reaction: 'like', id: '502' },
      { kind: 'feedback', reaction: 'like', id: '502', counted: true },
    ],
    [
      { action: 'feedback', reaction: 'dislike', id: '504' },
      { kind: 'feedback', reaction: 'dislike', id: '504', counted: false, offers: expect.any(Array) },
    ],
    [{ action: 'none-of-these' }, { kind: 'none-of-these' }],
  ])('%j plans %j', (value, expected) => {
    expect(planReply(engine(), '', value, AFTER_502, { recent: ['502'] })).toEqual(expected);
  });

  // A vote counts only for an answer given in this conversation (the subjects its vote buttons carried).
  it.each<[string, string[], unknown, boolean]>([
    ['the answer just given', ['502'], { action: 'feedback', reaction: 'like', id: '502' }, true],
    [
      'an earlier answer still remembered',
      ['401-vs-403', '502', 'network-connection-refused'],
      { action: 'feedback', reaction: 'dislike', id: '401-vs-403' },
      true,
    ],
    ['a triage', ['triage-502'], { action: 'feedback', reaction: 'like', id: 'triage-502' }, true],
    ['a subject never answered here', ['502'], { action: 'feedback', reaction: 'like', id: '504' }, false],
    ['nothing answered yet', [], { action: 'feedback', reaction: 'like', id: '502' }, false],
    ['a look-alike subject', ['502'], { action: 'feedback', reaction: 'like', id: '502 ' }, false],
    [
      'a subject that contains one answered',
      ['502'],
      { action: 'feedback', reaction: 'like', id: '502-vs-504' },
      false,
    ],
    [
      'markup as a subject',
      ['502'],
      { action: 'feedback', reaction: 'dislike', id: '<img src=x onerror=alert(1)>' },
      false,
    ],
  ])('a vote for %s: counted %s', (_what, recent, value, counted) => {
    const p = planReply(engine(), '', value, AFTER_502, { recent });
    expect(p).toMatchObject({ kind: 'feedback', counted });
  });

  const malformed: Array<[string, unknown]> = [
    ['null', null],
    ['a string', 'lookup 410'],
    ['a number', 410],
    ['an array', [{ action: 'lookup', code: 410 }]],
    ['an empty object', {}],
    ['an unknown action', { action: 'delete-everything', code: 410 }],
    ['a lookup without id or code', { action: 'lookup' }],
    ['a lookup with a code alone', { action: 'lookup', code: 410 }],
    ['a lookup with an entry id alone', { action: 'lookup', id: '410' }],
    ['a lookup with a code as a string', { action: 'lookup', code: '410', id: '410' }],
    ['a lookup with a non-numeric code', { action: 'lookup', code: 'abc', id: '410' }],
    ['a lookup with an id the table does not have', { action: 'lookup', id: '599-no-such-entry', code: 599 }],
    ['a lookup with a code the table does not have', { action: 'lookup', id: '299', code: 299 }],
    ['a lookup with a fractional code', { action: 'lookup', code: 410.5, id: '410' }],
    ['feedback with an unknown reaction', { action: 'feedback', reaction: 'love', id: '502' }],
    ['feedback without a subject', { action: 'feedback', reaction: 'like' }],
    ['feedback with a subject that is no string', { action: 'feedback', reaction: 'like', id: 7 }],
    ['an ask without text', { action: 'ask', text: 42 }],
    ['an action in other letters', { action: 'LOOKUP', code: 502, id: '502' }],
  ];

  it.each(malformed)('ignores %s and answers the typed text', (_name, value) => {
    expect(subject(answerOf(plan('what is 404', AFTER_502, value)))).toBe('lookup 404 overview');
  });
});

describe('did you mean', () => {
  const questions = corpusQuestions();

  it('is asked exactly when a lookup is below the threshold, with the rival readings that have evidence (every corpus question)', () => {
    let asked = 0;
    for (const { q } of questions) {
      const p = plan(q);
      const { understanding, answer } = engine().ask(q);
      const expected = answer.intent === 'lookup' && understanding.confidence < ASK_BELOW;
      expect({ q, didYouMean: p.kind === 'did-you-mean' }).toEqual({ q, didYouMean: expected });
      if (p.kind !== 'did-you-mean') continue;
      asked++;
      const ids = p.candidates.map((c) => c.id);
      expect(ids[0]).toBe(answer.intent === 'lookup' && answer.entry.id);
      expect(ids.length).toBe(Math.min(3, 1 + (answer.intent === 'lookup' ? answer.alternatives.length : 0)));
      expect(new Set(ids).size).toBe(ids.length);
      // The readings offered become the subject, as a comparison's codes do: "why?" is about the likeliest.
      expect(p.memory).toEqual({ lastIds: ids });
    }
    expect(asked).toBeGreaterThan(0);
  });

  describe('at the boundary', () => {
    /** The real engine, with the reading of every message pinned (to put its confidence exactly on the threshold). */
    class PinnedReading extends StatusEngine {
      constructor(public reading: Understanding) {
        super(engine().data);
      }
      override understand(): Understanding {
        return this.reading;
      }
    }
    const vague = questions
      .map(({ q }) => engine().understand(q))
      .find(
        (u) =>
          u.intent === 'lookup' &&
          u.confidence < ASK_BELOW &&
          engine().answer(u).intent === 'lookup' &&
          (engine().answer(u) as { alternatives: unknown[] }).alternatives.length > 0,
      );
    const pinned = vague ? new PinnedReading(vague) : undefined;

    it.each([
      [ASK_BELOW - 0.001, 'did-you-mean'],
      [ASK_BELOW, 'answer'],
      [0.95, 'answer'],
    ])('confidence %f → %s', (confidence, kind) => {
      if (!vague || !pinned)
        throw new Error('The corpus has no vague lookup any more; the corpus test above says why.');
      pinned.reading = { ...vague, confidence };
      expect(planReply(pinned, 'anything', undefined, EMPTY_MEMORY).kind).toBe(kind);
    });

    it('a vague reading without rival readings is still asked about, with its one candidate', () => {
      if (!vague) throw new Error('The corpus has no vague lookup any more.');
      if (!pinned) throw new Error('unreachable');
      pinned.reading = { ...vague, alternatives: [] };
      const p = planReply(pinned, 'anything', undefined, EMPTY_MEMORY);
      expect(p.kind === 'did-you-mean' && p.candidates.map((c) => c.id)).toEqual(vague.ids);
    });
  });
});

describe('remember', () => {
  const before: ConversationMemory = { lastIds: ['418'] };
  const log = (statuses: number[]) =>
    statuses
      .map((s, i) => `10.0.0.1 - - [12/Mar/2025:01:37:0${i} +0000] "GET /x HTTP/1.1" ${s} 10 "-" "curl/8.5.0"`)
      .join('\n');

  it.each([
    { name: 'a lookup', q: 'what is 502', expected: { lastIds: ['502'] } },
    { name: 'a vendor lookup', q: 'nginx 499', expected: { lastIds: ['499-nginx'] } },
    { name: 'a comparison (every side)', q: '401 vs 403', expected: { lastIds: ['401', '403'] } },
    {
      name: 'a triage (its most frequent failure first, then the other failures)',
      q: log([502, 502, 200, 504]),
      expected: { lastIds: ['502', '504'] },
    },
    { name: 'a triage where everything succeeded', q: log([200, 200, 304]), expected: before },
    { name: 'an unknown code (the x00 it is read as)', q: 'what is 299', expected: { lastIds: ['200'] } },
    { name: 'a number outside 100–599', q: 'what is 1234', expected: before },
    { name: 'a greeting', q: 'hello', expected: before },
    { name: 'a message about nothing', q: 'what is the weather', expected: before },
    {
      name: 'a class (the class is the subject)',
      q: 'what are 5xx errors',
      expected: { lastIds: [], lastClass: '5xx' },
    },
    {
      name: 'a network error (no code; the error is the subject)',
      q: 'Error: connect ECONNREFUSED 127.0.0.1:5432',
      expected: { lastIds: [], lastNetworkError: 'connection-refused' },
    },
    {
      name: "a provider's error (its status, and the error)",
      q: 'toomanyrequests: You have reached your pull rate limit',
      expected: { lastIds: ['429'], lastProviderError: 'dockerhub-pull-rate-limit' },
    },
  ])('after $name: $expected.lastIds', ({ q, expected }) => {
    expect(remember(engine().ask(q).answer, before)).toEqual(expected);
  });

  it('keeps the memory JSON-small: only entry ids', () => {
    const memory = remember(engine().ask('what is 502').answer, EMPTY_MEMORY);
    expect(JSON.parse(JSON.stringify(memory))).toEqual(memory);
    expect(Object.keys(memory)).toEqual(['lastIds']);
  });
});
