/**
 * Follow-ups in any words (follow-up.ts, asked-focus.ts and their place in understand()): templates of our own for
 * each part of an answer × codes the conversation was about, each a follow_up with that focus; comparisons with the
 * last code; "which one" after a comparison; and the counter-examples: a new question in the middle of a
 * conversation is a new question, and without a conversation the same words ask what "it" is.
 */
import { NO_CONTEXT, type ConversationContext } from '../../src/knowledge/conversation-context';
import { engine } from './fixture';

const after = (...ids: string[]): ConversationContext => ({ ids });
const read = (text: string, context: ConversationContext) => engine().understand(text, context);

/** Our own wordings per focus; none is copied from an evaluation set. */
const FOLLOW_UPS: Record<string, string[]> = {
  fix: [
    'how do I fix it?',
    'how can i fix this',
    'what should I do',
    'any workaround?',
    'how to solve it',
    'what do i do now',
    'how do we get past it',
    'how do I handle this in code',
  ],
  cause: [
    'why?',
    'why does this happen',
    'what causes it',
    "what's the reason",
    'how come?',
    'why would the server do that',
    'what triggers this',
  ],
  fault: [
    'is it my fault?',
    'is it a bug in my code?',
    'whose fault is it',
    'is it on my side or theirs',
    'who should fix this',
    'so is it me or them',
    'did i do something wrong',
    'is that something we are doing wrong?',
  ],
  retry: [
    'is it safe to retry?',
    'should I retry',
    'can I just try again',
    'should my client back off',
    'is it ok to resend it',
  ],
  example: [
    'can you give an example',
    'example please',
    'show me an example',
    'what does it look like',
    'got a sample response?',
  ],
  server: [
    'what config do i need to change',
    'and on the server side?',
    'what should the backend do',
    'i run the api, what do i change',
    'which nginx setting is it',
    'what do i configure on the load balancer',
  ],
  client: [
    'and for the frontend?',
    'what should the client do',
    'what can i do as the caller',
    'and in the browser?',
    'what about my react app',
  ],
  more: [
    'tell me more',
    'more',
    'go on',
    'and?',
    'more details please',
    'elaborate',
    'is that even a real http code?',
    'is that a real http status?',
  ],
};

/** Longer follow-ups that carry words of their own but no other subject: still about what was discussed. */
const LONGER: Array<[string, string]> = [
  ['why would that start only after the weekend deploy, nothing else changed', 'cause'],
  ['so is that something in our code or on the provider side', 'fault'],
  ['if i wait a couple of minutes and send the same request again will it go through', 'retry'],
  ['what exactly would i need to change on the box to make this go away', 'server'],
  ['where do i even start looking, the logs are huge', 'fix'],
  ['what does the whole exchange look like from the terminal', 'example'],
];

const CODES = ['400', '401', '403', '404', '413', '429', '500', '502', '503', '504', '499-nginx', '522-cloudflare'];

describe('a follow-up in any words × the code the conversation is about', () => {
  const cases = Object.entries(FOLLOW_UPS).flatMap(([focus, texts]) =>
    texts.flatMap((text) => CODES.map((id) => [focus, text, id] as const)),
  );
  let right = 0;
  const misses: string[] = [];
  for (const [focus, text, id] of cases) {
    const u = read(text, after(id));
    if (u.intent === 'follow_up' && u.ids[0] === id && u.focus === focus) right++;
    else misses.push(`${JSON.stringify(text)} after ${id} → ${u.intent} ${u.ids.join(',')} ${u.focus}`);
  }

  afterAll(() =>
    process.stdout.write(`\nFollow-ups: ${right}/${cases.length}\n${[...new Set(misses)].slice(0, 20).join('\n')}\n`),
  );

  it('reads at least 99% of them as a follow-up on that code, asking for that part', () => {
    expect(right / cases.length).toBeGreaterThanOrEqual(0.99);
  });
});

describe('longer follow-ups with words of their own', () => {
  test.each(LONGER)('%j asks for its %s', (text, focus) => {
    for (const id of ['401', '429', '502', '504'])
      expect(read(text, after(id))).toMatchObject({ intent: 'follow_up', ids: [id], focus });
  });
});

