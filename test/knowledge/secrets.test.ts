/**
 * secrets.ts: credentials in pasted text, found by kind and redacted, in the shapes people paste them (curl -v, curl
 * commands, HTTP/2 headers, JSON and form bodies, query strings, .env and YAML files, connection strings, prose);
 * and, for every rule, the look-alikes that must stay as they are (placeholders, request and ray ids, hashes, paths).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  findSecrets,
  REDACTED,
  redactedStart,
  redactSecrets,
  SECRET_KINDS,
  type SecretKind,
} from '../../src/knowledge/secrets';
import { engine } from './fixture';

// Made-up credentials of the real shapes (none of them valid anywhere).
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const GHP = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const GITHUB_PAT = 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV';
const SLACK = 'xoxb-2048-4096-a1b2c3d4e5f6g7h8i9j0k1l2';
const STRIPE = 'sk_live_51H8xYzAbCdEfGhIjKlMnOpQr';
const GOOGLE = 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY';
const AKIA = 'AKIAZ7Q3M4N5P6R7S8T9';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9n4kQ2vA';
const AZURE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const SAS_SIG = 'lT9kR2bQ%2Fz8nYc4pX0aWv6uE1sJ3mH5gD7fK9iL2oN4%3D';
const PEM = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEA1c7+9z5Pad7OejecsQ0bu3aozN3tihPmljnnudb9G3HECdnH',
  'lWu2/a1gB9JW5TBQ+AVpum9Okx7KfqkfBKL9mcHgSL0yWMdjMfNOqNtrQqKlN4kE',
  '-----END RSA PRIVATE KEY-----',
].join('\n');

const FAMILIES: Array<[string, string, SecretKind[]]> = [
  // Authorization headers: curl -v, HTTP/2, curl commands, JSON, code.
  [
    'curl -v request line',
    `> GET /v1/orders HTTP/1.1\n> Host: api.example.com\n> Authorization: Bearer ${JWT}\n>\n< HTTP/1.1 401 Unauthorized`,
    ['bearer-token'],
  ],
  ['HTTP/2 lower case', `authorization: bearer k8sT0ken-4f9a2c1e77`, ['bearer-token']],
  [
    'curl -H in single quotes',
    `curl -H 'Authorization: Bearer 9f8e7d6c5b4a39281706' https://api.example.com/x`,
    ['bearer-token'],
  ],
  [
    'JSON headers object',
    `{"headers": {"Authorization": "Bearer abc123def456ghi789", "Accept": "*/*"}}`,
    ['bearer-token'],
  ],
  ['Proxy-Authorization Basic', `Proxy-Authorization: Basic ${btoa('proxyuser:s3cret!')}`, ['basic-credentials']],
  ['Authorization Basic', `Authorization: Basic ${btoa('alice:hunter2')}`, ['basic-credentials']],
  ['Authorization with another scheme', 'Authorization: Token 5f2b9c0e1a7d44c6b8e3', ['authorization']],
  [
    'Authorization with parameters',
    `Authorization: AWS4-HMAC-SHA256 Credential=${AKIA}/20240101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024`,
    ['authorization', 'aws-access-key'],
  ],
  ['Authorization without a scheme', 'Authorization: 7c1e0d5a9b8f4e2d', ['authorization']],
  ['bearer in prose', `I send Bearer ${JWT.slice(0, 60)} and still get 401`, ['bearer-token']],
  // Cookies.
  ['Cookie header', '> Cookie: session=9a8b7c6d5e4f; theme=dark', ['cookie']],
  ['Set-Cookie header', '< set-cookie: sid=s%3A8f7e6d5c4b3a.Zx9; Path=/; HttpOnly; Secure', ['cookie']],
  ['curl --cookie', `curl --cookie "session=abc123; csrf=xyz" https://app.example.com/`, ['cookie']],
  ['curl -b', 'curl -b sid=0f1e2d3c4b5a https://app.example.com/', ['cookie']],
  // API-key and token headers.
  ['X-Api-Key header', '> X-Api-Key: 3b5d7f9a1c2e4g6h', ['api-key']],
  ['api-key header (Azure OpenAI)', 'api-key: 0123456789abcdef0123456789abcdef', ['api-key']],
  ['Ocp-Apim-Subscription-Key', 'Ocp-Apim-Subscription-Key: 7d4e1b8a5c2f9e6d3a0b', ['api-key']],
  ['X-Auth-Token header', 'X-Auth-Token: 44f0c2a9e1b7', ['token']],
  ['X-Amz-Security-Token', 'X-Amz-Security-Token: FwoGZXIvYXdzEJr//////////wEaDOx3v7q2', ['token']],
  // Query strings, form and JSON bodies.
  ['password= in a URL', 'GET /login?user=bob&password=hunter2 HTTP/1.1', ['password']],
  ['token= in a URL', 'https://api.example.com/feed?token=a1b2c3d4e5f6&page=2', ['token']],
  [
    'access_token= in a redirect',
    'https://app.example.com/cb#access_token=ya29.a0AfH6SMB3xyz123&token_type=Bearer',
    ['token'],
  ],
  ['api_key= in a URL', 'https://api.example.com/v2/weather?q=Oslo&api_key=f3e2d1c0b9a8', ['api-key']],
  ['key= in a URL (random value)', 'https://maps.example.com/api/js?key=Zk3LmN8pQ2rS5tV9wX1y', ['api-key']],
  ['secret= in a form body', 'client_id=web&client_secret=Qz7Yx2Wv9Ut4&grant_type=client_credentials', ['secret']],
  ['form body password', 'username=alice&password=correct%20horse', ['password']],
  ['JSON password', '{"username": "alice", "password": "Tr0ub4dor&3"}', ['password']],
  ['JSON camelCase token', '{"accessToken":"5e8f0a3b2c7d4e1f9a6b","expiresIn":3600}', ['token']],
  ['JSON refresh_token', `{"refresh_token": "r1.AbC9xYz8wVu7tSr6", "scope": "read"}`, ['token']],
  ['JSON id_token (a JWT)', `{"id_token": "${JWT}"}`, ['token']],
  ['Python dict', "headers = {'X-API-KEY': 'a9b8c7d6e5f4a3b2'}", ['api-key']],
  // Environment files, YAML, connection strings.
  ['.env password', 'DB_PASSWORD=pa55w0rd!', ['password']],
  ['.env token in capitals', 'NPM_TOKEN=npm_4f8e2a9c1b7d3e5f6a0b', ['token']],
  ['.env API key', 'OPENAI_API_KEY=sk-proj-4f8e2a9c1b7d3e5f6a0b', ['api-key']],
  ['YAML password', 'database:\n  user: app\n  password: s3cr3t-pw', ['password']],
  [
    'AWS credentials file',
    `[default]\naws_access_key_id = ${AKIA}\naws_secret_access_key = ${AWS_SECRET}`,
    ['aws-access-key', 'aws-secret-key'],
  ],
  [
    'AWS CLI JSON',
    `{"Credentials": {"AccessKeyId": "ASIAY34FZKBOKMUTVV7A", "SecretAccessKey": "${AWS_SECRET}", "SessionToken": "FwoGZXIvYXdzEJr3"}}`,
    ['aws-access-key', 'aws-secret-key', 'token'],
  ],
  [
    'Azure storage connection string',
    `DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net`,
    ['azure-key'],
  ],
  [
    'Service Bus connection string',
    'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA=',
    ['azure-key'],
  ],
  [
    'SAS URL',
    `https://acme.blob.core.windows.net/logs/app.log?sv=2022-11-02&ss=b&sp=r&se=2025-01-01T00:00:00Z&sig=${SAS_SIG}`,
    ['signature'],
  ],
  [
    'SharedAccessSignature in a connection string',
    `BlobEndpoint=https://acme.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&sig=${SAS_SIG}`,
    ['signature'],
  ],
  [
    'S3 presigned URL',
    `https://bucket.s3.amazonaws.com/a.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${AKIA}%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe`,
    ['aws-access-key', 'signature'],
  ],
  ['ODBC connection string', 'Driver={ODBC Driver 18};Server=db.example.com;Uid=app;Pwd=Xy7!kLm2;', ['password']],
  // URL userinfo.
  ['https user:pass@host', 'curl https://deploy:Pa55word@registry.example.com/v2/', ['url-credentials']],
  ['postgres URL', 'DATABASE_URL=postgres://app:q7Wc9Zx2@db.internal:5432/orders', ['url-credentials']],
  ['redis URL without user', 'redis://:r3d1sPass@cache.example.com:6379/0', ['url-credentials']],
  // Well-known prefixes, bare.
  ['GitHub personal token', `token ${GHP}`, ['github-token']],
  ['GitHub fine-grained token', `export GH=${GITHUB_PAT}`, ['github-token']],
  ['GitHub token as a bearer', `Authorization: Bearer ${GHP}`, ['github-token']],
  ['Slack bot token', `SLACK=${SLACK}`, ['slack-token']],
  [
    'Slack webhook URL',
    'POST https://hooks.slack.com/services/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 returned 404',
    ['slack-token'],
  ],
  ['Stripe secret key', `stripe.api_key = "${STRIPE}"`, ['stripe-key']],
  ['Stripe restricted test key', 'rk_test_4eC39HqLyjWDarjtT1zdp7dc', ['stripe-key']],
  [
    'Google API key in a URL',
    `https://maps.googleapis.com/maps/api/geocode/json?address=Oslo&key=${GOOGLE}`,
    ['google-api-key'],
  ],
  ['AWS access key id alone', `my key is ${AKIA} and S3 says 403`, ['aws-access-key']],
  ['temporary AWS key id', 'ASIAY34FZKBOKMUTVV7A', ['aws-access-key']],
  ['PEM private key', `here is the key\n${PEM}\nand nginx says 502`, ['private-key']],
  ['PEM cut short', PEM.split('\n').slice(0, 2).join('\n'), ['private-key']],
  [
    'private key in JSON (service account)',
    `{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n"}`,
    ['private-key'],
  ],
  [
    'OpenSSH private key',
    '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----',
    ['private-key'],
  ],
  ['JWT alone', `the token ${JWT} expired`, ['jwt']],
  ['unsigned JWT', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.', ['jwt']],
  // Several at once, in order of appearance.
  [
    'a whole curl -v',
    `> POST /api HTTP/2\n> authorization: Bearer ${JWT}\n> cookie: sid=77a1b2c3d4\n> x-api-key: 9f8e7d6c5b4a3928\n< HTTP/2 403`,
    ['bearer-token', 'cookie', 'api-key'],
  ],
];

