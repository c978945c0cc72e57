/**
 * answer.ts: composeAnswer() turns an Understanding into the Answer model, for every intent. Understandings are
 * built by hand (to pin composeAnswer alone) and through the engine (to pin the pair).
 */
import {
  entryRef,
  entryView,
  EXAMPLE_QUESTIONS,
  type Answer,
  type ClassAnswer,
  type CompareAnswer,
  type LookupAnswer,
  type TriageAnswer,
  type UnknownCodeAnswer,
} from '../../src/knowledge/answer';
import { MAX_MESSAGE_LENGTH } from '../../src/knowledge/text';
import { understandingOf, type Understanding } from '../../src/knowledge/understanding';
import { renderText } from '../../src/render/render-text';
import { engine } from './fixture';

const table = () => engine().table;

const understanding = (u: Partial<Understanding> & Pick<Understanding, 'intent'>): Understanding =>
  understandingOf({ confidence: 0.9, ...u });

const compose = (u: Partial<Understanding> & Pick<Understanding, 'intent'>) => engine().answer(understanding(u));
const ask = (text: string): Answer => engine().ask(text).answer;

describe('lookup', () => {
  test.each<[string, string, string, string[]]>([
    // [message, entry id, current name, other meanings of the number]
    ['what is 502', '502', 'Bad Gateway', []],
    ['499', '499-nginx', 'Client Closed Request', ['499-esri']],
    ['arcgis 499 token required', '499-esri', 'Token Required', ['499-nginx']],
    ['what is 413', '413', 'Content Too Large', []],
    ['Request Entity Too Large', '413', 'Content Too Large', []],
    ['unprocessable entity', '422', 'Unprocessable Content', []],
    ["i'm a teapot", '418', '(Unused)', []],
    ['what is 451', '451', 'Unavailable For Legal Reasons', ['451-exchange']],
    ['pantheon 530', '530-pantheon', 'Site Frozen', ['530-cloudflare']],
    ['twitter 420', '420-twitter', 'Enhance Your Calm', ['420-spring']],
  ])('%j → %s "%s", other meanings %j', (text, id, name, others) => {
    const a = ask(text) as LookupAnswer;
    expect(a.intent).toBe('lookup');
    expect(a.entry.id).toBe(id);
    expect(a.entry.name).toBe(name);
    expect(a.otherMeanings.map((m) => m.id)).toEqual(others);
  });

  test('499 (nginx) names the other vendor meaning, ArcGIS, with its vendor', () => {
    const a = compose({ intent: 'lookup', codes: [499], ids: ['499-nginx'] }) as LookupAnswer;
    expect(a.entry.vendorName).toBe('nginx');
    expect(a.otherMeanings).toEqual([
      {
        id: '499-esri',
        code: 499,
        name: 'Token Required',
        summary: table().entry('499-esri')!.summary,
        vendor: 'Esri ArcGIS',
      },
    ]);
  });

  test('the entry view carries the full entry, its class info and vendor name', () => {
    const a = compose({ intent: 'lookup', codes: [522], ids: ['522-cloudflare'] }) as LookupAnswer;
    expect(a.entry).toMatchObject({
      id: '522-cloudflare',
      code: 522,
      vendor: 'cloudflare',
      vendorName: 'Cloudflare',
      status: 'vendor',
    });
    expect(a.entry.classInfo.class).toBe('5xx');
    expect(a.entry.nextSteps.client.length).toBeGreaterThan(0);
  });

  test.each<[number, boolean]>([
    [502, true],
    [404, true],
    [429, true],
    [200, false],
    [301, false],
  ])(
    'suggestions for %i: at most three, "how do I fix it?" only for errors (%p), each read as a follow-up on it',
    (code, isError) => {
      const suggestions = compose({ intent: 'lookup', codes: [code], ids: [String(code)] }).suggestions;
      expect(suggestions.length).toBeGreaterThan(0);
      expect(suggestions.length).toBeLessThanOrEqual(3);
      expect(suggestions.includes('how do I fix it?')).toBe(isError);
      for (const s of suggestions) {
        const u = engine().understand(s, { ids: [String(code)] });
        expect([u.intent, u.codes[0]]).toEqual([/ vs /.test(s) ? 'compare' : 'follow_up', code]);
      }
    },
  );

  test.each<[string, string]>([
    ['fix', 'how do I fix it?'],
    ['cause', 'why does it happen?'],
    ['fault', 'is it my fault?'],
    ['retry', 'is it safe to retry?'],
    ['example', 'show me an example'],
  ])('after a %s follow-up, its own question is not offered again', (focus, question) => {
    const a = engine().answer(engine().lookup('502', focus as LookupAnswer['focus']));
    expect(a.suggestions).not.toContain(question);
    expect(a.suggestions.length).toBe(3);
  });

  test('suggestions for a success code compare it with its first related code', () => {
    const related = table().entry('200')!.related[0]!.code;
    expect(compose({ intent: 'lookup', codes: [200], ids: ['200'] }).suggestions).toContain(`200 vs ${related}`);
  });

  test('alternatives drop the same number and duplicates, and keep their order', () => {
    const a = compose({
      intent: 'lookup',
      codes: [502, 504, 503],
      ids: ['502'],
      alternatives: [
        { id: '502', code: 502, score: 0.9, via: 'code' },
        { id: '504', code: 504, score: 0.5, via: 'code' },
        { id: '504', code: 504, score: 0.4, via: 'name' },
        { id: '503', code: 503, score: 0.3, via: 'code' },
      ],
    }) as LookupAnswer;
    expect(a.alternatives.map((r) => r.id)).toEqual(['504', '503']);
  });

  test.each<[number, boolean, boolean]>([
    // [confidence, has alternatives, unsure]
    [0.59, true, true],
    [0.6, true, false],
    [0.95, true, false],
    [0.3, false, false],
  ])('confidence %p, alternatives %p → unsure %p', (confidence, withAlternatives, unsure) => {
    const a = compose({
      intent: 'lookup',
      codes: [429],
      ids: ['429'],
      confidence,
      alternatives: withAlternatives ? [{ id: '503', code: 503, score: 0.5, via: 'symptom' }] : [],
    }) as LookupAnswer;
    expect(a.unsure).toBe(unsure);
  });

  test('an id that is not in the table throws a clear error', () => {
    expect(() => compose({ intent: 'lookup', codes: [471], ids: ['471'] })).toThrow(
      'No entry "471" in the status table',
    );
  });
});