describe('"our side", "my end", "their end": sides relative to the user', () => {
  test.each<[string, 'client' | 'server' | undefined, string]>([
    ['what do we change on our side', undefined, 'server'],
    ['what can i do on my end', undefined, 'client'],
    ['what should they do on their end', 'server', 'client'],
    ['what should they do on their end', 'client', 'server'],
    ['what do i change on my side', 'server', 'server'],
  ])('%j (user on the %s side) asks for the %s side', (text, side, focus) => {
    expect(read(text, { ids: ['502'], ...(side ? { side } : {}) })).toMatchObject({ intent: 'follow_up', focus });
  });
});

describe('comparing with the code just discussed', () => {
  test.each([
    ['how does it differ from {M}?'],
    ['vs {M}'],
    ['compare it with {M}'],
    ['is it the same as {M}?'],
    ["what's the difference with {M}"],
    ['how is that different from {M}'],
    ['or should it be {M} instead?'],
    ["what's the usual code for that, {M}?"],
    ['would {M} fit that better'],
    ["wouldn't {M} fit better?"],
    ['what about {M} instead'],
  ])('%j compares the last code with the new one', (template) => {
    for (const [last, next] of [
      ['308', 301],
      ['401', 403],
      ['502', 504],
      ['429', 503],
      ['400', 422],
    ] as const) {
      const u = read(template.replace('{M}', String(next)), after(last));
      expect({ intent: u.intent, ids: u.ids }).toEqual({ intent: 'compare', ids: [last, String(next)] });
    }
  });
});

describe('"which one" after a comparison', () => {
  test.each(['which one should I use', 'which should I return', 'so which is right', 'which one do i pick'])(
    '%j asks which of the compared codes',
    (text) => {
      const u = read(text, after('401', '403'));
      expect({ intent: u.intent, ids: u.ids, focus: u.focus }).toEqual({
        intent: 'follow_up',
        ids: ['401', '403'],
        focus: 'which',
      });
    },
  );

  test.each<[string, string[], string]>([
    ['which one for an expired access token', ['401', '403'], '401'],
    ["which should i return when the user's role may not delete", ['401', '403'], '403'],
    ['which one when the body is valid json but a field fails validation', ['400', '422'], '422'],
  ])('%j recommends the code its situation points to', (text, ids, recommended) => {
    expect(read(text, after(...ids))).toMatchObject({ intent: 'follow_up', focus: 'which', recommended });
  });
});

describe('one of several codes, by its place', () => {
  const PLACES: Array<[string, (ids: string[]) => string]> = [
    ['what about the first one', (ids) => ids[0] as string],
    ['and the second one?', (ids) => ids[1] as string],
    ['the last one - why does it happen', (ids) => ids[ids.length - 1] as string],
    ['the latter, is it safe to retry?', (ids) => ids[ids.length - 1] as string],
    ['the former, how do i fix it', (ids) => ids[0] as string],
    ['if a POST gets the first one, what does the browser do', (ids) => ids[0] as string],
  ];
  const SETS = [
    ['301', '308'],
    ['401', '403'],
    ['502', '503', '504'],
    ['400', '422'],
  ];
  test.each(PLACES)('%j picks its code from every set discussed', (text, pick) => {
    for (const ids of SETS) expect(read(text, after(...ids)).ids).toEqual([pick(ids)]);
  });

  test.each(SETS.filter((ids) => ids.length === 2))(
    '"and the other one?" after a follow-up on one of %j is about the other',
    (...ids) => {
      expect(read('and the other one?', { ids, about: ids[0] }).ids).toEqual([ids[1]]);
      expect(read('and the other one?', { ids, about: ids[1] }).ids).toEqual([ids[0]]);
    },
  );

  it('with one code discussed, a place means nothing more than "it"', () => {
    expect(read('the second one, how do i fix it', after('502'))).toMatchObject({
      intent: 'follow_up',
      ids: ['502'],
      focus: 'fix',
    });
  });
});

describe('after a comparison, a message opening with "which" asks which', () => {
  test.each(['which for a DELETE', 'ok and which of those for a PUT', 'so which here, the token expired'])(
    '%j',
    (text) => {
      for (const ids of [
        ['200', '204'],
        ['401', '403'],
      ])
        expect(read(text, after(...ids))).toMatchObject({ intent: 'follow_up', focus: 'which', ids });
    },
  );

  it('without a comparison it is a question of its own', () => {
    expect(read('which for a DELETE', after('204')).focus).not.toBe('which');
  });
});

