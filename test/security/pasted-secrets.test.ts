/**
 * Credentials in what users paste (issue 13, item 9), against the running server over HTTP: the answer still answers
 * what was asked and says in one line that the paste holds a credential, in Web Chat's card and text, in Teams' card
 * and in /api/explain's Markdown; and nothing the server keeps or writes (the "unanswered" list of GET /api/stats,
 * the debug log of message texts) holds the credential. The bot logs at debug, so the log is checked, not assumed.
 */
import { botForThisFile } from '../support/bot-in-process';
import { sendActivity, visibleText, type Activity } from '../support/channel-client';

jest.setTimeout(30_000);

const bot = botForThisFile({ LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '10000' });

// Made up, in real shapes.
const JWT =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJhZGEiLCJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const AWS_KEY_ID = 'AKIAZ7Q3M4N5P6R7S8T9';
const PASSWORD = 'hunter2-Xq9';
const CURL = [
  '$ curl -v https://api.example.com/v1/orders',
  '> GET /v1/orders HTTP/1.1',
  '> Host: api.example.com',
  `> Authorization: Bearer ${JWT}`,
  '> Accept: */*',
  '>',
  '< HTTP/1.1 401 Unauthorized',
  '< WWW-Authenticate: Bearer error="invalid_token"',
].join('\n');
/** A message the bot cannot place, so it is kept in the "unanswered" list. */
const UNPLACED = `here is my key ${AWS_KEY_ID} and db password=${PASSWORD}`;

const cardOf = (a: Activity | undefined) =>
  a?.attachments?.find((x) => x.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
const secretsIn = (text: string) =>
  [JWT.slice(0, 40), JWT.slice(-20), AWS_KEY_ID, PASSWORD].filter((s) => text.includes(s));

async function stats(): Promise<{ unanswered: { recent: Array<{ text: string }> } }> {
  return (await fetch(`${bot.url}/api/stats`)).json() as never;
}

/** The debug log's "message text" lines (written during the turn, before its reply). */
const loggedTexts = () =>
  bot.logs.flatMap((l) => (typeof l === 'object' && l.msg === 'message text' ? [String(l.text)] : []));

describe('a paste with a credential is answered, with a warning in every channel', () => {
  test('Web Chat style: a curl -v with a bearer JWT is answered as 401, and the card and text say the token is exposed', async () => {
    const { status, activities } = await sendActivity(bot.url, 'secrets-webchat', { text: CURL }, 'webchat');
    expect(status).toBe(200);
    const reply = activities[0] as Activity;
    expect(reply.text?.split('\n')[0]).toBe(
      '**Your message contains what looks like a bearer token; consider it exposed and rotate it.**',
    );
    expect(JSON.stringify((cardOf(reply)?.body as unknown[])[0])).toContain(
      'what looks like a bearer token; consider it exposed and rotate it.',
    );
    expect(visibleText(activities)).toMatch(/401 Unauthorized/);
    expect(secretsIn(JSON.stringify(activities))).toEqual([]);
  });

  test('Teams: the card alone, warning first, and the notification line is the warning', async () => {
    const conversation = { id: 'a:1secrets-teams', conversationType: 'personal', tenantId: 't' };
    const { status, activities } = await sendActivity(
      bot.url,
      conversation.id,
      { text: CURL, conversation, channelData: { tenant: { id: 't' } } },
      'msteams',
    );
    expect(status).toBe(200);
    const reply = activities[0] as Activity;
    expect(reply.text).toBeUndefined();
    expect(reply.summary).toMatch(/^Your message contains what looks like a bearer token/);
    expect(JSON.stringify((cardOf(reply)?.body as unknown[])[0])).toContain('consider it exposed and rotate it');
    expect(visibleText(activities)).toMatch(/401 Unauthorized/);
    expect(secretsIn(JSON.stringify(activities))).toEqual([]);
  });

  test('/api/explain: the answer model names the kinds, the Markdown starts with the warning', async () => {
    const res = await fetch(`${bot.url}/api/explain`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: CURL }),
    });
    const body = (await res.json()) as {
      understanding: { codes: number[]; secrets?: string[] };
      answer: { exposed?: { kinds: string[] } };
      markdown: string;
    };
    expect(res.status).toBe(200);
    expect(body.understanding.codes[0]).toBe(401);
    expect(body.understanding.secrets).toEqual(['bearer-token']);
    expect(body.answer.exposed?.kinds).toEqual(['bearer-token']);
    expect(body.markdown.split('\n')[0]).toMatch(/^\*\*Your message contains what looks like a bearer token;/);
  });

  test('a message without a credential gets no warning', async () => {
    const { activities } = await sendActivity(
      bot.url,
      'secrets-none',
      { text: CURL.replace(JWT, '$TOKEN') },
      'webchat',
    );
    expect(visibleText(activities)).toMatch(/401 Unauthorized/);
    expect(visibleText(activities)).not.toMatch(/consider (it|them) exposed/);
  });
});

describe('what the server keeps holds no credential', () => {
  test('an unplaced paste goes to the "unanswered" list of /api/stats redacted, and its reply warns', async () => {
    const { activities } = await sendActivity(bot.url, 'secrets-unanswered', { text: UNPLACED }, 'webchat');
    expect(visibleText(activities)).toMatch(
      /what looks like an AWS access key ID and a password; consider them exposed/,
    );
    const kept = (await stats()).unanswered.recent.map((r) => r.text);
    expect(kept).toContain('here is my key [redacted] and db password=[redacted]');
    expect(secretsIn(JSON.stringify(await stats()))).toEqual([]);
  });

  test('/api/explain keeps an unplaced paste redacted too', async () => {
    const res = await fetch(`${bot.url}/api/explain`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: `api ${UNPLACED}` }),
    });
    expect(res.status).toBe(200);
    const kept = (await stats()).unanswered.recent.map((r) => r.text);
    expect(kept).toContain('api here is my key [redacted] and db password=[redacted]');
    expect(secretsIn(JSON.stringify(await stats()))).toEqual([]);
  });

  test('the debug log of message texts is redacted, and no log line holds a credential', async () => {
    const texts = loggedTexts();
    expect(texts.length).toBeGreaterThanOrEqual(4);
    expect(texts).toContain(`here is my key [redacted] and db password=[redacted]`);
    expect(texts.some((t) => t.includes('> Authorization: Bearer [redacted]'))).toBe(true);
    expect(secretsIn(bot.logs.map((l) => JSON.stringify(l)).join('\n'))).toEqual([]);
  });
});
