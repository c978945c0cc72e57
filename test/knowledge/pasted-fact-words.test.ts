/**
 * pasted-fact-words.ts: the facts of a paste told in one sentence each, in the words of data/pasted-facts.json, with
 * times related to a fixed `now` (never the clock); and the data file's validation, which names file and field.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataError } from '../../src/knowledge/data-error';
import { clock, describeFacts, duration, loadPastedFactWords } from '../../src/knowledge/pasted-fact-words';
import { OAUTH_ERROR_CODES, readPastedFacts, type PastedFact } from '../../src/knowledge/pasted-facts';

const DATA = join(__dirname, '../../data');
const words = loadPastedFactWords(DATA);
/** A fixed instant: every time in these tests is relative to it. */
const NOW = new Date('2025-05-01T10:40:00Z');

const describe1 = (fact: PastedFact, now = NOW) => describeFacts([fact], now, words)[0];
const told = (paste: string, now = NOW) => describeFacts(readPastedFacts(paste), now, words);

describe('Retry-After', () => {
  test.each<[string, string]>([
    ['Retry-After: 120', 'Retry-After: 120 → wait 2 minutes (until 10:42 UTC)'],
    ['Retry-After: 90', 'Retry-After: 90 → wait 1 minute 30 seconds (until 10:41:30 UTC)'],
    ['Retry-After: 5', 'Retry-After: 5 → wait 5 seconds (until 10:40:05 UTC)'],
    ['Retry-After: 0', 'Retry-After: 0 → you can retry now'],
    ['Retry-After: 0.2', 'Retry-After: 0.2 → wait less than a second (until 10:40:01 UTC)'],
    ['Retry-After: 3600', 'Retry-After: 3600 → wait 1 hour (until 11:40 UTC)'],
    ['Retry-After: 86400', 'Retry-After: 86400 → wait 1 day (until 2025-05-02 10:40 UTC)'],
    [
      'Retry-After: 99999999999999999999',
      'Retry-After: 99999999999999999999 → wait more than a year (until 2093-05-19 13:55 UTC)',
    ],
    [
      'Retry-After: Thu, 01 May 2025 10:42:00 GMT',
      'Retry-After: Thu, 01 May 2025 10:42:00 GMT → wait 2 minutes (until 10:42 UTC)',
    ],
    [
      'Retry-After: Fri, 02 May 2025 08:00:00 GMT',
      'Retry-After: Fri, 02 May 2025 08:00:00 GMT → wait 21 hours 20 minutes (until 2025-05-02 08:00 UTC)',
    ],
    [
      'Retry-After: Wed, 21 Oct 2015 07:28:00 GMT',
      'Retry-After: Wed, 21 Oct 2015 07:28:00 GMT → that time (2015-10-21 07:28 UTC) has passed, so you can retry now',
    ],
    ['retry-after-ms: 1500', 'Retry-After-Ms: 1500 → wait 2 seconds (until 10:40:02 UTC)'],
  ])('%s', (paste, sentence) => expect(told(paste)).toEqual([sentence]));

  test('the time follows the now given', () =>
    expect(told('Retry-After: 120', new Date('2030-01-01T23:59:00Z'))).toEqual([
      'Retry-After: 120 → wait 2 minutes (until 2030-01-02 00:01 UTC)',
    ]));
});

describe('rate limits', () => {
  test.each<[string, string, string]>([
    [
      'a reset epoch: as a time and a delay',
      'x-ratelimit-limit: 60\nx-ratelimit-remaining: 12\nx-ratelimit-reset: 1746097200',
      'Rate limit: 12 of 60 left; it resets at 11:00 UTC (in 20 minutes)',
    ],
    [
      'a reset delay: as a delay and a time',
      'RateLimit: limit=100, remaining=40, reset=30',
      'Rate limit: 40 of 100 left; it resets in 30 seconds (at 10:40:30 UTC)',
    ],
    [
      'none left: wait for the reset',
      'x-ratelimit-limit: 60\nx-ratelimit-remaining: 0\nx-ratelimit-reset: 1746097200',
      'Rate limit: 0 of 60 left → wait 20 minutes (until 11:00 UTC) before the next request',
    ],
    [
      'a reset that has passed',
      'X-RateLimit-Remaining: 0\nX-RateLimit-Reset: 1746090000',
      'Rate limit: 0 left; it reset at 09:00 UTC, which has passed, so you can send again',
    ],
    [
      'a policy window',
      'RateLimit-Policy: "default";q=100;w=60\nRateLimit: "default";r=0;t=30',
      'Rate limit: 0 of 100 left (in a window of 1 minute) → wait 30 seconds (until 10:40:30 UTC) before the next request',
    ],
    ['a limit alone', 'X-RateLimit-Limit: 5000', 'Rate limit: a limit of 5000'],
    ['a reset alone', 'RateLimit-Reset: 45', 'Rate limit: it resets in 45 seconds (at 10:40:45 UTC)'],
  ])('%s', (_, paste, sentence) => expect(told(paste)).toEqual([sentence]));

  test('several quotas are named; one is not', () => {
    expect(
      told('x-ratelimit-remaining-requests: 4999\nx-ratelimit-remaining-tokens: 0\nx-ratelimit-reset-tokens: 6m0s'),
    ).toEqual([
      'Rate limit for requests: 4999 left',
      'Rate limit for tokens: 0 left → wait 6 minutes (until 10:46 UTC) before the next request',
    ]);
    expect(told('x-ratelimit-remaining-tokens: 5')).toEqual(['Rate limit: 5 left']);
  });
});

