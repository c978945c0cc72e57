/**
 * Things said to the bot rather than asked (conversational-act.ts and its place in understand()): greetings, help,
 * "who are you", thanks, acknowledgements and goodbyes, each a greeting with its act and no code; and the messages
 * that only look like them (a question after the thanks, an everyday word that is a status name with a cue).
 */
import { engine } from './fixture';

const read = (text: string) => engine().understand(text);

describe('said to the bot: a greeting with its act, never a code', () => {
  test.each<[string, string]>([
    ['hi', 'hello'],
    ['Hi!', 'hello'],
    ['hello there', 'hello'],
    ['good morning', 'hello'],
    ['gm', 'hello'],
    ['gm all', 'hello'],
    ['hiya bot', 'hello'],
    ['yo', 'hello'],
    ['help', 'help'],
    ['what can you do?', 'help'],
    ['what can you do for me', 'help'],
    ['Hi, can you help me?', 'help'],
    ['what kind of questions can i ask you', 'help'],
    ['how do i use this bot', 'help'],
    ['who are you', 'about'],
    ['are you a bot?', 'about'],
    ['are you a bot or a person?', 'about'],
    ['is this ai', 'about'],
    ['how does this work', 'about'],
    ['who are you and what do you do', 'about'],
    ['thanks!', 'thanks'],
    ['thank you', 'thanks'],
    ['thank you so much!', 'thanks'],
    ['thank you so much, that fixed it', 'thanks'],
    ['cheers mate', 'thanks'],
    ['ok cheers', 'thanks'],
    ['ty', 'thanks'],
    ['much appreciated', 'thanks'],
    ['ok', 'ack'],
    ['OK', 'ack'],
    ['hmm ok', 'ack'],
    ['cool', 'ack'],
    ['got it', 'ack'],
    ['perfect, got it', 'ack'],
    ['makes sense', 'ack'],
    ['ah i see', 'ack'],
    ['that worked', 'ack'],
    ['yep', 'ack'],
    ['bye', 'bye'],
    ['ok bye', 'bye'],
    ['thanks, bye!', 'bye'],
    ['see you', 'bye'],
    ["that's all, thanks", 'bye'],
    ['👍', 'ack'],
    ['🙏', 'thanks'],
    ['👋', 'hello'],
    // A thank-you after what fixed it, even when the story names a code.
    ['sorted it, the proxy had the wrong upstream. thanks', 'thanks'],
    ['got it working, the env var was missing. cheers!', 'thanks'],
    ['fixed it, the 413 was the ingress annotation. thanks a lot', 'thanks'],
    ['thanks! it was the 401 from an expired key, works now', 'thanks'],
    ['ok never mind, thanks', 'thanks'],
    ['hello, anybody there?', 'hello'],
    ['can you help me understand http errors', 'help'],
    ['are you a human or a bot?', 'about'],
    ['the 503s went away after the restart, thanks', 'thanks'],
  ])('%j → %s', (text, act) => {
    const u = read(text);
    expect({ intent: u.intent, act: u.act, codes: u.codes }).toEqual({ intent: 'greeting', act, codes: [] });
  });
});

describe('an acknowledgement that opens a message of plans, in a conversation or not', () => {
  test.each([
    'understood, will look at the proxy',
    'got it, passing this to the infra team',
    'makes sense, checking the logs now',
    "ok got it. I'll tell the backend team.",
  ])('%j', (text) => {
    expect(engine().understand(text, { ids: ['502'] })).toMatchObject({ intent: 'greeting', act: 'ack' });
    expect(engine().understand(text)).toMatchObject({ intent: 'greeting', act: 'ack', codes: [] });
  });

  test.each([
    'got it, but the login page now fails',
    'thanks. the upload is still refused',
    'ok. now the api times out',
  ])('%j goes on to a failure: no act', (text) => {
    expect(engine().understand(text, { ids: ['502'] }).intent).not.toBe('greeting');
  });
});

