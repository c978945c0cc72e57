/**
 * render/render-text.ts: an Answer as markdown (chat) or plain text (terminal). Every intent renders non-empty
 * text that names its code(s) with the current name; plain text carries no markdown emphasis.
 */
import { EXAMPLE_QUESTIONS, UNKNOWN_CODE_RULE, type Answer } from '../../src/knowledge/answer';
import { understandingOf, type Understanding } from '../../src/knowledge/understanding';
import { renderText } from '../../src/render/render-text';
import { engine } from './fixture';

const table = () => engine().table;
const answerFor = (text: string): Answer => engine().ask(text).answer;
const compose = (u: Partial<Understanding> & Pick<Understanding, 'intent'>) =>
  engine().answer(understandingOf({ confidence: 0.9, ...u }));

const accessLog = [
  '10.0.0.1 - - [27/Apr/2025:10:00:01 +0000] "GET /api/orders HTTP/1.1" 502 166 "-" "curl/8.5.0"',
  '10.0.0.2 - - [27/Apr/2025:10:00:02 +0000] "GET /api/orders HTTP/1.1" 200 5120 "-" "curl/8.5.0"',
  '10.0.0.3 - - [27/Apr/2025:10:00:03 +0000] "POST /api/login HTTP/1.1" 502 166 "-" "okhttp/4.12.0"',
  '10.0.0.4 - - [27/Apr/2025:10:00:04 +0000] "GET /health HTTP/1.1" 504 404 "-" "kube-probe/1.29"',
].join('\n');

describe('every intent renders text that names the code and its current name', () => {
  test.each<[string, string, string[]]>([
    // [message, intent, strings the reply must contain in both styles]
    ['what is 502', 'lookup', ['502 Bad Gateway', '5xx server error']],
    ['what is 413', 'lookup', ['413 Content Too Large', 'Also known as: Payload Too Large, Request Entity Too Large']],
    ['unprocessable entity', 'lookup', ['422 Unprocessable Content', 'Unprocessable Entity']],
    ["i'm a teapot", 'lookup', ['418 (Unused)', 'unused in the IANA registry', "I'm a teapot"]],
    ['what is 104', 'lookup', ['104 Upload Resumption Supported', 'temporary in the IANA registry']],
    ['what is 510', 'lookup', ['510 Not Extended', 'obsolete in the IANA registry']],
    [
      'nginx 499',
      'lookup',
      [
        '499 Client Closed Request (nginx)',
        'vendor code, not in the IANA registry',
        '499 Token Required (Esri ArcGIS)',
      ],
    ],
    ['cloudflare 522', 'lookup', ['522 Connection timed out (Cloudflare)']],
    ['401 vs 403', 'compare', ['401 Unauthorized vs 403 Forbidden\n403 Forbidden, unlike 401: ']],
    [
      '502 vs 503 vs 504',
      'compare',
      ['502 Bad Gateway vs 503 Service Unavailable vs 504 Gateway Timeout\n', 'Other differences:', ' → '],
    ],
    ['unauthorized vs forbidden', 'compare', ['401 Unauthorized', '403 Forbidden']],
    [
      'what are 5xx errors',
      'class',
      [
        '5xx: Server error',
        'Codes in 5xx:',
        '- 500 Internal Server Error',
        '- 504 Gateway Timeout',
        '- 520 Web server returns an unknown error (Cloudflare)',
      ],
    ],
    ['4xx errors', 'class', ['4xx: Client error', '- 413 Content Too Large', '- 418 (Unused)']],
    ['code 298', 'unknown_code', ['298 is not a status code I know', 'RFC 9110 §15', '200 OK']],
    [
      'status 471',
      'unknown_code',
      ['471 is not a status code I know', 'read it as', '400 Bad Request', 'client error'],
    ],
    ['error 601', 'unknown_code', ['601 is not an HTTP status code', 'from 100 to 599']],
    [
      accessLog,
      'triage',
      [
        'Triage of 4 responses',
        '- 502 Bad Gateway: 2 (50%)',
        '- 200 OK: 1 (25%)',
        '- 504 Gateway Timeout: 1 (25%)',
        'Next steps for 502:',
      ],
    ],
    ['hi', 'greeting', ["Hi, I'm StatusBot", ...EXAMPLE_QUESTIONS.map((q) => `"${q}"`)]],
    ["what's the capital of france", 'none', ["couldn't find one", ...EXAMPLE_QUESTIONS.map((q) => `"${q}"`)]],
  ])('%j (%s)', (text, intent, mustContain) => {
    const answer = answerFor(text);
    expect(answer.intent).toBe(intent);
    for (const style of ['markdown', 'plain'] as const) {
      const out = renderText(answer, style);
      expect(out.trim().length).toBeGreaterThan(40);
      // The same words in both styles; markdown only adds ** around some of them.
      for (const s of mustContain) expect(out.replace(/\*\*/g, '')).toContain(s);
      expect(out).toBe(out.trim());
      expect(out).not.toMatch(/\[object Object\]|\bNaN\b|: undefined|\(undefined\)|^undefined/m);
    }
  });
});