describe('a failure that turned into another is a new lookup, not a comparison or a thank-you', () => {
  test.each([
    'now it says {M} instead',
    "now it's a {M}",
    'fixed that, now it is a {M}',
    'ok now i get {M} Forbidden lol',
    'different thing, our CDN returns {M} for videos',
    'another thing - what is {M}',
  ])('%j', (template) => {
    for (const [last, next] of [
      ['522', 525],
      ['404', 403],
      ['502', 504],
    ] as const) {
      const u = read(template.replace('{M}', String(next)), after(last));
      expect({ intent: u.intent, codes: u.codes.slice(0, 1) }).toEqual({ intent: 'lookup', codes: [next] });
    }
  });
});

describe('taking up a code of earlier in the conversation', () => {
  test.each([
    'back to the {N} - how do i fix it?',
    'going back to {N}, is it safe to retry?',
    'back to the {N}s, why do they happen',
  ])('%j is a follow-up on it', (template) => {
    for (const [code, last] of [
      ['401', '429'],
      ['503', '404'],
      ['521-cloudflare', '502'],
    ] as const) {
      const n = code.split('-')[0] as string;
      const u = read(template.replace('{N}', n), after(last));
      expect({ intent: u.intent, code: u.codes[0] }).toEqual({ intent: 'follow_up', code: Number(n) });
    }
  });

  test.each([
    'totally different q: what is 207',
    'different q, what is 207 Multi-Status',
    'another q: 207?',
    'actually forget that, the other service gives 207 now',
  ])('%j is a new lookup, not a comparison', (text) => {
    expect(read(text, after('429'))).toMatchObject({ intent: 'lookup', codes: [207] });
  });
});

describe('a part asked with a word or two of its own stays on the subject', () => {
  test.each<[string, string]>([
    ['why tho, the path is right', 'cause'],
    ['how do i make it stop for good', 'fix'],
    ['is that on them or on me?', 'fault'],
    ["so it's on me, not them?", 'fault'],
    ['and if i were the one running that endpoint, what would i check?', 'server'],
  ])('%j asks for %s', (text, focus) => {
    for (const id of ['404', '503', '415'])
      expect(read(text, after(id))).toMatchObject({ intent: 'follow_up', ids: [id], focus });
  });
});

describe('a code of the set discussed, or a new one said in passing', () => {
  it('"the right fix for that 504?" after 502 vs 504 is about the 504, not a comparison', () => {
    expect(read('would raising the proxy timeout be the right fix for that 504?', after('502', '504'))).toMatchObject({
      intent: 'follow_up',
      ids: ['504'],
    });
  });

  test.each(['now a different app returns {M} for every url', 'a different service gives {M} too'])(
    '%j is a lookup: "a different …" compares nothing',
    (template) => {
      for (const [last, next] of [
        ['503', 301],
        ['404', 410],
      ] as const)
        expect(read(template.replace('{M}', String(next)), after(last))).toMatchObject({
          intent: 'lookup',
          codes: [next],
        });
    },
  );
});

describe('more everyday asks', () => {
  test.each<[string, string]>([
    ['the second one - when would i even see that', 'cause'],
    ['and if it only happens sometimes?', 'cause'],
    ['fixable?', 'fix'],
    ['meaning i should do what', 'fix'],
    ['so if i get one, can i do anything about it?', 'fix'],
    ['again later or no?', 'retry'],
    ['eh??', 'more'],
    ['like what', 'example'],
  ])('%j asks for %s', (text, focus) => {
    for (const ids of [['407'], ['413'], ['401', '407']]) expect(read(text, after(...ids)).focus).toBe(focus);
  });

  it('"if i were building the api" asks for the server\'s side (after a comparison, "should i send" asks which)', () => {
    for (const id of ['402', '413'])
      expect(read('and if i were building the api, when should i send it?', after(id)).focus).toBe('server');
  });
});