describe('WWW-Authenticate', () => {
  test.each<[string, string]>([
    [
      'WWW-Authenticate: Bearer error="invalid_token", error_description="The access token expired"',
      'WWW-Authenticate → your token has expired: get a new one (refresh it or sign in again) and send the request again',
    ],
    [
      'WWW-Authenticate: Bearer error="invalid_token", error_description="Jwt is expired"',
      'WWW-Authenticate → your token has expired: get a new one (refresh it or sign in again) and send the request again',
    ],
    [
      'WWW-Authenticate: Bearer error="invalid_token", error_description="IDX10223: Lifetime validation failed. The token is expired."',
      'WWW-Authenticate → your token has expired: get a new one (refresh it or sign in again) and send the request again',
    ],
    [
      'WWW-Authenticate: Bearer error="invalid_token", error_description="The token has not expired but its signature is invalid"',
      'WWW-Authenticate → the server refused the Bearer credentials with error "invalid_token": "The token has not expired but its signature is invalid" (the token is expired, revoked, malformed or not meant for this server; get a new one)',
    ],
    [
      'WWW-Authenticate: Bearer error="invalid_token", error_description="Signature verification failed"',
      'WWW-Authenticate → the server refused the Bearer credentials with error "invalid_token": "Signature verification failed" (the token is expired, revoked, malformed or not meant for this server; get a new one)',
    ],
    [
      'WWW-Authenticate: Bearer error="invalid_token"',
      'WWW-Authenticate → the server refused the Bearer credentials with error "invalid_token" (the token is expired, revoked, malformed or not meant for this server; get a new one)',
    ],
    [
      'WWW-Authenticate: Bearer error="insufficient_scope", scope="repo"',
      'WWW-Authenticate → the server refused the Bearer credentials with error "insufficient_scope" (the token is valid but does not grant what this request needs); the scope it asks for is "repo"',
    ],
    [
      'WWW-Authenticate: Bearer error="use_mfa", error_description="Second factor needed"',
      'WWW-Authenticate → the server refused the Bearer credentials with error "use_mfa": "Second factor needed"',
    ],
    ['WWW-Authenticate: Basic realm="Staging"', 'WWW-Authenticate → the server wants Basic credentials for "Staging"'],
    ['WWW-Authenticate: Negotiate', 'WWW-Authenticate → the server wants Negotiate credentials with the request'],
  ])('%s', (paste, sentence) => expect(told(paste)).toEqual([sentence]));
});

describe('Allow', () => {
  test.each<[string, string]>([
    ['Allow: GET, HEAD', 'Allow: GET, HEAD → this URL takes GET or HEAD'],
    ['Allow: GET', 'Allow: GET → this URL takes GET'],
    ['Allow: GET, HEAD, OPTIONS', 'Allow: GET, HEAD, OPTIONS → this URL takes GET, HEAD or OPTIONS'],
    ['HTTP/1.1 405\nAllow:', 'Allow: (empty) → this URL takes no method at all right now'],
  ])('%s', (paste, sentence) => expect(told(paste)).toEqual([sentence]));
});

describe('Location', () => {
  test('a Location to itself is a redirect loop', () =>
    expect(told('$ curl -i https://example.com/login\nHTTP/2 302\nlocation: /login')).toEqual([
      'Location: https://example.com/login → a redirect loop: it sends you back to a URL the paste already requested',
    ]));
  test('another Location says where it goes', () =>
    expect(told('HTTP/2 302\nlocation: https://example.com/home')).toEqual([
      'Location → the server sends you on to https://example.com/home',
    ]));
});

