/**
 * pasted-facts.ts: the header values and bodies that change the advice, read from what people paste. Families: each
 * header in every format people paste it in (raw response, curl -v, a browser's copy, Python's and Node's printouts,
 * HAR), its name in any case, values at their edges, the same words in prose (which are no header), clipping, and
 * no credential in anything a fact keeps.
 */
import fc from 'fast-check';
import {
  MAX_DELTA_SECONDS,
  MAX_VALUE_LENGTH,
  readPastedFacts,
  type PastedFact,
} from '../../src/knowledge/pasted-facts';
import { findSecrets } from '../../src/knowledge/secrets';

// === Formats: one header as each tool prints it

/** Python's repr of a str. */
const py = (v: string) =>
  v.includes("'") && !v.includes('"') ? `"${v}"` : `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
/** Node's util.inspect of a str and of a key. */
const node = (v: string) => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const nodeKey = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : node(k));

type Format = (name: string, value: string) => string;

const FORMATS: Array<[string, Format]> = [
  [
    'raw HTTP/1.1 (CRLF)',
    (n, v) =>
      `HTTP/1.1 429 Too Many Requests\r\nDate: Thu, 01 May 2025 10:40:00 GMT\r\n${n}: ${v}\r\nContent-Length: 0\r\n\r\n`,
  ],
  [
    'curl -i, name in upper case',
    (n, v) => `$ curl -i https://api.example.com/v1/items\nHTTP/1.1 429\n${n.toUpperCase()}: ${v}\nServer: nginx\n`,
  ],
  [
    'curl -v over HTTP/2, name in lower case',
    (n, v) =>
      `* Connected to api.example.com (203.0.113.7) port 443\n* ALPN: server accepted h2\n> GET /v1/items HTTP/2\n> Host: api.example.com\n> Accept: */*\n>\n< HTTP/2 429\n< ${n.toLowerCase()}: ${v}\n< content-type: application/json\n<\n`,
  ],
  [
    'a browser copy: name and value on two lines',
    (n, v) => `Response Headers\n${n.toLowerCase()}\n${v}\ncontent-type\napplication/json\n`,
  ],
  ['a browser copy: name with a colon, value below', (n, v) => `${n}:\n${v}\ncontent-type:\napplication/json\n`],
  [
    'Python requests: response.headers',
    (n, v) =>
      `>>> r.headers\n{'Date': 'Thu, 01 May 2025 10:40:00 GMT', ${py(n)}: ${py(v)}, 'Connection': 'keep-alive'}`,
  ],
  [
    'Python requests: CaseInsensitiveDict',
    (n, v) => `{'Content-Type': 'application/json', ${py(n.toLowerCase())}: ${py(v)}}`,
  ],
  [
    'httpx: a list of tuples',
    (n, v) => `Headers([('date', 'Thu, 01 May 2025 10:40:00 GMT'), (${py(n.toLowerCase())}, ${py(v)})])`,
  ],
  [
    'Node: headers as JSON',
    (n, v) => JSON.stringify({ 'content-type': 'application/json', [n.toLowerCase()]: v }, null, 2),
  ],
  [
    'Node: console.log(res.headers)',
    (n, v) =>
      `{\n  'content-type': 'application/json',\n  ${nodeKey(n.toLowerCase())}: ${node(v)},\n  connection: 'close'\n}`,
  ],
  [
    'HAR',
    (n, v) =>
      JSON.stringify(
        {
          response: {
            status: 429,
            headers: [
              { name: 'content-type', value: 'application/json' },
              { name: n, value: v },
            ],
          },
        },
        null,
        2,
      ),
  ],
  [
    'HAR on one line',
    (n, v) =>
      JSON.stringify({
        headers: [
          { name: 'date', value: 'Thu, 01 May 2025 10:40:00 GMT' },
          { name: n.toLowerCase(), value: v },
        ],
      }),
  ],
];