describe('short follow-ups that only look like acts', () => {
  test.each<[string, string]>([
    ['fix?', 'fix'],
    ['and the fix?', 'fix'],
    ['hmm and?', 'more'],
    ['huh?', 'more'],
    ['why tho', 'cause'],
    ['whyyy', 'cause'],
    ['ok and?', 'more'],
    ['now what', 'fix'],
    ['wat do', 'fix'],
  ])('%j asks for %s', (text, focus) => {
    for (const id of ['409', '500', '429'])
      expect(read(text, after(id))).toMatchObject({ intent: 'follow_up', ids: [id], focus });
  });

  test.each(['fixed!', 'ok?', 'thanks a lot', 'mm ok'])('%j is still an act', (text) => {
    expect(read(text, after('500')).intent).toBe('greeting');
  });

  // An aside acknowledges nothing and asks nothing: no code, its own short reply, the subject kept for what comes next.
  test.each(['hmm', 'lol', 'meh', 'idk', 'haha', 'welp', 'nvm', 'never mind', 'forget it'])(
    '%j is an aside',
    (text) => {
      for (const context of [after('500'), NO_CONTEXT])
        expect(read(text, context)).toMatchObject({ intent: 'none', act: 'aside', codes: [] });
    },
  );
});

describe('a new question in the middle of a conversation is a new question', () => {
  test.each<[string, string, number | null]>([
    ['what about 504?', 'lookup', 504],
    ['what about 504, when does the proxy send that one', 'lookup', 504],
    ['also got a 488 yesterday, what is that', 'unknown_code', null],
    ['and 401?', 'lookup', 401],
    ['how do I fix 404?', 'lookup', 404],
    ['the api says I am calling it too often', 'lookup', 429],
    ['ECONNREFUSED 127.0.0.1:5432', 'network_error', null],
    ['401 vs 403', 'compare', 401],
    ['what are 5xx errors', 'class', null],
    ['thanks!', 'greeting', null],
    ['what is the capital of france', 'none', null],
  ])('after 502, %j is %s', (text, intent, first) => {
    const u = read(text, after('502'));
    expect({ intent: u.intent, first: u.codes[0] ?? null }).toEqual({ intent, first });
  });
});

describe('in a conversation, a follow-up that describes another code is read on, never "what does it refer to"', () => {
  test.each<[string, string, number]>([
    ['why does the api keep timing out', '404', 504],
    ['and why does it say i am calling it too often now', '401', 429],
  ])('%j after %s', (text, last, code) => {
    const u = read(text, after(last));
    expect(u.clarify).toBeUndefined();
    expect(u.codes[0]).toBe(code);
  });
});

describe('a pronoun after a noun of the message refers to that noun, not back', () => {
  test.each([
    "website says it's down for maintenance",
    'the api says it only takes json',
    'our proxy logs that it timed out',
    'the delete worked but the response has no body at all, is that normal?',
  ])('%j asks no "what does it refer to"', (text) => {
    expect(engine().understand(text).clarify).not.toBe('referent');
  });
});

describe('without a conversation, the same words ask what they refer to', () => {
  test.each([
    'how do I fix it?',
    'is it my fault?',
    'why does it happen?',
    'and for the frontend?',
    'can you give an example of it',
    'does that apply to websockets too',
    'how does it differ from that one',
  ])('%j', (text) => {
    expect(engine().understand(text)).toMatchObject({ intent: 'none', clarify: 'referent', codes: [] });
  });
});

describe('follow-ups on a network error', () => {
  test.each<[string, string]>([
    ['how do I fix it?', 'fix'],
    ['whose side is it?', 'fault'],
    ['why does it happen', 'cause'],
    ['what do i change on the server', 'server'],
    ['show me an example', 'example'],
  ])('%j after ECONNREFUSED asks for its %s', (text, focus) => {
    const u = read(text, { ids: [], networkError: 'connection-refused' });
    expect(u).toMatchObject({ intent: 'follow_up', networkError: 'connection-refused', focus });
  });
});