describe('unknown_code', () => {
  test.each<[number, boolean, string | undefined, string | undefined]>([
    // [code, inRange, treatedAs, class of classInfo]
    [471, true, '400', '4xx'],
    [298, true, '200', '2xx'],
    [599, true, '500', '5xx'],
    [199, true, '100', '1xx'],
    [309, true, '300', '3xx'],
    [601, false, undefined, undefined],
    [99, false, undefined, undefined],
    [1000, false, undefined, undefined],
    [0, false, undefined, undefined],
  ])('%i → inRange %p, treated as %p', (code, inRange, treatedAs, cls) => {
    const a = compose({ intent: 'unknown_code', code, class: null }) as UnknownCodeAnswer;
    expect(a.intent).toBe('unknown_code');
    expect(a.code).toBe(code);
    expect(a.inRange).toBe(inRange);
    expect(a.treatedAs?.id).toBe(treatedAs);
    expect(a.classInfo?.class).toBe(cls);
  });

  test.each<[number, number[]]>([
    // Known, not rare codes one digit away (same length), at most four.
    [471, [401, 421, 431, 451]],
    [601, [101, 201, 301, 401]],
    [298, [208, 498]],
    [1000, []],
  ])('%i: nearby codes %j', (code, nearby) => {
    const a = compose({ intent: 'unknown_code', code }) as UnknownCodeAnswer;
    expect(a.nearby.map((n) => n.code)).toEqual(
      nearby.filter((c) => table().meaningsOf(c)[0]?.prevalence !== 'rare').slice(0, 4),
    );
    expect(a.nearby.length).toBeLessThanOrEqual(4);
    for (const n of a.nearby) {
      const digits = String(n.code);
      expect([...digits].filter((d, i) => d !== String(code)[i]).length).toBe(1);
    }
    expect(a.suggestions).toEqual(a.nearby.slice(0, 3).map((n) => `what is ${n.code}`));
  });

  test('through the engine: "code 298" and "error 601"', () => {
    const a = ask('code 298') as UnknownCodeAnswer;
    expect(a).toMatchObject({ intent: 'unknown_code', code: 298, inRange: true });
    expect(a.treatedAs?.code).toBe(200);
    const b = ask('error 601') as UnknownCodeAnswer;
    expect(b).toMatchObject({
      intent: 'unknown_code',
      code: 601,
      inRange: false,
      treatedAs: undefined,
      classInfo: undefined,
    });
  });

  test('the x00 rule is cited from RFC 9110 section 15, for a number inside 100–599 only', () => {
    expect(renderText(ask('code 298'), 'plain')).toContain("HTTP's rule (RFC 9110 §15)");
    expect(renderText(ask('error 601'), 'plain')).not.toContain('RFC 9110');
  });
});

