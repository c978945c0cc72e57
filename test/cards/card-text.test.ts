/**
 * Text helpers: escaping leaves ordinary words alone and neutralises what would start Markdown; data sentences go
 * into literal runs untouched.
 */
import { engine } from './engine-fixture';
import {
  MAY_HOLD_TECHNICAL,
  TECHNICAL,
  textRuns,
  bullets,
  entryTitle,
  escapeMarkdown,
  paragraph,
  speakable,
  truncate,
} from '../../src/cards/card-text';

describe('escapeMarkdown', () => {
  test.each([
    '502 Bad Gateway',
    "If you're calling the API or browsing",
    '5xx: Server error',
    'Retry later (after 30 s).',
    '401 → 403: note',
  ])('leaves "%s" as it is', (text) => {
    expect(escapeMarkdown(text)).toBe(text);
  });

  test.each([
    ['Accept: */*', 'Accept: \\*/\\*'],
    ['CURLOPT_EXPECT_100_TIMEOUT_MS', 'CURLOPT\\_EXPECT\\_100\\_TIMEOUT\\_MS'],
    ['bytes */<length>', 'bytes \\*/\\<length\\>'],
    ['[MS-WDV] section', '\\[MS-WDV\\] section'],
    ['`code`', '\\`code\\`'],
    ['a \\ b', 'a \\\\ b'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['# not a heading', '\\# not a heading'],
  ])('escapes %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });
});

test('paragraph and bullets keep data text literal', () => {
  expect(paragraph('Accept: */* and <length>')).toEqual({
    type: 'RichTextBlock',
    inlines: [{ type: 'TextRun', text: 'Accept: */* and <length>' }],
  });
  expect(bullets(['one_two', 'three']).map((b) => b.inlines.map((r) => r.text).join(''))).toEqual([
    '• one_two',
    '• three',
  ]);
});

describe('technical terms are monospace runs; the words around them are not', () => {
  const mono = (text: string) =>
    textRuns(text)
      .filter((r) => r.fontType === 'monospace')
      .map((r) => r.text);
  test.each<[string, string[]]>([
    ['Raise client_max_body_size (default 1m).', ['client_max_body_size']],
    ['Read WWW-Authenticate and Retry-After.', ['WWW-Authenticate', 'Retry-After']],
    [
      'Set nginx.ingress.kubernetes.io/proxy-read-timeout on the Ingress.',
      ['nginx.ingress.kubernetes.io/proxy-read-timeout'],
    ],
    ['Run aws elbv2 describe-target-health --target-group-arn ARN.', ['describe-target-health', '--target-group-arn']],
    ['Reproduce with curl -v against https://api.example.com/health first.', ['-v', 'https://api.example.com/health']],
    ['spring.servlet.multipart.max-file-size defaults to 1MB.', ['spring.servlet.multipart.max-file-size']],
    ['Raise server.keepAliveTimeout above 60 seconds.', ['server.keepAliveTimeout']],
  ])('%j', (text, terms) => {
    expect(mono(text)).toEqual(terms);
    expect(
      textRuns(text)
        .map((r) => r.text)
        .join(''),
    ).toBe(text);
  });

  test.each([
    'A well-known re-entrant lock.',
    'Retry later, after a minute.',
    'The first-come plan.',
    'Sign in again.',
  ])('%j has none', (text) => {
    expect(mono(text)).toEqual([]);
  });
});

describe('the quick check before the technical-term pattern never hides a term', () => {
  const holdsTerm = (text: string) => [...text.matchAll(TECHNICAL)].length > 0;

  test.each([
    'see https://example.com',
    'http://localhost:8080/x',
    'raise client_max_body_size',
    'read Retry-After',
    'X-Forwarded-For',
    'set proxy.read.timeout',
    'nginx.ingress.kubernetes.io/proxy-read-timeout',
    'run describe-target-health',
    'server.keepAliveTimeout',
    'curl -v',
    'curl --resolve',
  ])('%j: a term, and the check lets it through', (text) => {
    expect(holdsTerm(text)).toBe(true);
    expect(MAY_HOLD_TECHNICAL.test(text)).toBe(true);
  });

  test.each([
    'Sign in again.',
    'Retry later, after a minute (or two).',
    'The API said 502 Bad Gateway!',
    'HTTP/1.1 OK',
  ])('%j: no term, and the check says so', (text) => {
    expect(MAY_HOLD_TECHNICAL.test(text)).toBe(false);
    expect(holdsTerm(text)).toBe(false);
    expect(textRuns(text)).toEqual([{ type: 'TextRun', text }]);
  });

  test('over every sentence of the table: a sentence with a term always passes the check', () => {
    const sentences = new Set<string>();
    const collect = (node: unknown): void => {
      if (typeof node === 'string') sentences.add(node);
      else if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') Object.values(node).forEach(collect);
    };
    collect(engine().table.entries);
    collect(engine().table.networkErrors);
    collect(engine().table.providerErrors);
    const withTerms = [...sentences].filter(holdsTerm);
    expect(sentences.size).toBeGreaterThan(5_000);
    expect(withTerms.length).toBeGreaterThan(500);
    expect(withTerms.filter((text) => !MAY_HOLD_TECHNICAL.test(text))).toEqual([]);
  });
});

test('entryTitle names the vendor like the text renderer', () => {
  expect(entryTitle({ id: '499-esri', code: 499, name: 'Token Required', summary: '', vendor: 'Esri ArcGIS' })).toBe(
    '499 Token Required (Esri ArcGIS)',
  );
  expect(entryTitle({ id: '502', code: 502, name: 'Bad Gateway', summary: '' })).toBe('502 Bad Gateway');
});

test('truncate cuts with an ellipsis only when needed', () => {
  expect(truncate('short', 10)).toBe('short');
  expect(truncate('the API keeps saying too many requests', 20)).toBe('the API keeps sayin…');
});

test('speakable escapes what would break SSML', () => {
  expect(speakable('A & B <x>')).toBe('A &amp; B &lt;x&gt;');
});