describe('bodies', () => {
  test('problem+json: its title and detail quoted', () =>
    expect(
      told(
        '{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50."}',
      ),
    ).toEqual([
      'The server\'s problem details say "You do not have enough credit.": "Your current balance is 30, but that costs 50."',
    ]));
  test('problem+json with a title only, or a detail only', () => {
    expect(describe1({ kind: 'problem', title: 'Not Found', status: 404 })).toBe(
      'The server\'s problem details say "Not Found"',
    );
    expect(describe1({ kind: 'problem', detail: 'name must not be blank', status: 422 })).toBe(
      'The server\'s problem details say "name must not be blank"',
    );
  });

  test.each<[string, string]>([
    [
      '{"error":"invalid_grant"}',
      'OAuth error "invalid_grant": the grant was refused: the authorization code, refresh token or password is invalid, expired or revoked, or was issued to another client or redirect URI',
    ],
    [
      '{"error":"invalid_client","error_description":"Client authentication failed"}',
      'OAuth error "invalid_client": the server could not authenticate the client: an unknown client ID, a wrong secret, or an authentication method it does not accept (the server adds: "Client authentication failed")',
    ],
    [
      '{"error":"slow_down"}',
      'OAuth error "slow_down": you poll too often; add 5 seconds to the polling interval and keep it for every later poll',
    ],
    ['{"error":"custom_thing","error_description":"Ask the admin"}', 'OAuth error "custom_thing": "Ask the admin"'],
    ['{"error":"custom_thing","error_uri":"https://auth.example.com/e"}', 'OAuth error "custom_thing"'],
  ])('OAuth: %s', (paste, sentence) => expect(told(paste)).toEqual([sentence]));

  test.each<[string, string]>([
    [
      '{"title":"Error 1015: You are being rate limited","status":429,"error_code":1015,"error_name":"rate_limited","ray_id":"8f2a1b3c4d5e6f70","retryable":true,"retry_after":30,"owner_action_required":false}',
      'Cloudflare error 1015 ("You are being rate limited"), Ray ID 8f2a1b3c4d5e6f70: Cloudflare says to retry in 30 seconds (at 10:40:30 UTC)',
    ],
    [
      '{"error_code":1020,"error_name":"access_denied","ray_id":"8f2a1b3c4d5e6f71","retryable":false,"owner_action_required":true}',
      'Cloudflare error 1020 ("access_denied"), Ray ID 8f2a1b3c4d5e6f71: Cloudflare says retrying will not help; the site\'s owner has to change something',
    ],
    [
      '{"error_code":1033,"ray_id":"8f2a1b3c4d5e6f72","retryable":true}',
      'Cloudflare error 1033, Ray ID 8f2a1b3c4d5e6f72: Cloudflare says a later retry can work',
    ],
    [
      '{"error_code":1000,"cloudflare_error":true}',
      "Cloudflare error 1000: quote the Ray ID to the site's owner or to Cloudflare support",
    ],
  ])('Cloudflare: %s', (paste, sentence) => expect(told(paste)).toEqual([sentence]));
});

describe('a whole paste', () => {
  test('one sentence per fact, in order', () => {
    const paste = [
      '$ curl -i https://api.example.com/v1/items',
      'HTTP/2 429',
      'retry-after: 120',
      'x-ratelimit-limit: 60',
      'x-ratelimit-remaining: 0',
      'x-ratelimit-reset: 1746096120',
      'content-type: application/problem+json',
      '',
      '{"type":"https://api.example.com/probs/rate","title":"Too many requests","status":429,"detail":"60 requests per hour"}',
    ].join('\n');
    expect(told(paste)).toEqual([
      'Retry-After: 120 → wait 2 minutes (until 10:42 UTC)',
      'Rate limit: 0 of 60 left → wait 2 minutes (until 10:42 UTC) before the next request',
      'The server\'s problem details say "Too many requests": "60 requests per hour"',
    ]);
  });

  test('no placeholder is left in any sentence', () => {
    const facts: PastedFact[] = [
      { kind: 'retry-after', header: 'Retry-After', value: '1', seconds: 1 },
      { kind: 'retry-after', header: 'Retry-After', value: 'x', at: '2000-01-01T00:00:00.000Z' },
      { kind: 'rate-limit', scope: 'a', limit: 1, remaining: 0, resetIn: 5, window: 60 },
      { kind: 'rate-limit', scope: 'b', resetAt: '2000-01-01T00:00:00.000Z' },
      { kind: 'rate-limit' },
      { kind: 'www-authenticate', scheme: 'Bearer', error: 'insufficient_scope', description: 'd', scope: 's' },
      { kind: 'www-authenticate', scheme: 'Bearer' },
      { kind: 'allow', methods: [] },
      { kind: 'redirect-loop', location: '/a' },
      { kind: 'problem', detail: 'd' },
      { kind: 'oauth-error', error: 'invalid_grant', description: 'd' },
      { kind: 'cloudflare-error', code: 1015, rayId: 'r', retryable: true, retryAfter: 0, ownerActionRequired: true },
    ];
    for (const sentence of describeFacts(facts, NOW, words)) expect(sentence).not.toMatch(/\{\w+\}/);
  });

  test('braces in what the server said stay as they are', () =>
    expect(told('{"error":"x_y","error_description":"use {token} here"}')).toEqual([
      'OAuth error "x_y": "use {token} here"',
    ]));
});