describe('every code in the table renders with its current name', () => {
  test('for each entry id: lookup renders "<code> <name>" in both styles', () => {
    const missing: string[] = [];
    for (const entry of table().entries) {
      const answer = compose({ intent: 'lookup', codes: [entry.code], ids: [entry.id] });
      for (const style of ['markdown', 'plain'] as const) {
        const out = renderText(answer, style);
        if (!out.includes(`${entry.code} ${entry.name}`) || !out.includes(entry.summary))
          missing.push(`${entry.id} (${style})`);
      }
    }
    expect(missing).toEqual([]);
  });

  test('every class renders its name and every code of it', () => {
    for (const cls of ['1xx', '2xx', '3xx', '4xx', '5xx'] as const) {
      const out = renderText(compose({ intent: 'class', class: cls }), 'plain');
      for (const e of table().codesInClass(cls)) expect(out).toContain(`- ${e.code} ${e.name}`);
    }
  });
});

describe('markdown versus plain', () => {
  test.each<[string]>([['what is 502'], ['401 vs 403'], ['5xx'], ['code 298'], [accessLog]])(
    '%j: markdown bolds, plain has no **',
    (text) => {
      const answer = answerFor(text);
      const md = renderText(answer, 'markdown');
      const plain = renderText(answer, 'plain');
      expect(md).toContain('**');
      expect(plain).not.toContain('**');
      // Same words, only the emphasis differs.
      expect(md.replace(/\*\*/g, '')).toBe(plain);
    },
  );

  test('markdown is the default style', () => {
    const answer = answerFor('what is 502');
    expect(renderText(answer)).toBe(renderText(answer, 'markdown'));
  });

  test.each<[string, string]>([
    ['what is 502', '**502 Bad Gateway**'],
    ['401 vs 403', '**401 Unauthorized vs 403 Forbidden**'],
    ['5xx', '**5xx: Server error**'],
    ['code 298', '**298** is not a status code I know'],
    ['error 601', '**601** is not an HTTP status code'],
  ])('%j → markdown contains %j', (text, bold) => {
    expect(renderText(answerFor(text), 'markdown')).toContain(bold);
  });
});

describe('unknown codes explain the x00 rule', () => {
  test.each<[number, string, string]>([
    [471, '400 Bad Request', 'client error'],
    [298, '200 OK', 'success'],
    [309, '300 Multiple Choices', 'redirection'],
    [555, '500 Internal Server Error', 'server error'],
    [199, '100 Continue', 'informational'],
  ])('%i is read as %s (%s)', (code, treatedAs, className) => {
    const out = renderText(compose({ intent: 'unknown_code', code }), 'plain');
    expect(out).toContain(`${code} is not a status code I know`);
    expect(out).toContain(
      `HTTP's rule (${UNKNOWN_CODE_RULE.label}): a client that does not recognise a status treats it like the x00 of its class, so read it as ${treatedAs} (${className}).`,
    );
    expect(out).toContain(table().entry(treatedAs.split(' ')[0]!)!.summary);
  });

  test.each<[number]>([[601], [99], [1000]])('%i is out of range: no x00 rule, says 100 to 599', (code) => {
    const out = renderText(compose({ intent: 'unknown_code', code }), 'plain');
    expect(out).toContain(`${code} is not an HTTP status code: HTTP statuses are three digits, from 100 to 599.`);
    expect(out).not.toContain('x00');
  });

  test('nearby codes are offered as "Did you mean"', () => {
    expect(renderText(compose({ intent: 'unknown_code', code: 471 }), 'plain')).toContain(
      'Did you mean 401 Unauthorized, 421 Misdirected Request, 431 Request Header Fields Too Large, 451 Unavailable For Legal Reasons?',
    );
  });
});

describe('details', () => {
  test('an unsure lookup asks "I think you mean … but it could also be …" first', () => {
    const answer = compose({
      intent: 'lookup',
      codes: [429, 503],
      ids: ['429'],
      confidence: 0.4,
      alternatives: [{ id: '503', code: 503, score: 0.5, via: 'symptom' }],
    });
    expect(renderText(answer, 'plain').split('\n')[0]).toBe(
      'I think you mean 429 Too Many Requests, but it could also be 503 Service Unavailable.',
    );
  });

  test('a sure lookup with alternatives ends with "Not what you meant?"', () => {
    const answer = compose({
      intent: 'lookup',
      codes: [429, 503],
      ids: ['429'],
      confidence: 0.9,
      alternatives: [{ id: '503', code: 503, score: 0.5, via: 'code' }],
    });
    expect(renderText(answer, 'plain')).toContain('Not what you meant? Maybe 503 Service Unavailable.');
  });

  test('lookup lists the retry advice and the references', () => {
    const out = renderText(answerFor('what is 429'), 'plain');
    const e = table().entry('429')!;
    expect(out).toContain(`Retry: Retry later. ${e.retry.advice}`);
    for (const r of e.references) expect(out).toContain(`${r.label} <${r.url}>`);
  });

  test('the truncation note closes the reply', () => {
    const text = 'what is 502 ' + 'lorem ipsum '.repeat(1_000);
    const out = renderText(answerFor(text), 'plain');
    expect(out.endsWith('Note: Your message was longer than 10,000 characters; I read only the first 10,000.')).toBe(
      true,
    );
  });

  test('an all-success triage says nothing failed and shows no next steps', () => {
    const out = renderText(compose({ intent: 'triage', counts: [{ code: 200, count: 3, id: '200' }] }), 'plain');
    expect(out).toContain('All 3 responses are successes or redirects; nothing here failed.');
    expect(out).not.toContain('Next steps');
  });

  test('a triage count without an entry renders as "(unknown)"', () => {
    const out = renderText(
      compose({
        intent: 'triage',
        counts: [
          { code: 502, count: 1, id: '502' },
          { code: 299, count: 1 },
        ],
      }),
      'plain',
    );
    expect(out).toContain('- 299 (unknown): 1 (50%)');
  });
});