describe('findSecrets names each kind, in the shapes it is pasted in', () => {
  test.each(FAMILIES)('%s', (_name, text, kinds) => {
    expect(findSecrets(text)).toEqual(kinds);
    expect(redactSecrets(text)).toContain(REDACTED);
  });

  it('has a case for every kind', () => {
    const covered = new Set(FAMILIES.flatMap(([, , kinds]) => kinds));
    expect(SECRET_KINDS.filter((k) => !covered.has(k))).toEqual([]);
  });
});

describe('redactSecrets replaces the secret and keeps what is around it', () => {
  test.each<[string, string]>([
    [`> Authorization: Bearer ${JWT}`, `> Authorization: Bearer ${REDACTED}`],
    [
      `-H 'Authorization: Basic ${btoa('alice:hunter2')}' -H 'Accept: */*'`,
      `-H 'Authorization: Basic ${REDACTED}' -H 'Accept: */*'`,
    ],
    ['Cookie: a=1; b=2', `Cookie: ${REDACTED}`],
    ['GET /login?user=bob&password=hunter2&next=/home', `GET /login?user=bob&password=${REDACTED}&next=/home`],
    ['{"password": "Tr0ub4dor&3", "remember": true}', `{"password": "${REDACTED}", "remember": true}`],
    ['https://deploy:Pa55word@registry.example.com/v2/', `https://deploy:${REDACTED}@registry.example.com/v2/`],
    [
      `AccountName=acme;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net`,
      `AccountName=acme;AccountKey=${REDACTED};EndpointSuffix=core.windows.net`,
    ],
    [`?sv=2022-11-02&sig=${SAS_SIG}&se=2025`, `?sv=2022-11-02&sig=${REDACTED}&se=2025`],
    [`${GHP} and ${SLACK}`, `${REDACTED} and ${REDACTED}`],
    [PEM, `-----BEGIN RSA PRIVATE KEY-----${REDACTED}-----END RSA PRIVATE KEY-----`],
    ['DB_PASSWORD=pa55w0rd!\nDB_HOST=db.internal', `DB_PASSWORD=${REDACTED}\nDB_HOST=db.internal`],
    [`Cookie: sid=1a2b3c4d; token=${GHP}`, `Cookie: ${REDACTED}`],
  ])('%s', (text, redacted) => {
    expect(redactSecrets(text)).toBe(redacted);
  });

  it('leaves nothing of any family behind', () => {
    for (const secret of [JWT, GHP, GITHUB_PAT, SLACK, STRIPE, GOOGLE, AKIA, AWS_SECRET, AZURE_KEY, SAS_SIG]) {
      const pasted = `some log\napi_key=${secret}\nsecret: "${secret}"\n`;
      expect(redactSecrets(pasted)).not.toContain(secret.slice(4, 20));
    }
  });
});