describe('a follow-up in any words × the class the conversation is about', () => {
  const CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;
  const cases = Object.entries(FOLLOW_UPS)
    // "is that a real http status?" asks about a code, not a class.
    .flatMap(([focus, texts]) => texts.filter((t) => !/real http/.test(t)).map((text) => [focus, text] as const))
    .flatMap(([focus, text]) => CLASSES.map((cls) => [focus, text, cls] as const));
  const misses = cases.flatMap(([focus, text, cls]) => {
    const u = read(text, { ids: [], class: cls });
    return u.intent === 'follow_up' && u.class === cls && !u.ids.length && u.focus === focus
      ? []
      : [`${JSON.stringify(text)} after ${cls} → ${u.intent} ${u.class} ${u.focus}`];
  });

  it('reads at least 99% of them as a follow-up on that class, asking for that part', () => {
    expect(misses.length / cases.length).toBeLessThanOrEqual(0.01);
  });

  test.each<[string, string, Partial<Record<'intent' | 'class', string>> & { codes?: number[] }]>([
    ['what about 504 specifically', '5xx', { intent: 'lookup', codes: [504] }],
    ['and 5xx?', '4xx', { intent: 'class', class: '5xx' }],
    ['301 vs 302 for the redirect after login', '3xx', { intent: 'compare', codes: [301, 302] }],
    ['is 204 fine for a PUT', '2xx', { intent: 'lookup', codes: [204] }],
    ['my upload fails with request entity too large', '4xx', { intent: 'lookup', codes: [413] }],
    ['thanks', '5xx', { intent: 'greeting' }],
  ])('%j after %s is a question of its own', (text, cls, expected) => {
    const u = read(text, { ids: [], class: cls as '4xx' });
    expect({ intent: u.intent, ...(expected.class ? { class: u.class } : {}) }).toMatchObject({
      intent: expected.intent,
      ...(expected.class ? { class: expected.class } : {}),
    });
    if (expected.codes) expect(u.codes.slice(0, expected.codes.length).sort()).toEqual(expected.codes);
  });
});

describe('whether to act on what was discussed: "can i raise the timeout" after a timeout', () => {
  test.each<[string, string]>([
    ['can i raise the timeout', '524-cloudflare'],
    ['can we raise the timeout', '504'],
    ['should i raise the timeout', '408'],
    ['should we bump the limit', '413'],
    ['can we increase the max body size', '413'],
    ['could we raise the quota', '429'],
  ])('%j after %s is about it', (text, id) => {
    expect(read(text, after(id))).toMatchObject({ intent: 'follow_up', ids: [id] });
  });

  test.each<[string, string, number]>([
    ['can i avoid getting throttled', '524-cloudflare', 429],
    ['can we stop getting a 404 on the logo', '413', 404],
  ])('%j after %s names a situation of another code: %d', (text, id, code) => {
    expect(read(text, after(id))).toMatchObject({ intent: 'lookup', codes: expect.arrayContaining([code]) });
  });
});

describe('a short wh-question ending on the thing discussed: "who uses that"', () => {
  test.each([
    'who uses that',
    'where is that set',
    'when did they add it',
    'where does it come from',
    'who decides to send it',
    'who even uses that code',
    'whats usually behind that',
    'wdym',
  ])('%j after a code asks more about it', (text) => {
    for (const id of ['451', '308', '103'])
      expect(read(text, after(id))).toMatchObject({ intent: 'follow_up', ids: [id] });
  });

  test.each(['who uses that', 'where is that set'])('%j with nothing before it asks what it is about', (text) => {
    expect(read(text, NO_CONTEXT)).toMatchObject({ intent: 'none', clarify: 'referent' });
  });

  test.each(['who uses redis', 'when was graphql invented'])('%j names a subject of its own', (text) => {
    expect(read(text, after('429')).intent).not.toBe('follow_up');
  });
});

describe('a yes-no question about what browsers and caches do asks more about the code, not for the caller steps', () => {
  const questions = [
    'does the browser cache it forever?',
    'do all browsers support it?',
    'can browsers cache them forever',
    'will the browser keep it',
    'teh first one, does the browser cache it?',
  ];
  test.each(questions)('%j after a code is more about it', (text) => {
    for (const id of ['301', '308', '304'])
      expect(read(text, after(id))).toMatchObject({ intent: 'follow_up', focus: 'more' });
  });

  test.each<[string, string]>([
    ['what should the browser do', 'client'],
    ['and in the browser?', 'client'],
    ['can the frontend do anything about it', 'client'],
    ['do i need to change the frontend', 'client'],
    ['should the client retry?', 'retry'],
    ['does nginx support sending it', 'server'],
  ])('%j asks for the %s part', (text, focus) => {
    expect(read(text, after('301'))).toMatchObject({ intent: 'follow_up', focus });
  });
});