const HEADERS: Array<[string, string, PastedFact[]]> = [
  ['Retry-After', '120', [{ kind: 'retry-after', header: 'Retry-After', value: '120', seconds: 120 }]],
  [
    'Retry-After',
    'Wed, 21 Oct 2015 07:28:00 GMT',
    [
      {
        kind: 'retry-after',
        header: 'Retry-After',
        value: 'Wed, 21 Oct 2015 07:28:00 GMT',
        at: '2015-10-21T07:28:00.000Z',
      },
    ],
  ],
  ['retry-after-ms', '1500', [{ kind: 'retry-after', header: 'Retry-After-Ms', value: '1500', seconds: 1.5 }]],
  ['X-RateLimit-Reset', '1700000000', [{ kind: 'rate-limit', resetAt: '2023-11-14T22:13:20.000Z' }]],
  ['X-RateLimit-Remaining', '0', [{ kind: 'rate-limit', remaining: 0 }]],
  ['X-RateLimit-Limit', '5000', [{ kind: 'rate-limit', limit: 5000 }]],
  ['RateLimit-Reset', '30', [{ kind: 'rate-limit', resetIn: 30 }]],
  ['X-Rate-Limit-Reset', '1700000000', [{ kind: 'rate-limit', resetAt: '2023-11-14T22:13:20.000Z' }]],
  ['x-ratelimit-reset-requests', '6m0s', [{ kind: 'rate-limit', scope: 'requests', resetIn: 360 }]],
  ['x-ratelimit-reset-tokens', '12ms', [{ kind: 'rate-limit', scope: 'tokens', resetIn: 0.012 }]],
  [
    'anthropic-ratelimit-requests-reset',
    '2023-11-14T22:13:20Z',
    [{ kind: 'rate-limit', scope: 'requests', resetAt: '2023-11-14T22:13:20.000Z' }],
  ],
  ['RateLimit', 'limit=100, remaining=0, reset=30', [{ kind: 'rate-limit', limit: 100, remaining: 0, resetIn: 30 }]],
  ['RateLimit', '"default";r=0;t=30', [{ kind: 'rate-limit', scope: 'default', remaining: 0, resetIn: 30 }]],
  ['RateLimit-Policy', '"burst";q=100;w=60', [{ kind: 'rate-limit', scope: 'burst', limit: 100, window: 60 }]],
  ['RateLimit-Policy', '100;w=60', [{ kind: 'rate-limit', limit: 100, window: 60 }]],
  [
    'WWW-Authenticate',
    'Bearer realm="api", error="invalid_token", error_description="The access token expired"',
    [
      {
        kind: 'www-authenticate',
        scheme: 'Bearer',
        realm: 'api',
        error: 'invalid_token',
        description: 'The access token expired',
      },
    ],
  ],
  [
    'WWW-Authenticate',
    'Basic realm="Staging", charset="UTF-8"',
    [{ kind: 'www-authenticate', scheme: 'Basic', realm: 'Staging' }],
  ],
  ['Allow', 'GET, HEAD', [{ kind: 'allow', methods: ['GET', 'HEAD'] }]],
  ['Allow', 'GET,HEAD,OPTIONS', [{ kind: 'allow', methods: ['GET', 'HEAD', 'OPTIONS'] }]],
  [
    'Location',
    'https://www.example.com/new-home',
    [{ kind: 'location', location: 'https://www.example.com/new-home' }],
  ],
];

describe('each header in each format', () => {
  for (const [format, write] of FORMATS) {
    describe(format, () => {
      test.each(HEADERS)('%s: %s', (name, value, expected) =>
        expect(readPastedFacts(write(name, value))).toEqual(expected),
      );
    });
  }
});

describe('header names in any case', () => {
  test.each(['Retry-After', 'retry-after', 'RETRY-AFTER', 'rEtRy-AfTeR'])('%s', (name) =>
    expect(readPastedFacts(`${name}: 30`)).toEqual([
      { kind: 'retry-after', header: 'Retry-After', value: '30', seconds: 30 },
    ]),
  );
  test.each(['WWW-Authenticate', 'www-authenticate', 'Www-Authenticate'])('%s', (name) =>
    expect(readPastedFacts(`${name}: Bearer error="invalid_token"`)).toEqual([
      { kind: 'www-authenticate', scheme: 'Bearer', error: 'invalid_token' },
    ]),
  );
  test.each(['X-RateLimit-Remaining', 'x-ratelimit-remaining', 'X-RATELIMIT-REMAINING', 'X-Ratelimit-Remaining'])(
    '%s',
    (name) => expect(readPastedFacts(`${name}: 7`)).toEqual([{ kind: 'rate-limit', remaining: 7 }]),
  );
});

describe('a header quoted in a sentence', () => {
  test.each<[string, PastedFact[]]>([
    [
      'The API returns Retry-After: 120 on every call',
      [{ kind: 'retry-after', header: 'Retry-After', value: '120', seconds: 120 }],
    ],
    ['I get `Retry-After: 30` back', [{ kind: 'retry-after', header: 'Retry-After', value: '30', seconds: 30 }]],
    ['it says (x-ratelimit-remaining: 0) and stops', [{ kind: 'rate-limit', remaining: 0 }]],
    [
      'the 401 has WWW-Authenticate: Bearer error="invalid_token" and I am stuck',
      [{ kind: 'www-authenticate', scheme: 'Bearer', error: 'invalid_token' }],
    ],
  ])('%s', (text, expected) => expect(readPastedFacts(text)).toEqual(expected));
});