describe('a thank-you or an acknowledgement in everyday idioms', () => {
  test.each<[string, string]>([
    ["thanks, that's what i needed", 'thanks'],
    ['that explains a lot, cheers', 'thanks'],
    ['cheers, that answers my question', 'thanks'],
    ['perfect, just what i needed', 'ack'],
    ['i get it now', 'ack'],
    ['ok that clears it up', 'ack'],
  ])('%j → %s, in a conversation or not', (text, act) => {
    for (const context of [undefined, { ids: ['429'] }])
      expect(engine().understand(text, context)).toMatchObject({ intent: 'greeting', act, codes: [] });
  });

  it('the same words around a code ask about the code', () => {
    expect(engine().understand('what i needed was the meaning of 404')).toMatchObject({
      intent: 'lookup',
      codes: [404],
    });
  });
});

describe('a greeting before words about the asker', () => {
  test.each(['hey there! quick one before my meeting', 'hi all, new to the team', 'hello! first time using this'])(
    '%j',
    (text) => {
      expect(engine().understand(text)).toMatchObject({ intent: 'greeting', codes: [] });
    },
  );

  test.each(['hi, my api returns 502', 'hello. the checkout times out since the deploy'])(
    '%j tells a failure: no greeting',
    (text) => {
      expect(engine().understand(text).intent).not.toBe('greeting');
    },
  );
});

describe('a thank-you with what it is for', () => {
  test.each([
    'thx a lot for explaining, very helpful',
    'thanks for the help with nginx',
    'many thanks for the quick answer',
    'cheers for that',
    'awesome, appreciate the help!',
  ])('%j', (text) => {
    expect(engine().understand(text)).toMatchObject({ intent: 'greeting', act: 'thanks', codes: [] });
  });

  test.each([
    ['thanks for explaining 502', 502],
    ['thanks, and what does 504 mean', 504],
  ] as const)('%j names a code: that is the question', (text, code) => {
    expect(engine().understand(text).codes[0]).toBe(code);
  });
});

describe('a question to the bot after a word about the asker', () => {
  const INTROS = [
    "hi! I'm on the support team, not a developer.",
    'hallo, my colleague said this bot explains error codes.',
    'new here, first day on call.',
    'a colleague just pasted this chat link in slack.',
  ];
  it('the question may come before another word about the asker', () => {
    expect(
      engine().understand(
        "hello, I'm new here. What do you do exactly? My manager said to ask you before opening tickets.",
      ),
    ).toMatchObject({ intent: 'greeting', act: 'help' });
  });

  const QUESTIONS: Array<[string, string]> = [
    ['What kind of questions can I ask you?', 'help'],
    ['how does it work?', 'about'],
    ['are you a bot?', 'about'],
    ['are you a bot or a person?', 'about'],
    ['what can you do?', 'help'],
  ];
  test.each(INTROS)('%j then a question about the bot', (intro) => {
    for (const [question, act] of QUESTIONS)
      expect(engine().understand(`${intro} ${question}`)).toMatchObject({ intent: 'greeting', act, codes: [] });
  });

  test.each([
    'our checkout throws bad gateway errors. what can you do?',
    'the api keeps saying too many requests. how does it work?',
    'getting 502 on login. what can you do?',
  ])('%j tells a failure first: that is the question', (text) => {
    expect(engine().understand(text).intent).toBe('lookup');
  });
});