describe("the user's side", () => {
  test.each<[string, 'client' | 'server']>([
    ['our nginx returns 413 on uploads', 'server'],
    ['my api returns 500 for some users', 'server'],
    ['we return 429 when they go over the quota', 'server'],
    ['the stripe api gives me 401', 'client'],
    ["i'm calling their api and get 403", 'client'],
    ['getting 502 in the browser', 'client'],
  ])('%j: the user is on the %s side', (text, side) => {
    expect(engine().understand(text).side).toBe(side);
  });

  it('"and for …?" after "which one?" asks which again, for the new situation', () => {
    expect(read('and for plain html pages?', { ids: ['301', '308'], focus: 'which' })).toMatchObject({
      intent: 'follow_up',
      focus: 'which',
      ids: ['301', '308'],
    });
  });

  it('is kept through the conversation, and a follow-up on the other side does not change it', () => {
    const u = read('and what should the frontend do?', { ids: ['413'], side: 'server' });
    expect(u).toMatchObject({ intent: 'follow_up', focus: 'client', side: 'server' });
  });
});

describe('the words that ask for a part name no new subject', () => {
  // "wait" and "long" ask about retrying here, though they also describe a gateway timeout.
  test.each([
    'how long do i wait',
    'do i need to wait before sending it again',
    'how long should we wait between attempts',
  ])('%j after a code asks about retrying it', (text) => {
    for (const id of ['429', '503', '500'])
      expect(read(text, after(id))).toMatchObject({ intent: 'follow_up', ids: [id], focus: 'retry' });
  });
  test.each(['now the gateway times out after waiting 60 seconds', 'the proxy waits forever and then gives up'])(
    '%j tells of another failure: 504',
    (text) => {
      for (const id of ['429', '401'])
        expect(read(text, after(id))).toMatchObject({ intent: 'lookup', codes: expect.arrayContaining([504]) });
    },
  );
});

describe('a yes-no question whose subject is the code discussed asks for more of it', () => {
  // "is it …", "does that …", "ok so is it …": the pronoun is the question's subject, so a word or two of its own say what is asked.
  const questions = [
    'is it ever used for real?',
    'does it happen a lot',
    'is that still used today',
    'ok so is it cached anywhere',
    'does that show up in access logs',
    'is this common in practice',
  ];
  test.each(questions.flatMap((q) => ['308', '418', '502', '429'].map((id) => [q, id] as const)))(
    '%j after %s',
    (text, id) => {
      const u = read(text, after(id));
      expect({ intent: u.intent, ids: u.ids, focus: u.focus }).toEqual({
        intent: 'follow_up',
        ids: [id],
        focus: 'more',
      });
    },
  );

  test.each(questions)('%j with nothing before it asks what "it" is', (text) => {
    expect(read(text, NO_CONTEXT)).toMatchObject({ intent: 'none', clarify: 'referent' });
  });

  test.each<[string, number]>([
    // Counter-examples: a code or a failure of its own is a new question.
    ['is it the same as a 504?', 504],
    ['does the checkout api keep returning 500 now', 500],
  ])('%j after 502 is about %i', (text, code) => {
    expect(read(text, after('502')).codes).toContain(code);
  });
});

describe('a yes-no question with a subject of its own and the code discussed as its object asks for more of it', () => {
  const questions = [
    'does google drop it from the index?',
    'do crawlers treat them differently',
    'does bing still list it',
    'does chrome show it to the user',
  ];
  test.each(questions.flatMap((q) => ['410', '301', '404'].map((id) => [q, id] as const)))(
    '%j after %s',
    (text, id) => {
      expect(read(text, after(id))).toMatchObject({ intent: 'follow_up', ids: [id], focus: 'more' });
    },
  );

  test.each<[string, number]>([
    // Counter-examples: a code of its own, or nothing to point back to.
    ['does google drop pages that return 500', 500],
    ['does the cdn cache a 404', 404],
  ])('%j after 410 is about %i', (text, code) => {
    expect(read(text, after('410')).codes).toContain(code);
  });
  test('with nothing before it, "does google drop it from the index?" names no status', () => {
    expect(read('does google drop it from the index?', NO_CONTEXT).codes).toEqual([]);
  });
});