describe('the same words in prose are no header', () => {
  test.each([
    'retry after lunch',
    'Can you retry after 5 minutes?',
    'allow me to ask',
    'Allow: me to ask a question',
    'we should allow GET and HEAD',
    'Location: Berlin office',
    "what's the location of the config?",
    'Set the retry-after header to a bigger value',
    'Retry-After: soon',
    'Retry after: 120',
    'RateLimit is annoying',
    'the rate limit resets at midnight',
    'x-ratelimit-remaining is always zero for me',
    'WWW-Authenticate: ',
    'Retry-After: 120s',
  ])('%j', (text) => expect(readPastedFacts(text)).toEqual([]));
});

// === Values at their edges

describe('Retry-After values', () => {
  test.each<[string, PastedFact[]]>([
    ['0', [{ kind: 'retry-after', header: 'Retry-After', value: '0', seconds: 0 }]],
    ['1.5', [{ kind: 'retry-after', header: 'Retry-After', value: '1.5', seconds: 1.5 }]],
    [
      '99999999999999999999',
      [{ kind: 'retry-after', header: 'Retry-After', value: '99999999999999999999', seconds: MAX_DELTA_SECONDS }],
    ],
    [
      '9'.repeat(400),
      [{ kind: 'retry-after', header: 'Retry-After', value: `${'9'.repeat(199)}…`, seconds: MAX_DELTA_SECONDS }],
    ],
    [
      'Sunday, 06-Nov-94 08:49:37 GMT',
      [
        {
          kind: 'retry-after',
          header: 'Retry-After',
          value: 'Sunday, 06-Nov-94 08:49:37 GMT',
          at: '1994-11-06T08:49:37.000Z',
        },
      ],
    ],
    [
      'Sun Nov  6 08:49:37 1994',
      [
        {
          kind: 'retry-after',
          header: 'Retry-After',
          value: 'Sun Nov 6 08:49:37 1994',
          at: '1994-11-06T08:49:37.000Z',
        },
      ],
    ],
    ['-1', []],
    ['-120', []],
    ['+120', []],
    ['1e3', []],
    ['0x10', []],
    ['120 seconds', [{ kind: 'retry-after', header: 'Retry-After', value: '120', seconds: 120 }]],
    ['Mon, 31 Feb 2025 10:00:00 GMT', []],
    ['Sun, 06 Nov 1994 25:00:00 GMT', []],
    ['2025-05-01T10:00:00Z', []],
    ['tomorrow', []],
    ['', []],
  ])('Retry-After: %j', (value, expected) =>
    expect(readPastedFacts(`HTTP/1.1 503\nRetry-After: ${value}\n`)).toEqual(expected),
  );

  test('retry-after-ms is milliseconds and never a date', () => {
    expect(readPastedFacts('retry-after-ms: 250')).toEqual([
      { kind: 'retry-after', header: 'Retry-After-Ms', value: '250', seconds: 0.25 },
    ]);
    expect(readPastedFacts('retry-after-ms: Wed, 21 Oct 2015 07:28:00 GMT')).toEqual([]);
  });

  test('the last Retry-After of a redirect chain wins, in the place of the first', () => {
    const text = '< HTTP/1.1 503\n< Retry-After: 10\n< X-RateLimit-Remaining: 3\n< HTTP/1.1 503\n< Retry-After: 20\n';
    expect(readPastedFacts(text)).toEqual([
      { kind: 'retry-after', header: 'Retry-After', value: '20', seconds: 20 },
      { kind: 'rate-limit', remaining: 3 },
    ]);
  });
});

describe('rate-limit resets: epoch or delta, told by magnitude', () => {
  test.each<[string, Partial<PastedFact> | undefined]>([
    ['0', { resetIn: 0 }],
    ['30', { resetIn: 30 }],
    ['86400', { resetIn: 86_400 }],
    ['999999999', { resetIn: 999_999_999 }],
    ['1000000000', { resetAt: '2001-09-09T01:46:40.000Z' }],
    ['1700000000', { resetAt: '2023-11-14T22:13:20.000Z' }],
    ['1700000000.5', { resetAt: '2023-11-14T22:13:20.500Z' }],
    ['1700000000000', { resetAt: '2023-11-14T22:13:20.000Z' }],
    ['99999999999999999999', undefined],
    ['9'.repeat(400), undefined],
    ['-5', undefined],
    ['Wed, 21 Oct 2015 07:28:00 GMT', { resetAt: '2015-10-21T07:28:00.000Z' }],
    ['2015-10-21T07:28:00Z', { resetAt: '2015-10-21T07:28:00.000Z' }],
    ['1m30s', { resetIn: 90 }],
    ['next week', undefined],
  ])('X-RateLimit-Reset: %s', (value, fields) =>
    expect(readPastedFacts(`X-RateLimit-Reset: ${value}`)).toEqual(fields ? [{ kind: 'rate-limit', ...fields }] : []),
  );

  test('x-ratelimit-reset-after (Discord) is always a delay', () =>
    expect(readPastedFacts('x-ratelimit-reset-after: 1700000000')).toEqual([
      { kind: 'rate-limit', resetIn: 1_700_000_000 },
    ]));

  test('a delay too large to hold is 2^31 seconds', () =>
    expect(readPastedFacts('RateLimit: "default";r=0;t=9007199254740991')).toEqual([
      { kind: 'rate-limit', scope: 'default', remaining: 0, resetIn: MAX_DELTA_SECONDS },
    ]));

  test.each(['-1', '1.5', 'lots', '99999999999999999999'])('X-RateLimit-Remaining: %s is no count', (value) =>
    expect(readPastedFacts(`X-RateLimit-Remaining: ${value}`)).toEqual([]),
  );

  test('the early draft form "100, 100;w=60" gives its first number', () =>
    expect(readPastedFacts('RateLimit-Limit: 100, 100;w=60')).toEqual([{ kind: 'rate-limit', limit: 100 }]));
});