describe('class', () => {
  test.each<['1xx' | '2xx' | '3xx' | '4xx' | '5xx', number[]]>([
    ['1xx', [100, 101, 102, 103, 104]],
    ['2xx', [200, 201, 202, 203, 204, 205, 206, 207, 208, 226]],
    ['3xx', [300, 301, 302, 303, 304, 305, 306, 307, 308]],
    ['4xx', [400, 401, 403, 404, 418, 429, 431, 451, 499]],
    ['5xx', [500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511, 520, 530, 599]],
  ])('%s lists its codes (at least %j), once each, in order', (cls, mustList) => {
    const a = compose({ intent: 'class', class: cls }) as ClassAnswer;
    expect(a.class).toBe(cls);
    expect(a.info.class).toBe(cls);
    const codes = a.codes.map((c) => c.code);
    for (const c of mustList) expect(codes).toContain(c);
    expect(codes).toEqual([...new Set(codes)].sort((x, y) => x - y));
    expect(codes.every((c) => Math.floor(c / 100) === Number(cls[0]))).toBe(true);
  });

  test('5xx suggests up to three common codes', () => {
    const a = compose({ intent: 'class', class: '5xx' }) as ClassAnswer;
    expect(a.suggestions).toEqual(['what is 500', 'what is 502', 'what is 503']);
  });

  test('through the engine: "the 500 range"', () => {
    const a = ask('the 500 range') as ClassAnswer;
    expect(a.intent).toBe('class');
    expect(a.class).toBe('5xx');
    expect(a.info.name).toBe('Server error');
    expect(a.codes[0]).toMatchObject({ code: 500, name: 'Internal Server Error' });
  });
});

describe('compare', () => {
  test('401 vs 403: both entries, and the table note on their difference', () => {
    const a = compose({ intent: 'compare', codes: [401, 403], ids: ['401', '403'] }) as CompareAnswer;
    expect(a.entries.map((e) => e.id)).toEqual(['401', '403']);
    const note401 = table()
      .entry('401')!
      .related.find((r) => r.code === 403)!.note;
    expect(a.contrasts).toEqual([{ from: 401, to: 403, note: note401 }]);
    expect(a.suggestions).toEqual(['which one should I use?', 'how do I fix 401?', 'how do I fix 403?']);
  });

  test('each pair is contrasted once, whichever side holds the note', () => {
    const a = compose({ intent: 'compare', codes: [502, 503, 504], ids: ['502', '503', '504'] }) as CompareAnswer;
    const pairs = a.contrasts.map((c) => [Math.min(c.from, c.to), Math.max(c.from, c.to)].join('-'));
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs).toEqual(expect.arrayContaining(['502-504', '502-503', '503-504']));
    expect(a.suggestions).toHaveLength(3);
  });

  test('codes with no related link between them compare without contrasts', () => {
    const a = compose({ intent: 'compare', codes: [100, 511], ids: ['100', '511'] }) as CompareAnswer;
    expect(a.contrasts).toEqual([]);
  });

  test('through the engine: "unauthorized vs forbidden"', () => {
    const a = ask('unauthorized vs forbidden') as CompareAnswer;
    expect(a.intent).toBe('compare');
    expect(a.entries.map((e) => e.code)).toEqual([401, 403]);
  });
});

