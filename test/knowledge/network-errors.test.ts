/**
 * Network failures pasted as if they were statuses ("ECONNREFUSED", "curl: (60) SSL certificate problem", "blocked by
 * CORS policy"): found by their signatures in data/network-errors.json, answered as what they are, and never in the
 * way of a status code or a vendor the message names. A broken data/network-errors.json stops the load like a broken
 * entry does.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answerCard } from '../../src/cards/answer-card';
import { NO_STATUS_LABEL } from '../../src/cards/network-error-card';
import { DataError } from '../../src/knowledge/data-error';
import { DEFAULT_DATA_DIR, loadTable } from '../../src/knowledge/load-table';
import { findNetworkError } from '../../src/knowledge/network-errors';
import { renderText } from '../../src/render/render-text';
import { cardBytes, cardProblems, submitValues, visibleText } from '../cards/card-check';
import { engine } from '../cards/engine-fixture';

const errors = () => engine().table.networkErrors;

describe('what users paste, by failure', () => {
  test.each([
    ['curl: (7) Failed to connect to localhost port 3000 after 0 ms: Connection refused', 'connection-refused'],
    ['Error: connect ECONNREFUSED 127.0.0.1:5432', 'connection-refused'],
    ['No connection could be made because the target machine actively refused it', 'connection-refused'],
    ['GET http://localhost:8080/api net::ERR_CONNECTION_REFUSED', 'connection-refused'],
    ['Error: getaddrinfo ENOTFOUND api.example.com', 'dns-failure'],
    ['curl: (6) Could not resolve host: api.exmaple.com', 'dns-failure'],
    ['getaddrinfo EAI_AGAIN registry.npmjs.org', 'dns-failure'],
    ['requests.exceptions.ConnectionError: [Errno -2] Name or service not known', 'dns-failure'],
    ['dial tcp: lookup api.internal on 10.0.0.2:53: no such host', 'dns-failure'],
    ['curl: (28) Operation timed out after 30001 milliseconds with 0 bytes received', 'connection-timeout'],
    ['Error: connect ETIMEDOUT 10.0.4.17:443', 'connection-timeout'],
    ['Error: socket hang up', 'connection-reset'],
    ['read ECONNRESET', 'connection-reset'],
    ['curl: (52) Empty reply from server', 'connection-reset'],
    ['curl: (56) Recv failure: Connection reset by peer', 'connection-reset'],
    ['http.client.RemoteDisconnected: Remote end closed connection without response', 'connection-reset'],
    ['curl: (60) SSL certificate problem: unable to get local issuer certificate', 'tls-certificate'],
    ['Error: certificate has expired (CERT_HAS_EXPIRED)', 'tls-certificate'],
    // Go, Node and Chrome word the same failures their own way.
    ['Get "https://registry.internal:5000/v2/": x509: certificate signed by unknown authority', 'tls-certificate'],
    ['remote error: tls: handshake failure', 'tls-certificate'],
    ["Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames", 'tls-certificate'],
    ['ERR_SSL_VERSION_OR_CIPHER_MISMATCH on the new subdomain', 'tls-certificate'],
    [
      'System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.',
      'tls-certificate',
    ],
    ["AxiosError: timeout of 10000ms exceeded\n  code: 'ECONNABORTED'", 'connection-timeout'],
    [
      'TaskCanceledException: The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.',
      'connection-timeout',
    ],
    ["SocketException: Failed host lookup: 'api.example.com'", 'dns-failure'],
    ['Error Domain=NSURLErrorDomain Code=-1001 "The request timed out."', 'connection-timeout'],
    ['Net::OpenTimeout: execution expired from a sidekiq job', 'connection-timeout'],
    ['Http failure response for https://api.example.com/items: 0 Unknown Error', 'no-response'],
    ['net::ERR_HTTP2_PROTOCOL_ERROR on a streaming endpoint', 'connection-reset'],
    // Asked as "a kind of 4xx", it is still no status.
    ['NET::ERR_CERT_DATE_INVALID on staging. Is that some kind of 4xx?', 'tls-certificate'],
    ['curl -w "%{http_code}" prints 000 for the health check', 'no-response'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE when calling the payments api from node', 'tls-certificate'],
    ['net::ERR_CERT_DATE_INVALID on our staging site', 'tls-certificate'],
    ['javax.net.ssl.SSLHandshakeException: PKIX path building failed', 'tls-certificate'],
    ['curl: (35) error:0A00010B:SSL routines::wrong version number', 'tls-certificate'],
    [
      "Access to fetch at 'https://api.example.com/items' from origin 'http://localhost:3000' has been blocked by CORS policy",
      'cors-blocked',
    ],
    ["No 'Access-Control-Allow-Origin' header is present on the requested resource.", 'cors-blocked'],
    ['Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource', 'cors-blocked'],
    ['java.net.ConnectException: Connection refused', 'connection-refused'],
    [
      "HTTPConnectionPool(host='localhost', port=8000): Max retries exceeded with url: /api (Caused by NewConnectionError: Failed to establish a new connection)",
      'connection-refused',
    ],
    ['java.net.SocketTimeoutException: Read timed out', 'connection-timeout'],
    ['Get "https://api.example.com": dial tcp 10.0.0.5:443: i/o timeout', 'connection-timeout'],
    ['context deadline exceeded (Client.Timeout exceeded while awaiting headers)', 'connection-timeout'],
    ['Uncaught (in promise) TypeError: Failed to fetch', 'fetch-failed'],
    ['AxiosError: Network Error at XMLHttpRequest.handleError', 'fetch-failed'],
    ['NetworkError when attempting to fetch resource.', 'fetch-failed'],
    [
      "Mixed Content: The page at 'https://shop.example.com/' was loaded over HTTPS, but requested an insecure resource 'http://api.example.com/cart'.",
      'fetch-failed',
    ],
    // Safari's wording of a failed fetch, and the causes Node.js's fetch (undici) gives for one.
    ['Unhandled Promise Rejection: TypeError: Load failed', 'fetch-failed'],
    ["[cause]: HeadersTimeoutError: Headers Timeout Error { code: 'UND_ERR_HEADERS_TIMEOUT' }", 'connection-timeout'],
    ["[cause]: BodyTimeoutError: Body Timeout Error { code: 'UND_ERR_BODY_TIMEOUT' }", 'connection-timeout'],
    ["[cause]: SocketError: other side closed { code: 'UND_ERR_SOCKET' }", 'connection-reset'],
    // Firefox's 'CORS request did not succeed' is a network failure, not a missing header.
    ['Reason: CORS request did not succeed. Status code: (null).', 'fetch-failed'],
    // A redirect loop, as browsers, curl and Python's requests report it.
    [
      'This page isn’t working: shop.example.com redirected you too many times. ERR_TOO_MANY_REDIRECTS',
      'too-many-redirects',
    ],
    ['curl: (47) Maximum (50) redirects followed', 'too-many-redirects'],
    ['Firefox: The page isn’t redirecting properly', 'too-many-redirects'],
    ['requests.exceptions.TooManyRedirects: Exceeded 30 redirects.', 'too-many-redirects'],
    // Chromium's names for failures that have an answer of their own.
    ['GET https://api.example.com/v1 net::ERR_ADDRESS_UNREACHABLE', 'connection-timeout'],
    ['net::ERR_BLOCKED_BY_CLIENT on the analytics call', 'fetch-failed'],
    // Chrome's DNS probe pages and dig's answer codes.
    ...['DNS_PROBE_FINISHED_NXDOMAIN', 'DNS_PROBE_FINISHED_BAD_CONFIG', 'DNS_PROBE_POSSIBLE'].flatMap(
      (name) =>
        [
          [name, 'dns-failure'],
          [`This site can't be reached. ${name}`, 'dns-failure'],
        ] as Array<[string, string]>,
    ),
    [';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 4242', 'dns-failure'],
    ['dig returns SERVFAIL for our api domain', 'dns-failure'],
    ['curl -s -o /dev/null -w "%{http_code}" https://api.example.com prints 000', 'no-response'],
  ])('%s → %s', (message, id) => {
    const { understanding, answer } = engine().ask(message);
    expect(understanding).toMatchObject({ intent: 'network_error', networkError: id, codes: [] });
    expect(answer).toMatchObject({ intent: 'network_error', error: { id } });
  });

  test('"000" from curl -w next to curl\'s error gets the error explained, not just "no status"', () => {
    expect(
      engine().understand('curl -w "%{http_code}" prints 000 and curl: (6) Could not resolve host: api.example.com'),
    ).toMatchObject({ intent: 'network_error', networkError: 'dns-failure' });
    // 000 alone, or XHR's status 0: no response at all, whatever the cause.
    expect(engine().understand('curl returns 000')).toMatchObject({
      intent: 'network_error',
      networkError: 'no-response',
      codes: [],
    });
    expect(engine().understand('xhr status is 0 and there is no response')).toMatchObject({
      intent: 'network_error',
      networkError: 'no-response',
    });
  });

  test('a status code in the message wins: the failure happened behind a proxy that answered', () => {
    expect(engine().understand('502 bad gateway, upstream says connection refused')).toMatchObject({
      intent: 'lookup',
      codes: expect.arrayContaining([502]),
    });
    expect(engine().understand('cloudflare 525 after ssl certificate problem on the origin')).toMatchObject({
      intent: 'lookup',
      ids: ['525-cloudflare'],
    });
  });

  test.each([
    [
      '2025/03/12 10:00:01 [error] 1234#1234: *5678 connect() failed (111: Connection refused) while connecting to upstream, client: 10.0.0.1, server: example.com, request: "GET /api HTTP/1.1", upstream: "http://127.0.0.1:8080/api"',
      502,
    ],
    [
      '[error] 31#31: *9 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.0.1',
      504,
    ],
    ['recv() failed (104: Connection reset by peer) while reading response header from upstream', 502],
    ['upstream prematurely closed connection while reading response header from upstream', 502],
    [
      'SSL_do_handshake() failed (SSL: error:0A000086:SSL routines::certificate verify failed) while SSL handshaking to upstream',
      502,
    ],
  ])("nginx's error log of a failure towards its backend is the status nginx answered: %s → %i", (line, code) => {
    expect(engine().understand(line)).toMatchObject({ intent: 'lookup', codes: [code], ids: [String(code)] });
  });

  test('an errno in parentheses is no status; a reason phrase there still is', () => {
    expect(engine().understand('recv() failed (104: Connection reset by peer)')).toMatchObject({
      intent: 'network_error',
      networkError: 'connection-reset',
    });
    expect(engine().understand('Request failed (404: Not Found)')).toMatchObject({ intent: 'lookup', codes: [404] });
  });

  test('a vendor named in the message with its own status for the failure gets that status; other vendors do not matter', () => {
    expect(engine().understand('cloudflare says connection refused by my origin')).toMatchObject({
      intent: 'lookup',
      ids: ['521-cloudflare'],
    });
    expect(engine().understand('spring boot app: java.net.ConnectException: Connection refused')).toMatchObject({
      intent: 'network_error',
      networkError: 'connection-refused',
    });
  });

  test.each([
    'curl: (52) Empty reply from server\nthis is against our own nginx on port 8443',
    'ERR_EMPTY_RESPONSE from the dev server after I changed the nginx config',
    'socket hang up when calling our nginx',
    'xhr status 0 from our app behind an aws alb',
  ])('%j: a status the vendor only logs is not what its client saw: the failure is the answer', (text) => {
    expect(engine().understand(text).intent).toBe('network_error');
  });

  test.each(['ECONNREFUSED behind cloudflare', 'how do i fix ECONNREFUSED behind cloudflare'])(
    '%j: with the vendor named and nothing that describes its status, the failure printed is the answer',
    (text) => {
      expect(engine().understand(text)).toMatchObject({ intent: 'network_error', networkError: 'connection-refused' });
    },
  );

  test("a curl error with the vendor's own status for it described is that status, whatever curl's exit code", () => {
    expect(engine().understand('curl: (60) SSL certificate problem on our nginx mTLS')).toMatchObject({
      intent: 'lookup',
      ids: ['495-nginx'],
    });
  });

  test.each<[string, string]>([
    ['firefox: Secure Connection Failed, PR_END_OF_FILE_ERROR', 'tls-certificate'],
    ['NS_ERROR_UNKNOWN_HOST in the firefox console', 'dns-failure'],
    ['firefox: The connection has timed out', 'connection-timeout'],
    ['NS_ERROR_NET_RESET when the upload is half done', 'connection-reset'],
    ['NS_ERROR_CONNECTION_REFUSED from localhost:5173', 'connection-refused'],
  ])("Firefox's own names: %j is %s", (text, id) => {
    expect(engine().understand(text)).toMatchObject({ intent: 'network_error', networkError: id });
  });

  test('signatures stand apart from the words around them', () => {
    expect(findNetworkError('our codepipeline deploy failed', errors())).toBeUndefined();
    expect(findNetworkError('the pipe broke (epipe)', errors())?.id).toBe('connection-reset');
    expect(findNetworkError('net::err_cert_authority_invalid', errors())?.id).toBe('tls-certificate');
    expect(findNetworkError('what is 502', errors())).toBeUndefined();
  });

  test('with two failures named, the first one is the subject', () => {
    expect(findNetworkError('socket hang up, then connect econnrefused on retry', errors())?.id).toBe(
      'connection-reset',
    );
  });
});

describe('a name-resolution failure told in words, not pasted', () => {
  const hosts = ['api.example.com', 'payments.internal', 'registry.npmjs.org'];
  const told = [
    'dns resolution failed for {host}',
    '{host}: dns lookup fails every few minutes',
    'unable to resolve host {host}',
    'we get a dns error when calling {host}',
    'cannot resolve host {host} from the pod',
  ];
  test.each(told)('%j is a DNS failure', (template) => {
    for (const host of hosts)
      expect(engine().understand(template.replace('{host}', host))).toMatchObject({
        intent: 'network_error',
        networkError: 'dns-failure',
        codes: [],
      });
  });
  test.each(hosts)('a status beside it wins: "%s answers 502 since the dns change"', (host) => {
    expect(engine().understand(`${host} answers 502 since the dns change`)).toMatchObject({
      intent: 'lookup',
      codes: [502],
    });
  });
});

describe('a network failure told in words, not pasted', () => {
  test.each<[string, string]>([
    ['the connection was refused by the payments service', 'connection-refused'],
    ['our worker says the db refused to connect', 'connection-refused'],
    ['the certificate on our api expired yesterday', 'tls-certificate'],
    ['the certificate is not trusted by our java client', 'tls-certificate'],
    ['cors is blocking my fetch from localhost:3000', 'cors-blocked'],
    ['the redirect loops forever between http and https', 'too-many-redirects'],
    ['mixed content warning on our https page', 'fetch-failed'],
    ['the connection gets reset when the report runs long', 'connection-reset'],
  ])('%j is %s, less sure than the error as printed', (text, id) => {
    const u = engine().understand(text);
    expect(u).toMatchObject({ intent: 'network_error', networkError: id, codes: [] });
    expect(u.confidence).toBeLessThan(0.9);
  });
  // The same words beside a status, or for a status of their own, are that status.
  test.each<[string, number]>([
    ['cloudflare says the connection was refused by the origin', 521],
    ['the service refuses plain connections and demands that i upgrade the protocol first', 426],
    ['our token expired and the api says 401', 401],
  ])('%j is %i', (text, code) => {
    expect(engine().understand(text)).toMatchObject({ intent: 'lookup', codes: expect.arrayContaining([code]) });
  });
});

describe('the answer', () => {
  const { answer } = engine().ask('Error: connect ECONNREFUSED 127.0.0.1:5432');

  test('says it is no status, what happened, what to do on each side, and the statuses to compare it with', () => {
    const text = renderText(answer);
    expect(text).toMatch(/^\*\*Connection refused\*\*: a network error, not an HTTP status/);
    expect(text).toContain("If you're calling the API or browsing:");
    expect(text).toContain('If you run the server:');
    expect(text).toMatch(/- 502: /);
    expect(text).toMatch(/- 521 \(Cloudflare\): /);
    expect(answer.suggestions).toEqual(['how do I fix it?', 'whose side is it?', 'what is 502']);
  });

  test('every suggestion leads where it says: follow-ups stay on the error, "what is N" opens the status', () => {
    const after = { ids: [], networkError: 'connection-refused' };
    const read = (q: string) => engine().understand(q, after);
    expect(read('how do I fix it?')).toMatchObject({
      intent: 'follow_up',
      networkError: 'connection-refused',
      focus: 'fix',
    });
    expect(read('whose side is it?')).toMatchObject({
      intent: 'follow_up',
      networkError: 'connection-refused',
      focus: 'fault',
    });
    expect(read('what is 502')).toMatchObject({ intent: 'lookup', ids: ['502'] });
    expect(engine().ask('what is 521 Cloudflare').answer).toMatchObject({ entry: { id: '521-cloudflare' } });
  });

  test.each(errors().map((e) => e.id))(
    'the card for %s is valid, says "not an HTTP status" and links what it relates',
    (id) => {
      const error = engine().table.networkError(id);
      const { answer: a } = engine().ask(error?.signatures[0] as string);
      expect(a).toMatchObject({ intent: 'network_error', error: { id } });
      const card = answerCard(a, { feedback: true });
      expect(cardProblems(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(28_000);
      expect(visibleText(card)).toContain(NO_STATUS_LABEL);
      expect(visibleText(card)).toContain(error?.summary);
      const lookups = submitValues(card).flatMap((v) => (v?.action === 'lookup' ? [v.id] : []));
      expect(lookups).toEqual(error?.related.map((r) => (r.vendor ? `${r.code}-${r.vendor}` : String(r.code))));
      expect(submitValues(card)).toContainEqual({ action: 'feedback', reaction: 'like', id: `network-${id}` });
      expect(card.fallbackText?.startsWith(`${error?.name}: a network error, not an HTTP status`)).toBe(true);
    },
  );
});

describe('a broken data/network-errors.json stops the load, naming the field', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'statusbot-network-'));
    cpSync(DEFAULT_DATA_DIR, join(root, 'data'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const edit = (change: (errors: Array<Record<string, unknown>>) => void) => {
    const path = join(root, 'data', 'network-errors.json');
    const json = JSON.parse(readFileSync(path, 'utf8')) as Array<Record<string, unknown>>;
    change(json);
    writeFileSync(path, JSON.stringify(json));
  };
  const loadError = (): DataError => {
    try {
      loadTable(join(root, 'data'));
    } catch (err) {
      expect(err).toBeInstanceOf(DataError);
      return err as DataError;
    }
    throw new Error('expected a DataError, but the table loaded');
  };

  test.each([
    [
      'an upper-case signature',
      (e: Array<Record<string, unknown>>) => ((e[0] as { signatures: string[] }).signatures[0] = 'ECONNREFUSED'),
      '[0].signatures[0]',
      /must be lower case/,
    ],
    [
      'a signature too short to be specific',
      (e: Array<Record<string, unknown>>) => (e[1] as { signatures: string[] }).signatures.unshift('dns'),
      '[1].signatures[0]',
      /at least 4 characters/,
    ],
    [
      'a signature two failures claim',
      (e: Array<Record<string, unknown>>) => (e[1] as { signatures: string[] }).signatures.unshift('econnrefused'),
      '[1].signatures[0]',
      /already a signature of connection-refused/,
    ],
    [
      'a related status with no entry',
      (e: Array<Record<string, unknown>>) =>
        ((e[2] as { related: Array<{ code: number }> }).related[0] = {
          code: 599,
          vendor: 'nginx',
          note: 'Not a real entry.',
        } as never),
      '[2].related[0].code',
      /points at 599-nginx, which has no entry/,
    ],
    [
      'a repeated id',
      (e: Array<Record<string, unknown>>) => ((e[3] as { id: string }).id = 'dns-failure'),
      '[3].id',
      /repeats "dns-failure"/,
    ],
    [
      'no references',
      (e: Array<Record<string, unknown>>) => ((e[4] as { references: unknown[] }).references = []),
      '[4].references',
      /needs at least one reference/,
    ],
    [
      'a proxy status with no entry',
      (e: Array<Record<string, unknown>>) => ((e[0] as { proxyStatus: number }).proxyStatus = 599),
      '[0].proxyStatus',
      /is 599, which has no entry/,
    ],
    [
      'a proxy status that is no status',
      (e: Array<Record<string, unknown>>) => ((e[0] as { proxyStatus: number }).proxyStatus = 1000),
      '[0].proxyStatus',
      /between 100 and 599/,
    ],
  ])('%s', (_what, breakIt, field, problem) => {
    edit(breakIt);
    const err = loadError();
    expect(err.file).toBe('data/network-errors.json');
    expect(err.field).toBe(field);
    expect(err.message).toMatch(problem);
  });
});

describe('a failure told in words with an address between them: numbers are not words between', () => {
  test.each([
    'The connection to the server 10.96.0.1:6443 was refused - did you specify the right host or port?',
    'connection to 192.168.1.20 port 5432 refused',
  ])('%j is a refused connection', (text) => {
    expect(engine().understand(text)).toMatchObject({ intent: 'network_error', networkError: 'connection-refused' });
  });
});