describe('a rate limit in full, one fact per quota', () => {
  test('GitHub', () => {
    const text = [
      'HTTP/2 403',
      'x-ratelimit-limit: 60',
      'x-ratelimit-remaining: 0',
      'x-ratelimit-reset: 1714560000',
      'x-ratelimit-resource: core',
      'x-ratelimit-used: 60',
    ].join('\n');
    expect(readPastedFacts(text)).toEqual([
      { kind: 'rate-limit', limit: 60, remaining: 0, resetAt: '2024-05-01T10:40:00.000Z' },
    ]);
  });

  test('OpenAI: requests and tokens apart', () => {
    const text = [
      'x-ratelimit-limit-requests: 5000',
      'x-ratelimit-limit-tokens: 160000',
      'x-ratelimit-remaining-requests: 4999',
      'x-ratelimit-remaining-tokens: 0',
      'x-ratelimit-reset-requests: 12ms',
      'x-ratelimit-reset-tokens: 6m0s',
    ].join('\n');
    expect(readPastedFacts(text)).toEqual([
      { kind: 'rate-limit', scope: 'requests', limit: 5000, remaining: 4999, resetIn: 0.012 },
      { kind: 'rate-limit', scope: 'tokens', limit: 160_000, remaining: 0, resetIn: 360 },
    ]);
  });

  test('the IETF draft: RateLimit with its RateLimit-Policy, two policies', () => {
    const text =
      'RateLimit-Policy: "burst";q=100;w=60, "daily";q=1000;w=86400\nRateLimit: "burst";r=0;t=30, "daily";r=900;t=3600';
    expect(readPastedFacts(text)).toEqual([
      { kind: 'rate-limit', scope: 'burst', limit: 100, window: 60, remaining: 0, resetIn: 30 },
      { kind: 'rate-limit', scope: 'daily', limit: 1000, window: 86_400, remaining: 900, resetIn: 3600 },
    ]);
  });

  test('GitLab: RateLimit-Reset in epoch seconds', () =>
    expect(readPastedFacts('RateLimit-Limit: 60\nRateLimit-Remaining: 0\nRateLimit-Reset: 1609844400')).toEqual([
      { kind: 'rate-limit', limit: 60, remaining: 0, resetAt: '2021-01-05T11:00:00.000Z' },
    ]));
});

// === WWW-Authenticate

describe('WWW-Authenticate', () => {
  test.each<[string, PastedFact[]]>([
    ['Bearer', [{ kind: 'www-authenticate', scheme: 'Bearer' }]],
    [
      'Bearer realm="example", error="insufficient_scope", scope="repo read:org"',
      [
        {
          kind: 'www-authenticate',
          scheme: 'Bearer',
          realm: 'example',
          error: 'insufficient_scope',
          scope: 'repo read:org',
        },
      ],
    ],
    ['Bearer error=invalid_token', [{ kind: 'www-authenticate', scheme: 'Bearer', error: 'invalid_token' }]],
    [
      'Bearer realm = "a \\"quoted\\" realm"',
      [{ kind: 'www-authenticate', scheme: 'Bearer', realm: 'a "quoted" realm' }],
    ],
    [
      'Basic realm="intranet", Bearer realm="api", error="invalid_token"',
      [
        { kind: 'www-authenticate', scheme: 'Basic', realm: 'intranet' },
        { kind: 'www-authenticate', scheme: 'Bearer', realm: 'api', error: 'invalid_token' },
      ],
    ],
    [
      'Negotiate, NTLM',
      [
        { kind: 'www-authenticate', scheme: 'Negotiate' },
        { kind: 'www-authenticate', scheme: 'NTLM' },
      ],
    ],
    [
      'Digest realm="x", qop="auth", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
      [{ kind: 'www-authenticate', scheme: 'Digest', realm: 'x' }],
    ],
    ['= nope', []],
  ])('%s', (value, expected) =>
    expect(readPastedFacts(`HTTP/1.1 401\nWWW-Authenticate: ${value}\n`)).toEqual(expected),
  );

  test('two WWW-Authenticate headers are two challenges', () =>
    expect(readPastedFacts('< www-authenticate: Basic realm="a"\n< www-authenticate: Bearer realm="b"')).toEqual([
      { kind: 'www-authenticate', scheme: 'Basic', realm: 'a' },
      { kind: 'www-authenticate', scheme: 'Bearer', realm: 'b' },
    ]));
});