describe('triage', () => {
  test('counts, shares, failures, focus and story from the counts', () => {
    const a = compose({
      intent: 'triage',
      codes: [502, 200, 504, 404],
      ids: ['502', '200', '504', '404'],
      counts: [
        { code: 502, count: 6, id: '502' },
        { code: 200, count: 2, id: '200' },
        { code: 504, count: 1, id: '504' },
        { code: 404, count: 1, id: '404' },
      ],
    }) as TriageAnswer;
    expect(a.total).toBe(10);
    expect(a.failures).toBe(8);
    expect(a.counts.map((c) => [c.code, c.count, c.share, c.ref?.name])).toEqual([
      [502, 6, 0.6, 'Bad Gateway'],
      [200, 2, 0.2, 'OK'],
      [504, 1, 0.1, 'Gateway Timeout'],
      [404, 1, 0.1, 'Not Found'],
    ]);
    expect(a.counts.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1);
    expect(a.focus?.id).toBe('502');
    const e502 = table().entry('502')!;
    expect(a.story).toEqual([
      '8 of 10 responses failed (80%); the most frequent failure is 502 Bad Gateway (6 of 10).',
      e502.summary,
      `Likely cause: ${e502.causes[0]!.charAt(0).toLowerCase()}${e502.causes[0]!.slice(1)}`,
      `Also 504 Gateway Timeout (1×): ${e502.related.find((r) => r.code === 504)!.note}`,
    ]);
    expect(a.suggestions).toEqual(['how do I fix 502?']);
  });

  test('a second failure without a related note is described by its summary', () => {
    const a = compose({
      intent: 'triage',
      counts: [
        { code: 404, count: 3, id: '404' },
        { code: 500, count: 2, id: '500' },
      ],
    }) as TriageAnswer;
    expect(a.story[3]).toBe(`Also 500 Internal Server Error (2×): ${table().entry('500')!.summary}`);
  });

  test('all successes and redirects: nothing failed, no focus', () => {
    const a = compose({
      intent: 'triage',
      counts: [
        { code: 200, count: 5, id: '200' },
        { code: 301, count: 1, id: '301' },
        { code: 304, count: 2, id: '304' },
      ],
    }) as TriageAnswer;
    expect(a.total).toBe(8);
    expect(a.failures).toBe(0);
    expect(a.focus).toBeUndefined();
    expect(a.story).toEqual(['All 8 responses are successes or redirects; nothing here failed.']);
    expect(a.suggestions).toEqual([]);
  });

  test('through the engine: an nginx access log, most frequent first', () => {
    const log = [
      '10.0.0.1 - - [27/Apr/2025:10:00:01 +0000] "GET /api/orders HTTP/1.1" 502 166 "-" "curl/8.5.0"',
      '10.0.0.2 - - [27/Apr/2025:10:00:02 +0000] "GET /api/orders HTTP/1.1" 200 5120 "-" "curl/8.5.0"',
      '10.0.0.3 - - [27/Apr/2025:10:00:03 +0000] "POST /api/login HTTP/1.1" 502 166 "-" "okhttp/4.12.0"',
      '10.0.0.4 - - [27/Apr/2025:10:00:04 +0000] "GET /health HTTP/1.1" 504 404 "-" "kube-probe/1.29"',
    ].join('\n');
    const a = ask(log) as TriageAnswer;
    expect(a.intent).toBe('triage');
    expect(a.counts.map((c) => [c.code, c.count])).toEqual([
      [502, 2],
      [200, 1],
      [504, 1],
    ]);
    expect(a.counts.map((c) => c.share)).toEqual([0.5, 0.25, 0.25]);
    expect(a.failures).toBe(3);
    expect(a.focus?.code).toBe(502);
    expect(a.story[0]).toBe('3 of 4 responses failed (75%); the most frequent failure is 502 Bad Gateway (2 of 4).');
  });
});