describe('look-alikes are no secrets: nothing found, the text comes back unchanged', () => {
  test.each<[string, string]>([
    // Placeholders where a secret would go.
    ['a shell variable', `curl -H "Authorization: Bearer $TOKEN" https://api.example.com/`],
    ['a braced variable', 'Authorization: Bearer ${ACCESS_TOKEN}'],
    ['angle brackets', 'Authorization: Bearer <your-token>'],
    ['a template', 'x-api-key: {{apiKey}}'],
    ['already redacted', 'Authorization: Bearer [redacted]'],
    ['stars', 'password=********'],
    ['YOUR_ placeholder', 'Authorization: Bearer YOUR_ACCESS_TOKEN'],
    ['an example value', 'api_key=your-api-key-here'],
    ['null in JSON', '{"token": null, "password": ""}'],
    ['a doc URL with a placeholder password', 'postgres://user:${DB_PASS}@localhost/db'],
    // Words about credentials, not credentials.
    ['the bearer of bad news', 'the bearer of bad news is always the 503'],
    ['a bearer token in words', "i got 401 even tho i'm sending a bearer token"],
    ['Bearer with no token', '> Authorization: Bearer\n< HTTP/1.1 401 Unauthorized'],
    [
      'a challenge',
      'WWW-Authenticate: Bearer realm="api", error="invalid_token", error_description="The access token expired"',
    ],
    ['a Basic challenge', 'WWW-Authenticate: Basic realm="Restricted"'],
    ['a message about a password', 'Password: incorrect'],
    ['the password field', 'the password: it is rejected with 401'],
    ['Authorization required', 'Authorization: required'],
    ['a cookie in words', 'our cookies got so big that the server rejects the request headers'],
    ['a cookie header with no value', 'Cookie: (none)'],
    ['basic auth in words', 'Authorization: Basic realm'],
    [
      'an authorization header in words',
      'one giant authorization header and the server refuses because the headers are too big',
    ],
    // Ids, hashes and names that only look random.
    ['a request id', 'x-request-id: 5f0c6e2a-8b1d-4c3e-9f7a-2d4b6c8e0a1f'],
    ['a Cloudflare ray id', 'cf-ray: 7d8e9f0a1b2c3d4e-FRA'],
    ['an AWS request id', 'x-amzn-RequestId: 1b2c3d4e-5f6a-7b8c-9d0e-1f2a3b4c5d6e'],
    ['a trace header', 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['an ETag', 'ETag: "33a64df551425fcc55e4d42a148795d9f25f89d4"'],
    [
      'a webhook signature header',
      'X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    ],
    ['an asset hash', 'GET /static/js/main.3f9a8b7c6d5e4f3a2b1c.chunk.js HTTP/1.1" 404'],
    ['a cache-busting query', 'GET /app.css?v=9c8b7a6d5e4f3a2b1c0d HTTP/1.1 200'],
    ['a commit hash', 'deployed 9fceb02d0ae598e95dc970b74767f19372d61af8 and now 502'],
    [
      'an integrity hash',
      '<script src="/a.js" integrity="sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC">',
    ],
    ['a pagination token', '{"items": [], "nextPageToken": "CiAKGjBpNDd2Nmp2Zml2cXRwYjBpOXA3"}'],
    ['page_token in a URL', '/v1/items?page_token=CiAKGjBpNDd2Nmp2Zml2cXRwYjBp&limit=50'],
    ['a CSRF token header', 'X-CSRF-Token: 4f8e2a9c1b7d3e5f6a0b'],
    ['an idempotency key', 'Idempotency-Key: 8e7d6c5b-4a39-2817-0615-a4b3c2d1e0f9'],
    ['a cache key', 'cache_key=user:1234:profile'],
    ['an S3 object key', 'https://bucket.s3.amazonaws.com/?list-type=2&key=uploads/2024/photo.jpg'],
    ['a short key', 'GET /search?key=user-123 HTTP/1.1'],
    ['a keyboard event', '{"type": "keydown", "key": "Enter", "code": "Enter"}'],
    ['a publishable Stripe key', 'pk_live_51H8xYzAbCdEfGhIjKlMnOpQr'],
    [
      'a certificate',
      '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----',
    ],
    [
      'a public key',
      '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----',
    ],
    ['PUBLIC_KEY in an environment', 'JWT_PUBLIC_KEY=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'],
    ['the working directory', 'PWD=/home/deploy/app'],
    ['a port, not a password', 'curl http://localhost:8080/health'],
    ['an ssh remote', 'git@github.com:acme/statusbot.git'],
    ['a mail address', 'mailto:ops@example.com'],
    ['a user in a URL without a password', 'https://deploy@registry.example.com/v2/'],
    ['a JWT header alone', 'the header eyJhbGciOiJIUzI1NiJ9 decodes to HS256'],
    ['AKIA in words', 'what does AKIA mean in an AWS key'],
    ['lower-case akia', 'akiaz7q3m4n5p6r7s8t9'],
    ['a ghp_ prefix alone', 'tokens start with ghp_ on GitHub'],
    // What the bot is asked all day.
    ['a status line', 'HTTP/1.1 503 Service Unavailable'],
    [
      'an access log',
      '10.0.0.1 - - [12/Mar/2024:10:00:01 +0000] "GET /api/orders?id=42 HTTP/1.1" 502 157 "-" "curl/8.4.0"',
    ],
    ['an nginx error', 'upstream timed out (110: Connection timed out) while reading response header from upstream'],
    ['a question', 'what is 502'],
  ])('%s', (_name, text) => {
    expect(findSecrets(text)).toEqual([]);
    expect(redactSecrets(text)).toBe(text);
  });

  it('no question of the regression corpus holds a secret', () => {
    const dir = join(__dirname, '..', 'corpus');
    const questions = readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
      .filter((line) => line.trim())
      .map((line) => (JSON.parse(line) as { q: string }).q);
    expect(questions.length).toBeGreaterThan(500);
    expect(questions.filter((q) => findSecrets(q).length)).toEqual([]);
  });
});

describe('redactedStart: what a log line or statistic keeps', () => {
  it('is the start of the text, redacted', () => {
    expect(redactedStart(`password=hunter2 and the rest of a long message`, 20)).toBe(`password=${REDACTED} `);
    expect(redactedStart('what is 502', 200)).toBe('what is 502');
  });

  it('recognises a secret that runs across the cut, so none of it is kept', () => {
    for (const secret of [JWT, GHP, STRIPE, `Bearer ${JWT}`]) {
      const text = `${'x'.repeat(190)} ${secret} after`;
      const kept = redactedStart(text, 200);
      expect(kept.length).toBeLessThanOrEqual(200);
      expect(kept).not.toContain(secret.replace('Bearer ', '').slice(0, 8));
    }
  });
});

describe('what the engine understands is the same with or without the secrets', () => {
  test.each<[string, string, number[]]>([
    [
      'curl -v with a bearer JWT and a 401',
      `> GET /v1/orders HTTP/1.1\n> Host: api.example.com\n> Authorization: Bearer ${JWT}\n> Accept: */*\n>\n< HTTP/1.1 401 Unauthorized\n< www-authenticate: Bearer error="invalid_token"`,
      [401],
    ],
    [
      'a 403 with an API key header',
      `curl -i -H 'X-Api-Key: 9f8e7d6c5b4a3928' https://api.example.com/admin\nHTTP/2 403`,
      [403],
    ],
    [
      'a Set-Cookie and a 302',
      '< HTTP/1.1 302 Found\n< Location: /login\n< Set-Cookie: sid=8f7e6d5c4b3a; Path=/; HttpOnly',
      [302],
    ],
    [
      'a presigned URL that answers 403',
      `GET https://bucket.s3.amazonaws.com/a.pdf?X-Amz-Credential=${AKIA}%2F20240101&X-Amz-Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe gives 403 Forbidden`,
      [403],
    ],
    [
      'a GitHub token and a 401',
      `curl -H "Authorization: token ${GHP}" https://api.github.com/user → 401 Bad credentials`,
      [401],
    ],
    [
      'a database URL and a 500',
      'DATABASE_URL=postgres://app:q7Wc9Zx2@db.internal:5432/orders and the API returns 500',
      [500],
    ],
    ['a Stripe key and a 429', `stripe with ${STRIPE} keeps answering 429`, [429]],
  ])('%s', (_name, text, codes) => {
    const original = engine().understand(text);
    const redacted = engine().understand(redactSecrets(text));
    expect(original.codes.slice(0, codes.length)).toEqual(codes);
    expect({ ...original, secrets: undefined }).toEqual({ ...redacted, secrets: undefined });
  });
});