// === Allow

describe('Allow', () => {
  test.each<[string, string[] | undefined]>([
    ['GET, HEAD', ['GET', 'HEAD']],
    ['GET,  POST ,PUT', ['GET', 'POST', 'PUT']],
    ['GET, GET', ['GET']],
    ['', []],
    ['PROPFIND, MKCOL', ['PROPFIND', 'MKCOL']],
    ['get, head', undefined],
    ['me to ask', undefined],
    ['GET/HEAD', undefined],
  ])('Allow: %j', (value, methods) =>
    expect(readPastedFacts(`HTTP/1.1 405\nAllow: ${value}\nContent-Length: 0`)).toEqual(
      methods ? [{ kind: 'allow', methods }] : [],
    ),
  );

  test('an empty Allow at the end of a paste', () =>
    expect(readPastedFacts('HTTP/1.1 405 Method Not Allowed\nAllow:')).toEqual([{ kind: 'allow', methods: [] }]));
});

// === Location and redirect loops

describe('Location against the request the paste shows', () => {
  test.each<[string, string, PastedFact[]]>([
    [
      'curl -v, a relative Location to the same path',
      '$ curl -v http://example.com/a\n* Connected to example.com (93.184.216.34) port 80\n> GET /a HTTP/1.1\n> Host: example.com\n>\n< HTTP/1.1 301 Moved Permanently\n< Location: /a\n',
      [{ kind: 'redirect-loop', location: 'http://example.com/a' }],
    ],
    [
      'curl -v over TLS, an absolute Location to itself',
      '* Connected to shop.example.com (203.0.113.9) port 443\n* SSL connection using TLSv1.3\n> GET /cart HTTP/1.1\n> Host: shop.example.com\n>\n< HTTP/1.1 302 Found\n< Location: https://shop.example.com/cart\n',
      [{ kind: 'redirect-loop', location: 'https://shop.example.com/cart' }],
    ],
    [
      'http to https on the same path is an upgrade, not a loop',
      '* Connected to example.com (93.184.216.34) port 80\n> GET /a HTTP/1.1\n> Host: example.com\n>\n< HTTP/1.1 301\n< Location: https://example.com/a\n',
      [{ kind: 'location', location: 'https://example.com/a' }],
    ],
    [
      'a chain that comes back: /a → /b → /a (curl -L)',
      '$ curl -vL https://example.com/a\n> GET /a HTTP/2\n> Host: example.com\n< HTTP/2 302\n< location: /b\n> GET /b HTTP/2\n> Host: example.com\n< HTTP/2 302\n< location: /a\n',
      [
        { kind: 'location', location: 'https://example.com/b' },
        { kind: 'redirect-loop', location: 'https://example.com/a' },
      ],
    ],
    [
      'a raw request and its response, scheme unknown, relative Location',
      'GET /login HTTP/1.1\nHost: app.example.com\n\nHTTP/1.1 302 Found\nLocation: /login\n',
      [{ kind: 'redirect-loop', location: 'http://app.example.com/login' }],
    ],
    [
      'a raw request, scheme unknown, absolute Location: not told',
      'GET /login HTTP/1.1\nHost: app.example.com\n\nHTTP/1.1 302 Found\nLocation: https://app.example.com/login\n',
      [{ kind: 'location', location: 'https://app.example.com/login' }],
    ],
    [
      "a browser's Request URL",
      'Request URL: https://example.com/dashboard\nRequest Method: GET\nStatus Code: 302 Found\n\nlocation: https://example.com/dashboard',
      [{ kind: 'redirect-loop', location: 'https://example.com/dashboard' }],
    ],
    [
      'the host in another case and a default port',
      '$ curl -i https://Example.COM:443/a\nHTTP/1.1 301\nLocation: https://example.com/a\n',
      [{ kind: 'redirect-loop', location: 'https://example.com/a' }],
    ],
    [
      'a trailing slash is another URL',
      '$ curl -i https://example.com/a\nHTTP/1.1 301\nLocation: https://example.com/a/\n',
      [{ kind: 'location', location: 'https://example.com/a/' }],
    ],
    [
      'another query is another URL',
      '$ curl -i "https://example.com/a?x=1"\nHTTP/1.1 302\nLocation: /a?x=2\n',
      [{ kind: 'location', location: 'https://example.com/a?x=2' }],
    ],
    [
      'no request in the paste: as given',
      'HTTP/1.1 302 Found\nLocation: /next\n',
      [{ kind: 'location', location: '/next' }],
    ],
    [
      './ and ../ resolve against the request',
      '$ curl -i https://example.com/a/b/c\nHTTP/1.1 302\nLocation: ../c\n',
      [{ kind: 'location', location: 'https://example.com/a/c' }],
    ],
  ])('%s', (_, text, expected) => expect(readPastedFacts(text)).toEqual(expected));

  test('HAR: each entry against its own request', () => {
    const har = {
      log: {
        entries: [
          {
            request: { method: 'GET', url: 'https://example.com/a' },
            response: { status: 302, headers: [{ name: 'location', value: 'https://example.com/b' }] },
          },
          {
            request: { method: 'GET', url: 'https://example.com/b' },
            response: { status: 302, headers: [{ name: 'location', value: 'https://example.com/b' }] },
          },
        ],
      },
    };
    expect(readPastedFacts(JSON.stringify(har, null, 2))).toEqual([
      { kind: 'location', location: 'https://example.com/b' },
      { kind: 'redirect-loop', location: 'https://example.com/b' },
    ]);
  });
});