describe('everyday asks that say whose part it is', () => {
  // What the user sends is the caller's part; what they change on the origin is the operator's; a use case is an
  // example; how to act on "it" is the fix.
  const asks: Array<[string, string]> = [
    ['what header do i need to send', 'client'],
    ['ok so what do i send', 'client'],
    ['what should my request include then', 'client'],
    ['what do we show the shopper', 'client'],
    ['what do i change on the origin', 'server'],
    ['anything to tweak at the origin?', 'server'],
    ['give me a real use case', 'example'],
    ['any use cases?', 'example'],
    ['how do i unlock it', 'fix'],
    ['how can we get past this', 'fix'],
    ['so how do i clear that', 'fix'],
  ];
  test.each(asks.flatMap(([q, focus]) => ['401', '423', '522', '402'].map((id) => [q, focus, id] as const)))(
    '%j is %s after %s',
    (text, focus, id) => {
      expect(read(text, after(id))).toMatchObject({ intent: 'follow_up', ids: [id], focus });
    },
  );

  test.each<[string, string]>([
    // Counter-examples: the server's own header is the operator's part; a sample of the response is an example.
    ['what header should the server send back', 'server'],
    ['show the response please', 'example'],
  ])('%j is %s', (text, focus) => {
    expect(read(text, after('429'))).toMatchObject({ intent: 'follow_up', focus });
  });
});

describe('after a comparison, "which one is my fault" asks whose fault it is', () => {
  test.each(['which one is my fault', 'which of them is on me', 'which is my bug'])('%j', (text) => {
    expect(read(text, after('408', '504'))).toMatchObject({ intent: 'follow_up', focus: 'fault' });
  });
  test('"which one should i use" still asks which', () => {
    expect(read('which one should i use', after('408', '504'))).toMatchObject({ intent: 'follow_up', focus: 'which' });
  });
});

describe('a yes-no question after an opening "lol" or "ok" is about what was discussed', () => {
  test.each(['lol is that real', 'ok is that normal', 'haha is it real', 'hmm does it happen a lot'])('%j', (text) => {
    expect(read(text, after('418'))).toMatchObject({ intent: 'follow_up', ids: ['418'], focus: 'more' });
  });
  test.each(['lol', 'ok', 'hmm ok'])('%j alone is no question', (text) => {
    expect(read(text, after('418')).intent).not.toBe('follow_up');
  });
});

describe('after a comparison, "which" with a situation that names one of the codes recommends that one', () => {
  test.each<[string[], string, string]>([
    [['409', '412'], 'which should i use for an etag mismatch', '412'],
    [['409', '412'], 'which one when the if-match precondition fails', '412'],
    [['502', '504'], 'my nginx error log says upstream timed out, which one is that', '504'],
    [['502', '504'], 'which one is it when the upstream sent an invalid response', '502'],
    [['401', '403'], 'which one for an expired token', '401'],
  ])('after %j: %j recommends %s', (ids, text, recommended) => {
    expect(read(text, after(...ids))).toMatchObject({ intent: 'follow_up', focus: 'which', ids, recommended });
  });

  test('a code outside the comparison is a question of its own', () => {
    expect(read('what about 428', after('409', '412'))).toMatchObject({ intent: 'lookup', codes: [428] });
  });
});

describe('a number of one or two digits in a conversation is no status: "why 29" after a 504 asks about its seconds', () => {
  test.each(['why 29', 'why 29?', 'and 30?', 'why 60 though'])('%j after 504 stays on 504', (text) => {
    const u = read(text, after('504'));
    expect({ intent: u.intent, ids: u.ids }).toEqual({ intent: 'follow_up', ids: ['504'] });
  });
  test.each<[string, number]>([
    ['what about 503', 503],
    ['and 429?', 429],
  ])('%j is a new lookup of %i', (text, code) => {
    expect(read(text, after('504'))).toMatchObject({ intent: 'lookup', codes: [code] });
  });
  test('with a status word, a short number is still asked about as a status: "error 99"', () => {
    expect(read('error 99', NO_CONTEXT)).toMatchObject({ intent: 'unknown_code', code: 99 });
  });
});

describe('short everyday asks after an answer: waiting is about retrying, how to act is the fix', () => {
  test.each<[string, string]>([
    ['so i wait 2 minutes?', 'retry'],
    ['so i just wait?', 'retry'],
    ['do i wait it out', 'retry'],
    ['how do i get access', 'fix'],
    ['how do i undo a bad one', 'fix'],
    ['ok how do we roll back', 'fix'],
  ])('%j is %s', (text, focus) => {
    for (const id of ['429', '403', '301'])
      expect(read(text, after(id))).toMatchObject({ intent: 'follow_up', ids: [id], focus });
  });

  test('with nothing before it, "how do i get access" asks what it is about', () => {
    expect(read('how do i get access', NO_CONTEXT).intent).toBe('none');
  });
});

