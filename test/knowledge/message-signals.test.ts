/**
 * message-signals.ts: class mentions ("5xx", "the 500 range", "server errors in general"), vendors, comparison
 * cues, greetings and log-looking lines, each over a normalised message with the real lexicon and table.
 */
import {
  wordRuns,
  findClassMention,
  findVendors,
  hasCompareCue,
  looksLikeLogLine,
  phrasesCompared,
} from '../../src/knowledge/message-signals';
import { readMessage } from '../../src/knowledge/message';
import { normalize, words } from '../../src/knowledge/text';
import { engine } from './fixture';

const lexicon = () => engine().lexicon;
const prepared = (text: string) => {
  const lower = normalize(text);
  const list = words(lower);
  return { lower, list, texts: list.map((w) => w.text) };
};

describe('findClassMention', () => {
  test.each<[string, string | null, boolean | null, string | null]>([
    // Explicit forms: [message, class, explicit, the text the mention spans]
    ['what are 5xx errors', '5xx', true, '5xx'],
    ['5xx', '5xx', true, '5xx'],
    ['4XX', '4xx', true, '4xx'],
    ['any 3xx?', '3xx', true, '3xx'],
    ['5**', '5xx', true, '5**'],
    ['5nn', '5xx', true, '5nn'],
    ['4.x.x', '4xx', true, '4.x.x'],
    ['the 500 range', '5xx', true, '500 range'],
    ['the 400-series', '4xx', true, '400-series'],
    ['the 500 series of codes', '5xx', true, '500 series'],
    ['200 family', '2xx', true, '200 family'],
    ['300 class', '3xx', true, '300 class'],
    ['500-599', '5xx', true, '500-599'],
    ['400 to 499', '4xx', true, '400 to 499'],
    ['100 through 199', '1xx', true, '100 through 199'],
    ['anything in the 400s', '4xx', true, 'in the 400s'],
    ['codes that start with 3', '3xx', true, 'start with 3'],
    ['statuses beginning with a 5', '5xx', true, 'beginning with a 5'],
    ['2xx family', '2xx', true, '2xx'],
    // One x, before a word for statuses: nginx's "50x page".
    ['any 50x error', '5xx', true, '50x'],
    ['what are 40x errors', '4xx', true, '40x'],
    ['nginx 50x page', '5xx', true, '50x'],
    ['all 20x responses', '2xx', true, '20x'],
    ['30x codes', '3xx', true, '30x'],
    // Worded forms need a cue ("in general", "codes", "errors", ...).
    ['server errors in general', '5xx', false, 'server errors'],
    ['client errors in general', '4xx', false, 'client errors'],
    ['what are redirects in general', '3xx', false, 'redirects'],
    ['what are server errors', '5xx', false, 'server errors'],
    ['list the informational codes', '1xx', false, 'informational'],
    ['which codes are success codes', '2xx', false, 'success codes'],
    // No class.
    ['server error', null, null, null],
    ['500 errors', null, null, null],
    ['v5xx', null, null, null],
    ['15xx', null, null, null],
    ['6xx', null, null, null],
    ['0xx', null, null, null],
    ['502', null, null, null],
    ['what is 502', null, null, null],
    ['version 1.5xx', null, null, null],
    ['the new build is 50x faster', null, null, null],
    ['we got 10x errors since the deploy', null, null, null],
    ['20x errors lol', null, null, null],
    ['', null, null, null],
  ])('%j → %s', (text, cls, explicit, span) => {
    const { lower, list } = prepared(text);
    const m = findClassMention(lower, list, lexicon());
    if (cls === null) {
      expect(m).toBeNull();
      return;
    }
    expect(m).not.toBeNull();
    expect(m!.class).toBe(cls);
    expect(m!.explicit).toBe(explicit);
    expect(lower.slice(m!.start, m!.end)).toBe(span);
  });
});

describe('findVendors', () => {
  test.each<[string, string[]]>([
    ['cloudflare 522', ['cloudflare']],
    ['Cloudflare says 522', ['cloudflare']],
    ['the cf-ray header', ['cloudflare']],
    ['CF RAY 8a1b', ['cloudflare']],
    ['/cdn-cgi/ path', ['cloudflare']],
    ['my cloudflared tunnel', []],
    ['nginx 499', ['nginx']],
    ['openresty', ['nginx']],
    ['ingress-nginx controller', ['nginx']],
    ['engine x', []],
    ['behind an alb', ['aws-elb']],
    ['albert', []],
    ['the aws load balancer', ['aws-elb']],
    ['iis on windows server', ['iis']],
    ['blocked by windows parental controls', ['microsoft']],
    ['arcgis token', ['esri']],
    ['esri 499', ['esri']],
    ['laravel csrf', ['laravel']],
    ['twitter api 420', ['twitter']],
    ['spring boot', ['spring']],
    ['shopify storefront', ['shopify']],
    ['cpanel hosting', ['apache']],
    ['pantheon drupal site', ['pantheon']],
    ['a squid proxy', ['proxies']],
    ['cloudflare in front of nginx', ['cloudflare', 'nginx']],
    ['what is 502', []],
    ['', []],
  ])('%j → %j', (text, vendors) => {
    const lower = normalize(text);
    expect(findVendors(lower, engine().table)).toEqual(vendors);
    // The same from the message's own words (readMessage passes them), apostrophes and all.
    expect(findVendors(lower, engine().table, wordRuns(words(lower).map((w) => w.text)))).toEqual(vendors);
  });

  test("a keyword stands as a word beside an apostrophe, a hyphen or an underscore: cloudflare's, x_alb", () => {
    for (const text of ["cloudflare's edge said 522", 'the cloudflare-side log', 'app_alb_logs']) {
      const lower = normalize(text);
      const runs = wordRuns(words(lower).map((w) => w.text));
      expect(findVendors(lower, engine().table, runs)).toEqual(findVendors(lower, engine().table));
      expect(findVendors(lower, engine().table, runs).length).toBe(1);
    }
  });

  test('vendors come back in the order of vendors.json, each once', () => {
    expect(findVendors(normalize('nginx nginx cloudflare nginx'), engine().table)).toEqual(['cloudflare', 'nginx']);
  });
});