// === Bodies

const PROBLEM = {
  type: 'https://example.com/probs/out-of-credit',
  title: 'You do not have enough credit.',
  status: 403,
  detail: 'Your current balance is 30, but that costs 50.',
  instance: '/account/12345/msgs/abc',
};
const PROBLEM_FACT: PastedFact = { kind: 'problem', ...PROBLEM };

const CLOUDFLARE = {
  type: 'https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-1xxx-errors/error-1015/',
  title: 'Error 1015: You are being rate limited',
  status: 429,
  detail: 'The site owner has limited how often you may send requests.',
  instance: '8f2a1b3c4d5e6f70',
  error_code: 1015,
  error_name: 'rate_limited',
  error_category: 'rate_limit',
  ray_id: '8f2a1b3c4d5e6f70',
  timestamp: '2026-03-12T10:40:00Z',
  zone: 'example.com',
  retryable: true,
  retry_after: 30,
  owner_action_required: false,
};
const CLOUDFLARE_FACT: PastedFact = {
  kind: 'cloudflare-error',
  code: 1015,
  name: 'rate_limited',
  title: 'Error 1015: You are being rate limited',
  detail: 'The site owner has limited how often you may send requests.',
  status: 429,
  rayId: '8f2a1b3c4d5e6f70',
  retryable: true,
  retryAfter: 30,
  ownerActionRequired: false,
};

/** A Python repr of a flat dict. */
const pyDict = (o: Record<string, unknown>) =>
  `{${Object.entries(o)
    .map(
      ([k, v]) =>
        `'${k}': ${typeof v === 'string' ? py(v) : typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v)}`,
    )
    .join(', ')}}`;
/** Node's console.log of a flat object. */
const nodeObject = (o: Record<string, unknown>) =>
  `{\n${Object.entries(o)
    .map(([k, v]) => `  ${nodeKey(k)}: ${typeof v === 'string' ? node(v) : String(v)}`)
    .join(',\n')}\n}`;

const BODY_FORMATS: Array<[string, (o: Record<string, unknown>) => string]> = [
  ['curl -i body', (o) => `HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n${JSON.stringify(o)}`],
  [
    'curl -v body glued to its notes',
    (o) =>
      `< HTTP/2 400\n< content-type: application/problem+json\n<\n${JSON.stringify(o)}* Connection #0 to host api.example.com left intact`,
  ],
  ['pretty JSON', (o) => JSON.stringify(o, null, 2)],
  ["Python's response.json()", (o) => `>>> r.json()\n${pyDict(o)}`],
  ["Node's console.log(await res.json())", (o) => nodeObject(o)],
  [
    'HAR content.text',
    (o) =>
      JSON.stringify({ response: { status: 400, content: { mimeType: 'application/json', text: JSON.stringify(o) } } }),
  ],
];