describe('greeting and none', () => {
  test.each<['greeting' | 'none']>([['greeting'], ['none']])(
    '%s says what the bot does and offers the example questions',
    (intent) => {
      const a = compose({ intent });
      // The examples once, as the card's buttons; no suggested replies repeating them.
      expect(a).toMatchObject({ intent, examples: EXAMPLE_QUESTIONS, notes: [], suggestions: [] });
      expect((a as { message: string }).message).toMatch(/status code/);
    },
  );

  test.each<[string, string, boolean]>([
    // [act, a word of its reply, whether it offers examples]
    ['hello', 'Tell me an HTTP status code', true],
    ['help', 'Give me a status code', true],
    ['about', 'I match what you paste', true],
    ['thanks', 'welcome', false],
    ['ack', 'Glad', false],
    ['bye', 'Bye', false],
  ])('the reply to %s is its own, and only introductions offer examples', (act, words, examples) => {
    const a = compose({ intent: 'greeting', act: act as Understanding['act'] });
    expect((a as { message: string }).message).toContain(words);
    expect((a as { examples: string[] }).examples.length > 0).toBe(examples);
    expect(a.suggestions).toEqual([]);
    // Introductions have a heading; a line in kind has none.
    expect('title' in a).toBe(examples);
  });

  test('a number that is something else says what it is, with the reference for it', () => {
    const a = ask('postfix bounced it: 550 5.1.1 user unknown');
    expect(a).toMatchObject({ intent: 'none', otherWorld: { text: '550 5.1.1', kind: { id: 'smtp' } } });
    expect((a as { message: string }).message).toBe(
      "550 5.1.1 looks like a mail server's reply (SMTP), not an HTTP status.",
    );
  });

  test.each<[string, string]>([
    ['the page is weird since the deploy', 'codeOrError'],
    ['how do I fix it?', 'referent'],
  ])('%j: the bot asks (%s) rather than guess', (text, clarify) => {
    const a = ask(text);
    expect(a).toMatchObject({ intent: 'none', clarify });
    expect((a as { message: string }).message).toBe(engine().talk.clarify[clarify as 'codeOrError' | 'referent']);
  });

  test('the example questions are understood as advertised', () => {
    const expected = [
      ['lookup', [502]],
      ['compare', [401, 403]],
      ['lookup', [429]],
      ['class', []],
    ];
    expect(
      EXAMPLE_QUESTIONS.map((q) => engine().understand(q)).map((u) => [
        u.intent,
        u.intent === 'lookup' ? u.codes.slice(0, 1) : u.codes,
      ]),
    ).toEqual(expected);
  });
});

describe('truncation note', () => {
  const note = 'Your message was longer than 10,000 characters; I read only the first 10,000.';

  test.each<[string, Partial<Understanding> & Pick<Understanding, 'intent'>]>([
    ['lookup', { intent: 'lookup', codes: [502], ids: ['502'] }],
    ['compare', { intent: 'compare', codes: [401, 403], ids: ['401', '403'] }],
    ['class', { intent: 'class', class: '4xx' }],
    ['unknown_code', { intent: 'unknown_code', code: 471 }],
    ['triage', { intent: 'triage', counts: [{ code: 500, count: 2, id: '500' }] }],
    ['greeting', { intent: 'greeting' }],
    ['none', { intent: 'none' }],
  ])('%s: truncated → note; not truncated → no note', (_label, u) => {
    expect(compose({ ...u, truncated: true }).notes).toEqual([note]);
    expect(compose({ ...u, truncated: false }).notes).toEqual([]);
  });

  test.each<[number, boolean]>([
    [MAX_MESSAGE_LENGTH - 1, false],
    [MAX_MESSAGE_LENGTH, false],
    [MAX_MESSAGE_LENGTH + 1, true],
    [1_000_000, true],
  ])('a message of %i characters → note %p', (length, noted) => {
    const text = ('what is 502 ' + 'and some more words '.repeat(Math.ceil(length / 20))).slice(0, length);
    const { understanding: u, answer } = engine().ask(text);
    expect(u.truncated).toBe(noted);
    expect(answer.notes.includes(note)).toBe(noted);
  });
});

describe('entryRef and entryView', () => {
  test('entryRef is the short form; vendor names come from vendors.json', () => {
    expect(entryRef(table(), '502')).toEqual({
      id: '502',
      code: 502,
      name: 'Bad Gateway',
      summary: table().entry('502')!.summary,
    });
    expect(entryRef(table(), '499-esri').vendor).toBe('Esri ArcGIS');
  });

  test('entryView adds the class info', () => {
    expect(entryView(table(), '418').classInfo.class).toBe('4xx');
    expect(() => entryView(table(), 'nope')).toThrow('No entry "nope" in the status table');
  });
});
