/**
 * The generated robustness suite: the plainest question, "what is N", in many wordings of our own (fragments,
 * imperatives, code first and last, punctuation, typos, capitals) × every code in the table, each a lookup of N; and
 * sentences about other things that carry numbers, none of which may name a code. Figures are printed per wording,
 * so a reader that fails a whole wording shows as one line, not as a hundred codes.
 */
import { engine } from './fixture';

/** `{N}` is the code. Our own wordings; none is copied from an evaluation set. */
const WORDINGS = [
  'what is {N}',
  "what's {N}",
  'whats {N}?',
  '{N}?',
  '{N}',
  'lookup {N}',
  'look up {N}',
  '{N} info',
  'about {N}',
  'summary of {N}',
  '{N} docs',
  'ELI5 {N}',
  '{N} overview',
  '{N} description',
  'explanation of {N}',
  'what happens on {N}',
  'explain {N}',
  'explain {N} please',
  'tell me about {N}',
  'what does {N} mean',
  'meaning of {N}',
  '{N} meaning',
  'define {N}',
  'HTTP {N}',
  'http status {N}',
  'status code {N}',
  'error {N}',
  'got a {N}',
  'getting {N} again',
  '{N} error?',
  'WHAT IS {N}',
  'waht is {N}',
  'wat does {N} mean',
  'quick q: {N}?',
  '{N} - what is that',
  'what is a {N} response',
  'can you explain {N} to me',
  '{N} pls',
  'status {N} explained',
  "what's the deal with {N}",
  'huh, {N}?',
  '{N}, what does it mean?',
  'i keep seeing {N}',
  'is {N} bad?',
  'the server said {N}',
  'short version of {N}',
  "couldn't figure out what {N} means",
  "isn't {N} something i should know?",
  'what dose {N} mean',
  'whta is {N}',
  '{N} = ?',
  '{N}=?',
];

/** Sentences about other things, with numbers (many of them known codes): none may be read as naming a code. */
const OUT_OF_SCOPE = [
  'bus 503 leaves at noon',
  'the meeting is in room 404',
  'flight 502 was cancelled this morning',
  "my order #404 hasn't shipped yet",
  'the model 451 printer is jammed',
  'it costs $503 a month',
  'the query took 503 ms',
  'the backup is 404 MB',
  'we have 500 employees in three offices',
  'I scored 401 points in the game',
  'read chapter 301 of the book',
  'process exited with status 143',
  'exit code 137 from the container, OOMKilled',
  'smtp error 554 5.7.1 relay denied',
  'postfix says 550 5.1.1 user unknown',
  'ftp 530 login incorrect',
  'SIP/2.0 486 Busy Here',
  'MSI error 1603 during install',
  'mysql error 1045 for user root',
  'cuda error 700 on the second kernel launch',
  'version 2.4.1 released yesterday',
  'port 443 is open on the firewall',
  '404 divided by 2',
  'what is the square root of 401',
  'it happened at 10:45 on 2025-03-14',
  'I need 200 grams of flour',
  'the 101 freeway is jammed',
  'temperature reached 104 degrees',
  'apartment 204 needs a plumber',
  'tickets for row 302 please',
  '503 days until retirement',
  'he ran 400 metres in 52 seconds',
  'gcc exited with status 1 after make',
  'we sold 429 units last quarter',
  'the retro is in room 502 on the 3rd floor',
  'we have a $404 budget for the team offsite',
  'the new disk does 520 MB/s sequential',
  'should the container listen on 443 or 8443',
  'we got 503 new signups this week',
  'the deploy took 502 seconds on monday vs 410 today',
  'my train ICE 503 is late again',
  'the ws connection closed with code 1011',
  'ldap error code 49 on the bind',
  'postgres sqlstate 23505 on insert',
];

/** Questions about how to do something in the web's world, with nothing that went wrong: none names a code. */
const HOW_TO = [
  'how do i set up traefik in front of three services',
  'which http library should i use in go',
  'how can i write integration tests for my flask api',
  'grpc vs rest, which is better for internal services',
  'write me a limerick about load balancers',
  'what is an ingress controller',
  'how do i deploy a django app behind nginx',
  // A goal is no event: "I need to send …", "I want to pick …".
  'How do I set a custom header in axios? I need to send X-Tenant-Id on every request.',
  'which is better for async python, requests or httpx? I want to pick one for the new service.',
  'should I upgrade from node 18.20.4 to 20.11.1',
];