describe('what only looks like it', () => {
  test.each<[string, string, number[]]>([
    // A question after the thanks is the question.
    ['thanks, and what about 504?', 'lookup', [504]],
    ['hi, what is 502', 'lookup', [502]],
    ['hello, my api returns 500', 'lookup', [500]],
    ['ok so what does 429 mean', 'lookup', [429]],
    // Everyday words that are status names count with a cue: alone, quoted, capitalised, after a status verb.
    ['gone', 'lookup', [410]],
    ['found?', 'lookup', [302]],
    ['what does conflict mean', 'lookup', [409]],
    ['the api returned "Accepted"', 'lookup', [202]],
    ['the server says Gone for the old endpoint', 'lookup', [410]],
    ['status OK but the body is empty', 'lookup', [200]],
    // A question after or before the thanks is the question.
    ['thanks, but the 502 is still there', 'lookup', [502]],
    ['thanks! and what is 504?', 'lookup', [504]],
    ['i ran 10k in 51 minutes, is that good', 'none', []],
    ['thanks for nothing, still getting 429 everywhere', 'lookup', [429]],
  ])('%j is %s %j', (text, intent, codes) => {
    const u = read(text);
    expect({ intent: u.intent, first: u.codes.slice(0, 1) }).toEqual({ intent, first: codes });
  });

  test.each<[string, number]>([
    ['ok the deploy is gone from the list', 410],
    ['i found the bug in my css', 302],
    ['we accepted the design', 202],
    ['please continue with the rollout', 100],
    ['the conflict with marketing is resolved', 409],
  ])('%j: an everyday word without a cue is not read as %i', (text, code) => {
    const u = read(text);
    expect(u.codes[0]).not.toBe(code);
    expect(u.via).not.toBe('name');
  });
});

describe('a question to the bot about what it can do, in any words', () => {
  // Openings × what is asked about × how the bot is addressed: all of them ask for help, whatever the order.
  const openings = ['what', 'so what', 'which', 'hey, what'];
  const asked = ['kinds of questions can i ask', 'sort of stuff can', 'types of codes do', 'errors do'];
  const addressed = ['you', 'u', 'this bot'];
  const verbs: Record<string, string> = {
    'kinds of questions can i ask': '',
    'sort of stuff can': ' help with',
    'types of codes do': ' cover',
    'errors do': ' know',
  };
  test.each(openings.flatMap((o) => asked.flatMap((a) => addressed.map((to) => `${o} ${a} ${to}${verbs[a]}`))))(
    '%j is help',
    (text) => {
      const u = read(text);
      expect({ intent: u.intent, act: u.act, codes: u.codes }).toEqual({ intent: 'greeting', act: 'help', codes: [] });
    },
  );

  test.each<[string, string]>([
    // Counter-examples: what the question is about is a status, a failure or something of its own.
    ['what do you know about 429', 'lookup'],
    ['can you explain cors errors', 'network_error'],
    ['what does it do', 'none'],
    ['do you know why the api times out?', 'lookup'],
  ])('%j is %s, not help', (text, intent) => {
    expect(read(text).intent).toBe(intent);
  });
});

describe('a goodbye with when', () => {
  test.each([
    'see you tomorrow',
    'ok bye, talk next week',
    'thanks again, see you monday',
    'bye for now',
    'later, gotta go',
    'see ya soon',
  ])('%j is bye', (text) => {
    expect(read(text)).toMatchObject({ intent: 'greeting', act: 'bye', codes: [] });
  });

  test.each<[string, number]>([
    ['see you tomorrow, the 502 is still there', 502],
    ['will the 503 be gone tomorrow?', 503],
  ])('%j still asks about %i', (text, code) => {
    expect(read(text).codes[0]).toBe(code);
  });
});

describe('an opening acknowledgement, then a question: the question is the message', () => {
  const openings = ['ok got it.', 'ok.', 'k.', 'thanks!', 'ugh fine,', 'cool cool.'];
  const questions = ['how do i fix it', 'what do i try', 'why does it happen?', 'is it my fault?'];
  test.each(openings.flatMap((o) => questions.map((q) => `${o} ${q}`)))('%j after a 403 follows up on it', (text) => {
    expect(engine().understand(text, { ids: ['403'] })).toMatchObject({ intent: 'follow_up', ids: ['403'] });
  });

  test.each([
    "ok got it. I'll tell the backend team.",
    'fixed, was a giant cookie header. thanks a lot',
    'thanks! that was it.',
  ])('%j tells, it asks nothing: an act', (text) => {
    expect(engine().understand(text, { ids: ['403'] }).intent).toBe('greeting');
  });
});