const BODIES: Array<[string, Record<string, unknown>, PastedFact[]]> = [
  ['problem+json', PROBLEM, [PROBLEM_FACT]],
  [
    'problem+json from Spring (about:blank)',
    {
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No static resource api/v2/items.',
      instance: '/api/v2/items',
    },
    [
      {
        kind: 'problem',
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'No static resource api/v2/items.',
        instance: '/api/v2/items',
      },
    ],
  ],
  [
    'problem+json with a detail only',
    { status: 422, detail: 'name must not be blank' },
    [{ kind: 'problem', status: 422, detail: 'name must not be blank' }],
  ],
  [
    'OAuth error with a description',
    {
      error: 'invalid_grant',
      error_description: 'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.',
    },
    [
      {
        kind: 'oauth-error',
        error: 'invalid_grant',
        description: 'AADSTS70008: The provided authorization code or refresh token has expired due to inactivity.',
      },
    ],
  ],
  [
    'OAuth error with an error_uri',
    { error: 'invalid_client', error_uri: 'https://auth.example.com/docs/errors#invalid_client' },
    [{ kind: 'oauth-error', error: 'invalid_client', uri: 'https://auth.example.com/docs/errors#invalid_client' }],
  ],
  ['OAuth error, a registered code alone', { error: 'slow_down' }, [{ kind: 'oauth-error', error: 'slow_down' }]],
  [
    'OAuth error, an unregistered code with a description',
    { error: 'custom_error', error_description: 'Ask the admin' },
    [{ kind: 'oauth-error', error: 'custom_error', description: 'Ask the admin' }],
  ],
  ['Cloudflare 1015', CLOUDFLARE, [CLOUDFLARE_FACT]],
  [
    'Cloudflare 1020, not retryable',
    {
      error_code: 1020,
      error_name: 'access_denied',
      ray_id: '8f2a1b3c4d5e6f71',
      retryable: false,
      owner_action_required: true,
    },
    [
      {
        kind: 'cloudflare-error',
        code: 1020,
        name: 'access_denied',
        rayId: '8f2a1b3c4d5e6f71',
        retryable: false,
        ownerActionRequired: true,
      },
    ],
  ],
];

describe('each body in each format', () => {
  for (const [format, write] of BODY_FORMATS) {
    describe(format, () => {
      test.each(BODIES)('%s', (_, body, expected) => expect(readPastedFacts(write(body))).toEqual(expected));
    });
  }
});

describe('bodies that are none of these', () => {
  test.each<[string, string]>([
    ["Express's error", '{"error": "Not Found"}'],
    ['an API key error that is not OAuth', '{"error": "invalid_api_key"}'],
    [
      'an error object',
      '{"error": {"code": 429, "message": "Resource has been exhausted", "status": "RESOURCE_EXHAUSTED"}}',
    ],
    ['a to-do item', '{"id": 7, "title": "Buy milk", "status": "open"}'],
    ['a record with a type that is no URI', '{"type": "user", "title": "Hello"}'],
    ['a status that is no HTTP status', '{"title": "Build", "status": 1200, "detail": "ok"}'],
    [
      "Spring Boot's old error",
      '{"timestamp": "2025-05-01T10:40:00.000+00:00", "status": 404, "error": "Not Found", "path": "/x"}',
    ],
    ['an error_code without Cloudflare members', '{"error_code": 1015, "retryable": true}'],
    ['an OAuth-shaped code with spaces', '{"error": "invalid grant"}'],
  ])('%s', (_, text) => expect(readPastedFacts(text)).toEqual([]));
});

describe('facts come in the order of the paste, each once', () => {
  test('headers, then the body', () => {
    const text = `HTTP/1.1 429\nRetry-After: 30\nContent-Type: application/problem+json\n\n${JSON.stringify(PROBLEM)}`;
    expect(readPastedFacts(text)).toEqual([
      { kind: 'retry-after', header: 'Retry-After', value: '30', seconds: 30 },
      PROBLEM_FACT,
    ]);
  });

  test('the same body pasted twice is one fact', () =>
    expect(readPastedFacts(`${JSON.stringify(PROBLEM)}\n\nagain:\n${JSON.stringify(PROBLEM)}`)).toEqual([
      PROBLEM_FACT,
    ]));
});

// === Clipping

describe('values are clipped', () => {
  const long = 'x'.repeat(1000);

  test.each<[string, string]>([
    ['an OAuth description', JSON.stringify({ error: 'invalid_request', error_description: `Bad ${long}` })],
    ['a problem detail', JSON.stringify({ status: 400, title: 'Bad', detail: long })],
    ['a WWW-Authenticate realm', `WWW-Authenticate: Basic realm="${long}"`],
    ['a Location', `Location: https://example.com/${long}`],
    ['a Retry-After', `Retry-After: ${'9'.repeat(500)}`],
  ])('%s', (_, text) => {
    const facts = readPastedFacts(text);
    expect(facts).toHaveLength(1);
    for (const value of stringsOf(facts)) expect(value.length).toBeLessThanOrEqual(MAX_VALUE_LENGTH);
    expect(stringsOf(facts).some((v) => v.endsWith('…'))).toBe(true);
  });

  test('a description on several lines is kept on one', () =>
    expect(readPastedFacts('{"error":"invalid_request","error_description":"line one\\nline  two\\t."}')).toEqual([
      { kind: 'oauth-error', error: 'invalid_request', description: 'line one line two .' },
    ]));
});

// === Credentials

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';