describe('durations and times', () => {
  test.each<[number, string]>([
    [0.2, 'less than a second'],
    [1, '1 second'],
    [59, '59 seconds'],
    [59.5, '1 minute'],
    [60, '1 minute'],
    [61, '1 minute 1 second'],
    [3599, '59 minutes 59 seconds'],
    [3600, '1 hour'],
    [3725, '1 hour 3 minutes'],
    [7170, '2 hours'],
    [86_400, '1 day'],
    [2 * 86_400 + 1, '2 days 1 hour'],
    [364 * 86_400, '364 days'],
    [365 * 86_400, 'more than a year'],
  ])('%d seconds → %s', (seconds, text) => expect(duration(seconds, words)).toBe(text));

  test.each<[string, string]>([
    ['2025-05-01T10:41:30Z', '10:41:30 UTC'],
    ['2025-05-01T23:59:00Z', '23:59 UTC'],
    ['2025-05-02T00:01:00Z', '2025-05-02 00:01 UTC'],
    ['2024-05-01T10:40:00Z', '2024-05-01 10:40 UTC'],
  ])('%s → %s', (time, text) => expect(clock(Date.parse(time), NOW, words)).toBe(text));
});

describe('data/pasted-facts.json', () => {
  test('every OAuth error code the reader knows has a meaning', () => {
    const known = new Set(words.oauth.errors.map((e) => e.code));
    expect([...OAUTH_ERROR_CODES].filter((code) => !known.has(code))).toEqual([]);
  });

  /** The real file with one change, loaded from a copy of data/. */
  function loadChanged(change: (words: Record<string, unknown>) => void): () => unknown {
    return () => {
      const dir = mkdtempSync(join(tmpdir(), 'pasted-facts-'));
      try {
        const data = join(dir, 'data');
        cpSync(join(DATA, 'pasted-facts.json'), join(data, 'pasted-facts.json'));
        const json = JSON.parse(readFileSync(join(data, 'pasted-facts.json'), 'utf8')) as Record<string, unknown>;
        change(json);
        writeFileSync(join(data, 'pasted-facts.json'), JSON.stringify(json));
        return loadPastedFactWords(data);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
  }
  const section = (json: Record<string, unknown>, name: string) => json[name] as Record<string, unknown>;
  const list = (json: Record<string, unknown>, name: string, field: string) =>
    section(json, name)[field] as Array<Record<string, unknown>>;

  test.each<[string, (json: Record<string, unknown>) => void, RegExp]>([
    [
      'a template without its placeholder',
      (j) => (section(j, 'retryAfter').wait = '{header}: {value} → wait (until {time})'),
      /data\/pasted-facts\.json: field "retryAfter\.wait" must contain \{duration\}/,
    ],
    [
      'a placeholder that is not filled in',
      (j) => (section(j, 'allow').methods = 'Allow: {methods} → {list} {metods}'),
      /field "allow\.methods" has \{metods\}, which is not filled in here; use \{methods\}, \{list\}/,
    ],
    [
      'a repeated OAuth code',
      (j) => (list(j, 'oauth', 'errors')[1] = { code: 'invalid_request', meaning: 'again' }),
      /field "oauth\.errors\[1\]\.code" repeats "invalid_request"/,
    ],
    [
      'a meaning with a full stop',
      (j) => ((list(j, 'oauth', 'errors')[2] as Record<string, unknown>).meaning = 'the grant was refused.'),
      /field "oauth\.errors\[2\]\.meaning" must not end with a full stop/,
    ],
    [
      'a Bearer error without a meaning',
      (j) => delete (list(j, 'wwwAuthenticate', 'errors')[0] as Record<string, unknown>).meaning,
      /field "wwwAuthenticate\.errors\[0\]\.meaning"/,
    ],
    [
      'an upper-case phrase',
      (j) => (section(j, 'wwwAuthenticate').expiredPhrases = ['Expired']),
      /field "wwwAuthenticate\.expiredPhrases\[0\]" must be lower case/,
    ],
    ['an unknown field', (j) => (j.extra = 1), /data\/pasted-facts\.json/],
    ['no references', (j) => (j.references = []), /field "references" needs at least one reference/],
  ])('%s', (_, change, message) => {
    expect(loadChanged(change)).toThrow(DataError);
    expect(loadChanged(change)).toThrow(message);
  });

  test('a file that is not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pasted-facts-'));
    try {
      writeFileSync(join(dir, 'pasted-facts.json'), '{ nope');
      expect(() => loadPastedFactWords(dir)).toThrow(/pasted-facts\.json.*is not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
