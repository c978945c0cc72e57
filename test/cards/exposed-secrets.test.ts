/**
 * A message that holds a credential gets an answer that says so first, in every rendering: the answer model
 * (`exposed`), the Markdown and plain text (Web Chat's text, /api/explain, the CLI), the Adaptive Card (Web Chat,
 * Teams) and the bot's reply activities, including the short replies in kind and "did you mean". The same
 * messages without the credential get no warning, and the warning never repeats the secret.
 */
import { answerActivity, didYouMeanActivity } from '../../src/bot/card-replies';
import { answerCard } from '../../src/cards/answer-card';
import { didYouMeanCard } from '../../src/cards/did-you-mean-card';
import { entryRef, type Answer } from '../../src/knowledge/answer';
import { secretWarning } from '../../src/knowledge/secret-warning';
import { StatusEngine } from '../../src/knowledge/engine';
import { renderText } from '../../src/render/render-text';
import { cardProblems, visibleText } from './card-check';
import { engine } from './engine-fixture';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const GHP = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';

/** [what it is, the message with a secret, the same without it, the intent, the warning's kinds]. */
const MESSAGES: Array<[string, string, string, Answer['intent'], string]> = [
  [
    'a lookup',
    `what is 401? Authorization: Bearer ${JWT}`,
    'what is 401? Authorization: Bearer $TOKEN',
    'lookup',
    'a bearer token',
  ],
  ['a comparison', '401 vs 403 with api_key=f3e2d1c0b9a8', '401 vs 403 with api_key=$KEY', 'compare', 'an API key'],
  ['a class', 'what are 5xx errors? password=hunter2', 'what are 5xx errors? password=****', 'class', 'a password'],
  ['an unknown code', 'what is 299 token=a1b2c3d4e5f6', 'what is 299 token=<token>', 'unknown_code', 'an access token'],
  [
    'a network error',
    'ECONNREFUSED connecting to postgres://app:q7Wc9Zx2@db.internal:5432/orders',
    'ECONNREFUSED connecting to postgres://app@db.internal:5432/orders',
    'network_error',
    'a password in a URL',
  ],
  [
    'a triage',
    'GET /a?token=a1b2c3d4e5f6 HTTP/1.1" 502 10\nGET /a?token=a1b2c3d4e5f6 HTTP/1.1" 502 10\nGET /b HTTP/1.1" 200 10',
    'GET /a HTTP/1.1" 502 10\nGET /a HTTP/1.1" 502 10\nGET /b HTTP/1.1" 200 10',
    'triage',
    'an access token',
  ],
  ['a thank-you', `thanks! ${GHP} works now`, 'thanks! the token works now', 'greeting', 'a GitHub token'],
  [
    'a message the bot cannot place',
    'here is my key AKIAZ7Q3M4N5P6R7S8T9',
    'here is my key',
    'none',
    'an AWS access key ID',
  ],
  [
    'several at once',
    `> authorization: Bearer ${JWT}\n> cookie: sid=77a1b2c3d4\n< HTTP/2 403`,
    '> authorization: Bearer [redacted]\n> cookie: (none)\n< HTTP/2 403',
    'lookup',
    'a bearer token and a cookie',
  ],
];

describe('the warning is composed from data/secrets.json', () => {
  test.each<[string[], RegExp]>([
    [['bearer-token'], /^Your message contains what looks like a bearer token; consider it exposed and rotate it\.$/],
    [
      ['bearer-token', 'cookie'],
      /what looks like a bearer token and a cookie; consider them exposed and rotate them\.$/,
    ],
    [['github-token', 'cookie', 'api-key'], /what looks like a GitHub token, a cookie and an API key; consider them/],
  ])('%j', (kinds, wording) => {
    expect(secretWarning(engine().data.secretWords, kinds as never)).toMatch(wording);
  });
});

describe('every rendering of the answer starts with the warning', () => {
  test.each(MESSAGES)('%s', (_what, text, _clean, intent, kinds) => {
    const { answer } = engine().ask(text);
    expect(answer.intent).toBe(intent);
    const warning = answer.exposed?.warning ?? '';
    expect(warning).toContain(`what looks like ${kinds};`);

    expect(renderText(answer, 'plain').split('\n')[0]).toBe(warning);
    expect(renderText(answer, 'markdown').split('\n')[0]).toBe(`**${warning}**`);

    const card = answerCard(answer, { feedback: true, detailsCollapsed: true });
    expect(cardProblems(card)).toEqual([]);
    expect(card.body[0]).toMatchObject({
      type: 'Container',
      style: 'attention',
      items: [{ type: 'TextBlock', text: warning }],
    });
    expect(card.fallbackText.startsWith(warning)).toBe(true);

    const activity = answerActivity(answer);
    expect(activity.text?.includes(warning)).toBe(true);
    for (const shown of [renderText(answer, 'plain'), JSON.stringify(card), JSON.stringify(activity)]) {
      expect(shown).not.toContain('a1b2c3d4e5f6');
      expect(shown).not.toContain(JWT.slice(0, 30));
      expect(shown).not.toContain(GHP);
    }
  });

  test.each(MESSAGES)('%s, without the secret: no warning', (_what, _text, clean, intent) => {
    const { understanding, answer } = engine().ask(clean);
    expect(answer.intent).toBe(intent);
    expect(understanding.secrets).toBeUndefined();
    expect(answer.exposed).toBeUndefined();
    expect(renderText(answer, 'plain')).not.toMatch(/consider (it|them) exposed/);
    expect(JSON.stringify(answerActivity(answer))).not.toMatch(/consider (it|them) exposed/);
  });

  test('"did you mean" asks with the warning on top', () => {
    const { answer } = engine().ask('it fails with X-Api-Key: 9f8e7d6c5b4a3928');
    expect(answer.intent === 'lookup' && answer.unsure).toBe(true);
    if (answer.intent !== 'lookup') return;
    const candidates = [entryRef(engine().table, answer.entry.id), ...answer.alternatives];
    const activity = didYouMeanActivity(candidates, answer.exposed);
    const warning = answer.exposed?.warning ?? '';
    expect(warning).toContain('an API key');
    expect(activity.text?.startsWith(warning)).toBe(true);
    const card = didYouMeanCard(candidates, answer.exposed);
    expect(cardProblems(card)).toEqual([]);
    expect(visibleText(card).startsWith(warning)).toBe(true);
    expect(card.fallbackText.startsWith(warning)).toBe(true);
    expect(JSON.stringify(activity)).not.toContain('9f8e7d6c5b4a3928');
    expect(JSON.stringify(didYouMeanActivity(candidates))).not.toContain(warning);
  });
});

describe('the engine does not remember a message with a secret', () => {
  test('a short message with a credential is read afresh each time; the same without it is remembered', () => {
    const e = new StatusEngine(engine().data);
    const withSecret = `what is 401 ${GHP}`;
    expect(e.understand(withSecret)).not.toBe(e.understand(withSecret));
    expect(e.understood.size).toBe(0);
    expect(e.understand('what is 401')).toBe(e.understand('what is 401'));
    expect(e.understood.size).toBe(1);
  });
});