describe('no credential is echoed', () => {
  test.each<[string, string, string[]]>([
    [
      'Authorization and Cookie headers beside the facts',
      `> GET /v1/me HTTP/1.1\n> Host: api.example.com\n> Authorization: Bearer ${JWT}\n> Cookie: session=9a8b7c6d5e4f3a2b\n>\n< HTTP/1.1 401\n< WWW-Authenticate: Bearer error="invalid_token"\n< Set-Cookie: sid=s%3A8f7e6d5c4b3a.Zx9; Path=/\n< Retry-After: 5`,
      [JWT, '9a8b7c6d5e4f3a2b', '8f7e6d5c4b3a'],
    ],
    [
      'a token in an error description',
      JSON.stringify({ error: 'invalid_token', error_description: `token ${JWT} has expired` }),
      [JWT],
    ],
    [
      'an access token in a Location fragment',
      'Location: https://app.example.com/cb#access_token=ya29.a0AfH6SMB3xyz123&token_type=Bearer',
      ['ya29.a0AfH6SMB3xyz123'],
    ],
    [
      'an authorization code in a Location',
      'Location: https://app.example.com/cb?code=SplxlOBeZQQYbYS6WxSbIA&state=xyz',
      ['SplxlOBeZQQYbYS6WxSbIA'],
    ],
    ['a password in a Location', 'Location: https://bob:hunter2secret@db.example.com/', ['hunter2secret']],
    [
      'an API key in a problem detail',
      JSON.stringify({ status: 403, title: 'Forbidden', detail: 'key api_key=f3e2d1c0b9a8 is not allowed' }),
      ['f3e2d1c0b9a8'],
    ],
    [
      'a token68 in a Negotiate challenge',
      'WWW-Authenticate: Negotiate oYH0MIHxoAMKAQChCwYJKoZIgvcSAQICooHcBIHZYIHWBgkqhkiG9xIBAgICAG+BxjCBw6ADAgEF',
      ['oYH0MIHxoAMKAQChCwYJKoZIgvcSAQICooHcBIHZYIHWBgkqhkiG9xIBAgICAG'],
    ],
    ['a bearer token in a header JSON', JSON.stringify({ authorization: `Bearer ${JWT}`, 'retry-after': '5' }), [JWT]],
  ])('%s', (_, text, secrets) => {
    const facts = readPastedFacts(text);
    expect(facts.length).toBeGreaterThan(0);
    const kept = JSON.stringify(facts);
    for (const secret of secrets) expect(kept).not.toContain(secret);
    for (const value of stringsOf(facts)) expect(findSecrets(value)).toEqual([]);
  });
});

// === Robustness

describe('any text', () => {
  const pieces = fc.constantFrom(
    'Retry-After: ',
    'WWW-Authenticate: Bearer ',
    'error="',
    'Allow: ',
    'Location: /',
    'x-ratelimit-reset: ',
    'RateLimit: "',
    '{"error":"',
    '{"type":"',
    '"title":',
    '> GET / HTTP/1.1\n> Host: a\n',
    '\n',
    '"',
    "'",
    ',',
    '{',
    '}',
    '[',
    '120',
    '1700000000',
    'Sun, 06 Nov 1994 08:49:37 GMT',
    ' ',
    'x'.repeat(300),
  );

  test('never throws, and keeps every value within bounds', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 40 }), (parts) => {
        const facts = readPastedFacts(parts.join(''));
        for (const value of stringsOf(facts)) expect(value.length).toBeLessThanOrEqual(MAX_VALUE_LENGTH);
      }),
      { numRuns: 300 },
    );
  });

  test.each<[string, string]>([
    ['a parameter followed by many spaces', `RateLimit: a;b=${' '.repeat(9000)}x`],
    ['a challenge with thousands of parameters', `WWW-Authenticate: Bearer ${'a=b, '.repeat(1900)}`],
    ['thousands of unclosed strings in braces', '{"a":"'.repeat(1600)],
    [
      'hundreds of requests and Locations',
      `${'> GET / HTTP/1.1\n> Host: example.com\n'.repeat(200)}${'Location: /\n'.repeat(100)}`,
    ],
    ['a duration that never ends', `x-ratelimit-reset: ${'1m'.repeat(4000)}`],
  ])('pathological input is read at once: %s', (_, text) => expect(Array.isArray(readPastedFacts(text))).toBe(true));

  test('a paste longer than a message is read up to its length', () => {
    expect(readPastedFacts(`${' '.repeat(20_000)}\nRetry-After: 5`)).toEqual([]);
    expect(readPastedFacts(`Retry-After: 5\n${'Allow: GET\n'.repeat(5000)}`)).toEqual([
      { kind: 'retry-after', header: 'Retry-After', value: '5', seconds: 5 },
      { kind: 'allow', methods: ['GET'] },
    ]);
  });
});

/** Every string a fact holds. */
function stringsOf(facts: PastedFact[]): string[] {
  return facts.flatMap((f) =>
    Object.values(f).flatMap((v: unknown) =>
      typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [],
    ),
  );
}