describe('hasCompareCue', () => {
  test.each<[string, boolean]>([
    ['401 vs 403', true],
    ['401 vs. 403', true],
    ['401 v.s. 403', true],
    ['401 versus 403', true],
    ['difference between 502 and 504', true],
    ['compare 401 and 403', true],
    ['401 or 403?', true],
    ['401 / 403', true],
    ['401 <-> 403', true],
    ['401 \u2194 403', true],
    ['which one should i use, 401 or 403', true],
    ['should i return 400 or 422', true],
    ['when to use 301 instead of 308', true],
    ['how do they differ', true],
    ['301 302 307 308, which redirect when?', true],
    ['401 or 403: which code for an expired token', true],
    ['which status for a soft delete, 404 or 410', true],
    ['which service returned 502 last night', false],
    ['what is 502', false],
    ['401/403', false],
    ['the vsphere api returns 500', false],
    ['GET /a HTTP/1.1', false],
    ['hi', false],
  ])('%j → %p', (text, cue) => {
    const { lower, texts } = prepared(text);
    expect(hasCompareCue(texts, lower, lexicon())).toBe(cue);
  });

  // BUG (src/knowledge/message-signals.ts, hasCompareCue): `\s\/\s` ("401 / 403") also matches the request path
  // of a log line for the site root, `"GET / HTTP/1.1"`. A single haproxy line whose byte count is a known code
  // is then read as a comparison (see understand.test.ts).
  test('the root path in a request line is no comparison', () => {
    const { lower, texts } = prepared('"GET / HTTP/1.1"');
    expect(hasCompareCue(texts, lower, lexicon())).toBe(false);
  });
});

describe('phrasesCompared', () => {
  test.each<[string, [number, number], [number, number], boolean]>([
    // [message, first phrase [at, length], second phrase [at, length], compared]
    ['unauthorized vs forbidden', [0, 1], [2, 1], true],
    ['unauthorized or forbidden', [0, 1], [2, 1], true],
    ['found versus see other', [0, 1], [2, 2], true],
    ['difference between bad gateway and gateway timeout', [2, 2], [5, 2], true],
    ['compare bad gateway and gateway timeout', [1, 2], [4, 2], true],
    ['bad gateway and gateway timeout', [0, 2], [3, 2], false],
    ['unauthorized forbidden', [0, 1], [1, 1], false],
    ['unauthorized then later forbidden', [0, 1], [3, 1], false],
  ])('%j → %p', (text, [at1, len1], [at2, len2], expected) => {
    const { texts } = prepared(text);
    expect(phrasesCompared({ at: at1, length: len1 }, { at: at2, length: len2 }, texts)).toBe(expected);
  });
});

describe('looksLikeLogLine', () => {
  test.each<[string, boolean]>([
    ['GET /api/users HTTP/1.1', true],
    ['post /login', true],
    ['127.0.0.1 - - [10/Oct/2024:13:55:36 +0000] "GET / HTTP/1.1" 200 612', true],
    ['10.0.0.1 connected', true],
    ['2025-04-27T10:00:00Z request done', true],
    ['2025-04-27 10:00:00 done', true],
    ['[27/Apr/2025:10:00:01 +0000]', true],
    ['10:00:01 done', true],
    ['{"status": 500}', true],
    ['{"statusCode":404}', true],
    ['< HTTP/2 200', true],
    ['> GET / HTTP/1.1', true],
    ['< content-type: text/html', true],
    ['level=error msg=boom', true],
    ['WARN: disk almost full', true],
    ['HTTP/1.1 503 Service Unavailable', true],
    ['i got a 502 yesterday', false],
    ['what is 502', false],
    ['the api returns 503 at 10:45', false],
    ['version 2.4.1 is out', false],
    ['', false],
  ])('%j → %p', (line, log) => {
    expect(looksLikeLogLine(normalize(line))).toBe(log);
  });
});

describe('identifiers split at their capitals, words in capitals kept whole', () => {
  const texts = (text: string) => readMessage(text, engine().table, engine().lexicon).texts;
  test.each<[string, string[]]>([
    ['ThrottlingException', ['throttling']],
    ['HTTPError: 503', ['http', '503']],
    ['ServiceUnavailable', ['service', 'unavailable']],
  ])('%j → %j', (text, words) => {
    expect(texts(text)).toEqual(words);
  });

  // Capitals with an ending of English are one word: no "ap is" in "APIs", no "pos ting" in "POSTing".
  test.each(['APIs', 'URLs', 'POSTing', 'GETs', 'PUTs', 'IDs', 'CDNs', 'SDKs', 'POSTed'])(
    '%j stays one word',
    (word) => {
      expect(texts(`our ${word} fail`)).toEqual(['our', word.toLowerCase(), 'fail']);
    },
  );
});