describe('an acknowledgement opening a question is no status OK: "ok which one"', () => {
  test.each(['ok which one', 'okay which should i use', 'ok so which one'])(
    '%j after a comparison asks which',
    (text) => {
      expect(read(text, after('400', '422'))).toMatchObject({
        intent: 'follow_up',
        focus: 'which',
        ids: ['400', '422'],
      });
    },
  );
  test.each<[string, string]>([
    ['ok why does it happen', 'cause'],
    ['okay how do i fix it', 'fix'],
  ])('%j after a lookup asks for a part', (text, focus) => {
    for (const id of ['502', '429']) expect(read(text, after(id))).toMatchObject({ intent: 'follow_up', focus });
  });
  test.each(['ok', 'OK?', '200 ok what does it mean', 'what does ok mean'])('%j is not such an opening', (text) => {
    expect(read(text, NO_CONTEXT).intent).not.toBe('follow_up');
  });
});

describe('more everyday words for a part', () => {
  test.each<[string, string]>([
    ['first thing to check?', 'fix'],
    ['where do i start, what to check first', 'fix'],
    ['can users just hit refresh', 'retry'],
    ['what does the body usually say', 'example'],
    ['what does a response typically look like', 'example'],
    ['is that a problem on my server', 'fault'],
    ['is it a problem with our code', 'fault'],
  ])('%j is %s', (text, focus) => {
    for (const id of ['502', '409']) expect(read(text, after(id))).toMatchObject({ intent: 'follow_up', focus });
  });

  test('"whose" that describes a noun asks nobody\'s fault: after a comparison it is still "which"', () => {
    expect(read('so which one for a user whose role lacks access', after('401', '403'))).toMatchObject({
      intent: 'follow_up',
      focus: 'which',
    });
    expect(read('whose problem is that, ours or theirs', after('502'))).toMatchObject({ focus: 'fault' });
  });
});

describe('a correction names the code meant: a new lookup, not a comparison with the last', () => {
  const corrections = ["oh my bad, it's {n}", 'sorry i meant {n}', "oops wrong code, it's {n}", 'typo: {n}'];
  test.each(corrections.flatMap((c) => [203, 429, 504].map((n) => [c.replace('{n}', String(n)), n] as const)))(
    '%j after 502 is a lookup of %i',
    (text, code) => {
      expect(read(text, after('502'))).toMatchObject({ intent: 'lookup', codes: [code] });
    },
  );
  test.each(['how is it different from 504?', 'is 504 the same as it?'])('%j after 502 still compares', (text) => {
    expect(read(text, after('502')).intent).toBe('compare');
  });
});

describe('with nothing before it, a message that says what "this" or "that" is about is read on, not asked about', () => {
  test.each<[string, number]>([
    ["this endpoint isn't implemented on the server yet", 501],
    ["the server says that feature simply isn't implemented", 501],
    ['this upload is too large for the server', 413],
  ])('%j is about %i', (text, code) => {
    expect(read(text, NO_CONTEXT)).toMatchObject({ intent: 'lookup', codes: expect.arrayContaining([code]) });
  });
  test.each(['why does it happen', 'how do i fix it', 'does it apply to websockets too', 'is that normal?'])(
    '%j still asks what it refers to',
    (text) => {
      expect(read(text, NO_CONTEXT)).toMatchObject({ intent: 'none', clarify: 'referent' });
    },
  );
});

describe('more everyday words for the operator and for thanks', () => {
  test.each(['what setting do i bump on the alb', 'which settings do we change', 'what do i bump'])(
    '%j after 504 asks for the server side',
    (text) => {
      expect(read(text, after('504'))).toMatchObject({ intent: 'follow_up', focus: 'server' });
    },
  );
  test.each(['ok thanks a bunch', 'thanks a ton!', 'thanks a million'])('%j is a thank-you', (text) => {
    expect(read(text, after('504'))).toMatchObject({ intent: 'greeting', act: 'thanks' });
  });
});