describe('"what is N" in many wordings × every code', () => {
  const codes = engine().table.codes;
  const byWording = new Map<string, string[]>();
  let total = 0;
  let right = 0;
  for (const wording of WORDINGS) {
    const misses: string[] = [];
    for (const code of codes) {
      const text = wording.replace('{N}', String(code));
      const u = engine().understand(text);
      total++;
      if (u.intent === 'lookup' && u.codes[0] === code) right++;
      else misses.push(`${code} → ${u.intent} ${u.codes.join(',')}`);
    }
    byWording.set(wording, misses);
  }

  afterAll(() => {
    const rows = [...byWording.entries()]
      .filter(([, m]) => m.length)
      .map(([w, m]) => `  ${JSON.stringify(w).padEnd(34)} ${m.length} missed: ${m.slice(0, 4).join('; ')}`);
    process.stdout.write(
      `\nRobustness, "what is N": ${right}/${total} = ${((100 * right) / total).toFixed(2)}% over ${WORDINGS.length} wordings × ${codes.length} codes\n${rows.join('\n')}\n`,
    );
  });

  it('has at least 40 wordings and covers every code in the table', () => {
    expect(WORDINGS.length).toBeGreaterThanOrEqual(40);
    expect(codes.length).toBe(new Set(engine().table.entries.map((e) => e.code)).size);
  });

  it('reads at least 99.5% of them as a lookup of N', () => {
    expect(right / total).toBeGreaterThanOrEqual(0.995);
  });
});

describe('how-to questions name no code, while a how-to about a failure is that failure', () => {
  test.each(HOW_TO)('%j names no code', (text) => {
    expect(engine().understand(text).codes).toEqual([]);
  });

  test.each<[string, number]>([
    ['how do i stop getting rate limited by the github api', 429],
    ['how can i fix the gateway timing out on long exports', 504],
    ['what is the best way to handle expired tokens from the api', 401],
  ])('%j is about %i', (text, code) => {
    expect(engine().understand(text)).toMatchObject({ intent: 'lookup', codes: expect.arrayContaining([code]) });
  });
});

describe('sentences about other things, with numbers', () => {
  it('has at least 30 of them', () => {
    expect(OUT_OF_SCOPE.length).toBeGreaterThanOrEqual(30);
  });

  it.each(OUT_OF_SCOPE)('%j names no code', (text) => {
    const u = engine().understand(text);
    expect({ intent: u.intent, codes: u.codes }).toEqual({ intent: 'none', codes: [] });
  });
});

/** Single-word status names, each in everyday sentences and in sentences about the web. */
const ONE_WORD_NAMES: ReadonlyArray<[string, number]> = [
  ['forbidden', 403],
  ['unauthorized', 401],
  ['gone', 410],
  ['locked', 423],
  ['conflict', 409],
  ['accepted', 202],
  ['created', 201],
];

describe('a status name used as an everyday word names no code; said of the web, it does', () => {
  const everyday = [
    'pets are {name} in the building',
    'the door at the back is {name}',
    'honestly my evening is {name} now',
    'in our house, phones at dinner are {name}',
    'the parking spot behind the office is {name} on fridays',
  ];
  const ofTheWeb = [
    'the admin page says {name}',
    'our api returned {name} for the upload',
    'i keep getting {name} from the server',
  ];
  test.each(ONE_WORD_NAMES)('%s in everyday sentences: no code', (name) => {
    for (const template of everyday) expect(engine().understand(template.replace('{name}', name)).codes).toEqual([]);
  });
  test.each(ONE_WORD_NAMES)('%s said of the web: a lookup of %i', (name, code) => {
    for (const template of ofTheWeb)
      expect(engine().understand(template.replace('{name}', name))).toMatchObject({
        intent: 'lookup',
        codes: expect.arrayContaining([code]),
      });
  });
});

describe('things named without anything that happened are asked about, not matched', () => {
  const named = [
    'is TLS 1.2 or 1.3 better for our api',
    'HTTP/2 vs HTTP/3 for a cdn',
    'we run python 3.11 and django 4.2 behind nginx',
    'our stack: node 20, express, postgres, redis cache',
    'which cdn do you like for a static site',
  ];
  test.each(named)('%j names no code', (text) => {
    expect(engine().understand(text)).toMatchObject({ intent: 'none', codes: [] });
  });
  // The same things with something that happened to them.
  test.each<[string, number]>([
    ['our api behind the cdn keeps timing out at 60 seconds', 504],
    ['django behind nginx refuses big uploads', 413],
    ['node express api says too many requests', 429],
  ])('%j is about %i', (text, code) => {
    expect(engine().understand(text)).toMatchObject({ intent: 'lookup', codes: expect.arrayContaining([code]) });
  });
});

describe('a class asked as the hundreds, in digits or in words; the same hundreds counted are codes', () => {
  const CLASSES: ReadonlyArray<[string, string]> = [
    ['1', 'one'],
    ['2', 'two'],
    ['3', 'three'],
    ['4', 'four'],
    ['5', 'five'],
  ];
  test.each(CLASSES)('%s00s as a class', (d, word) => {
    for (const text of [
      `the ${d}00s in general?`,
      `what are the ${d}00s`,
      `the ${d}00s generally, what do they mean`,
      `${word} hundred series, what are they`,
      `the ${word} hundred range`,
    ]) {
      expect({ text, ...engine().understand(text) }).toMatchObject({ text, intent: 'class', class: `${d}xx` });
    }
  });
  test.each(CLASSES.slice(1))('%s00s counted or seen are no class', (d, word) => {
    for (const text of [
      `getting lots of ${d}00s`,
      `what are these ${d}00s in my log`,
      `we had ${word} hundred errors yesterday`,
    ]) {
      expect({ text, intent: engine().understand(text).intent }).not.toEqual({ text, intent: 'class' });
    }
  });
});
