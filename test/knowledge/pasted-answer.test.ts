/**
 * engine.ts + answer.ts + render-text.ts + cards: what a paste's headers and bodies say reaches the answer, on every
 * channel, first; its lines ask nothing ("Retry-After: 120" is no question about retrying). Time comes from `now`.
 */
import { answerCard } from '../../src/cards/answer-card';
import { PASTED_HEADING } from '../../src/knowledge/answer';
import { renderText } from '../../src/render/render-text';
import { engine } from './fixture';

const NOW = new Date('2026-12-06T10:40:00Z');
const ask = (text: string) => {
  const understanding = engine().understand(text);
  return { understanding, answer: engine().answer(understanding, NOW) };
};

/** A status line, then one header or body that changes the advice, as curl -i prints it. */
const PASTES: ReadonlyArray<[string, string, RegExp]> = [
  ['Retry-After in seconds', 'HTTP/1.1 429 Too Many Requests\nRetry-After: 120', /wait 2 minutes \(until 10:42 UTC\)/],
  [
    'Retry-After as a date',
    'HTTP/1.1 503 Service Unavailable\nRetry-After: Sun, 06 Dec 2026 11:00:00 GMT',
    /11:00 UTC/,
  ],
  [
    'an expired bearer token',
    'HTTP/2 401\nwww-authenticate: Bearer error="invalid_token", error_description="The access token expired"',
    /token has expired/,
  ],
  ['the methods a URL takes', 'HTTP/1.1 405 Method Not Allowed\nAllow: GET, HEAD', /GET or HEAD/],
  [
    'a problem+json body',
    'HTTP/1.1 422 Unprocessable Content\nContent-Type: application/problem+json\n\n{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":422,"detail":"Your balance is 30, but that costs 50."}',
    /You do not have enough credit/,
  ],
];

describe.each(PASTES)('%s', (_what, paste, says) => {
  const { understanding, answer } = ask(paste);

  test('is read, and told in the answer', () => {
    expect(understanding.facts?.length).toBeGreaterThan(0);
    expect(answer.pasted?.join(' ')).toMatch(says);
  });

  test("leads the text, and sits right under the card's heading", () => {
    expect(renderText(answer, 'plain').startsWith(`${PASTED_HEADING}:`)).toBe(true);
    // Under the heading and the line attached to it (spacing none), before the summary.
    const body = answerCard(answer).body;
    expect(JSON.stringify(body[body.findIndex((e, i) => i > 0 && e.spacing !== 'none')])).toContain(PASTED_HEADING);
  });

  test('its lines ask for no part of the answer', () => {
    expect(understanding.focus).toBe('overview');
  });
});

test('a question around the paste still asks: "how do I fix this?" before the headers', () => {
  expect(ask(`how do I fix this?\n${PASTES[0]?.[1]}`).understanding.focus).toBe('fix');
});

test('nothing read, nothing told: a plain question has no such block', () => {
  const { understanding, answer } = ask('what is 429');
  expect(understanding.facts).toBeUndefined();
  expect(answer.pasted).toBeUndefined();
  expect(renderText(answer, 'plain')).not.toContain(PASTED_HEADING);
});

test('a thank-you gets a thank-you, not a header read back', () => {
  const thanks = engine().understand('thanks, that was it');
  const facts = engine().understand(PASTES[0]?.[1] ?? '').facts;
  expect(thanks.intent).toBe('greeting');
  expect(engine().answer({ ...thanks, facts }, NOW).pasted).toBeUndefined();
});
