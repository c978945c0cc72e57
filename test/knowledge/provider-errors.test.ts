/**
 * provider-errors.ts + understand.ts step 3: every error of data/provider-errors/ is recognised in the forms it is
 * printed (SDK exception text, CLI output, JSON body, log line), not inside other words or without its provider where
 * it needs one, and a status number in the message that says otherwise still wins. Families over the whole table.
 */
import { renderText } from '../../src/render/render-text';
import { ASK_BELOW, type Understanding } from '../../src/knowledge/understanding';
import type { ProviderError } from '../../src/knowledge/provider-error-schema';
import { ProviderErrorFinder } from '../../src/knowledge/provider-errors';
import { engine } from './fixture';

const understand = (text: string): Understanding => engine().understand(text);
/** What a provider's error is read as: the intent, the first code and the error named. */
const readAs = (text: string) => {
  const u = understand(text);
  return { intent: u.intent, first: u.codes[0], providerError: u.providerError };
};
const errors = (): readonly ProviderError[] => engine().table.providerErrors;

/** The errors a name identifies, as printed (case counts). */
function ownersOf(name: string): ProviderError[] {
  return errors().filter((e) => e.names.includes(name));
}

/** A keyword of the provider that is a plain word, to name the provider in a sentence. */
function keywordOf(provider: string): string {
  const p = engine().table.provider(provider);
  return (p?.keywords.find((k) => /^[a-z][a-z0-9-]+$/.test(k)) ?? p?.keywords[0]) as string;
}

/** The forms an error name is printed in. */
const NAME_FORMS: ReadonlyArray<[string, (name: string) => string]> = [
  // No provider keyword in the templates: the provider named would rightly lead.
  ['SDK client error', (n) => `ClientError: An error occurred (${n}) when calling the Run operation: request failed`],
  ['exception then message', (n) => `Unhandled exception. ${n}: the request could not be completed`],
  ['JSON error body', (n) => `{"error": {"code": "${n}", "message": "Request failed."}}`],
  ['log line', (n) => `2026-12-06T10:42:01.512Z ERROR worker-3 call failed code=${n} requestId=8f2c1d`],
  ['chat question', (n) => `getting ${n} all of a sudden, what does it mean?`],
];

describe('every name, in every printed form', () => {
  const names = () => [...new Set(errors().flatMap((e) => e.names))];

  test.each(NAME_FORMS)('%s: the status the provider sends (or a question when providers disagree)', (_form, make) => {
    const wrong: string[] = [];
    for (const name of names()) {
      const owners = ownersOf(name);
      const statuses = new Set(owners.map((e) => e.status));
      const u = understand(make(name));
      const ok =
        statuses.size === 1
          ? u.intent === 'lookup' && u.codes[0] === owners[0]?.status
          : u.intent === 'lookup' && u.confidence < ASK_BELOW && u.codes.every((c) => statuses.has(c));
      if (!ok) wrong.push(`${name} → ${u.intent} ${u.codes.join(',')} (want ${[...statuses].join('|')})`);
    }
    expect(wrong).toEqual([]);
  });

  test("with its provider named, the provider's own error leads the answer", () => {
    const wrong: string[] = [];
    for (const error of errors()) {
      for (const name of error.names) {
        const u = understand(`${keywordOf(error.provider)} says ${name}`);
        const same = ownersOf(name).filter((e) => e.provider === error.provider);
        if (!same.some((e) => e.id === u.providerError) || u.codes[0] !== error.status)
          wrong.push(`${error.provider} ${name} → ${u.providerError ?? u.intent} ${u.codes[0]}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('every phrase and provider-bound word', () => {
  test('a phrase as printed, anywhere in a message, gives its error and status', () => {
    const wrong: string[] = [];
    for (const error of errors()) {
      for (const phrase of error.phrases) {
        // A gap ("resource group '*' could not be found") takes what the provider prints there.
        const u = understand(`hi, our job failed overnight with this: ${phrase.replaceAll('*', 'prod-eu-01')}`);
        if (u.providerError !== error.id || u.codes[0] !== error.status)
          wrong.push(`${phrase} → ${u.providerError ?? u.intent} ${u.codes[0]}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('a provider-bound word counts next to its provider', () => {
    const wrong: string[] = [];
    for (const error of errors()) {
      for (const word of error.withProvider) {
        const u = understand(`${keywordOf(error.provider)} keeps failing with ${word}`);
        if (u.codes[0] !== error.status)
          wrong.push(`${keywordOf(error.provider)} + ${word} → ${u.intent} ${u.codes[0]} (want ${error.status})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test('…and not without it', () => {
    const wrong: string[] = [];
    for (const error of errors()) {
      for (const word of error.withProvider) {
        const u = understand(`my notes from the retro mention ${word} twice`);
        if (u.providerError) wrong.push(`${word} → ${u.providerError}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('phrases with a gap', () => {
  const gapped = () => errors().flatMap((e) => e.phrases.filter((p) => p.includes('*')).map((p) => [e, p] as const));

  test('there are some, and each takes a value of one line, not a paragraph', () => {
    expect(gapped().length).toBeGreaterThan(2);
    for (const [error, phrase] of gapped()) {
      // This phrase alone, so the error's other names and phrases cannot stand in for it.
      const finder = new ProviderErrorFinder([{ ...error, names: [], withProvider: [], phrases: [phrase] }], []);
      const read = (filler: string) => {
        const text = `the deploy said: ${phrase.replaceAll('*', filler)}`;
        return finder.read(text, text.toLowerCase())?.best.error.id;
      };
      expect(read("'web-app'")).toBe(error.id);
      expect(read('x\nand on the next line')).toBeUndefined();
      expect(read('x'.repeat(400))).toBeUndefined();
    }
  });
});

describe('a bare numbered phrase ("error 1020") needs the web around it', () => {
  // A word of the web in the phrase itself ("http error 500.19", "502.3 - bad gateway") is evidence enough.
  const webWord = (p: string) => (p.match(/[a-z]+/g) ?? []).some((w) => engine().lexicon.webWords.has(w));
  const bare = () =>
    errors().flatMap((e) =>
      e.phrases
        .filter((p) => /\d/.test(p) && (p.match(/[a-z]{2,}/g) ?? []).length <= 2 && !webWord(p))
        .map((p) => [e, p] as const),
    );

  test("on a website, it is the provider's error", () => {
    expect(bare().length).toBeGreaterThan(20);
    const wrong = bare().filter(
      ([e, p]) => understand(`visitors see ${p} on our website since this morning`).providerError !== e.id,
    );
    expect(wrong.map(([, p]) => p)).toEqual([]);
  });

  test("on a car's screen, it is not; a number outside HTTP's range says which page it would be", () => {
    for (const [error, phrase] of bare()) {
      const u = understand(`my car's dashboard shows ${phrase} since the update`);
      expect(u.providerError).toBeUndefined();
      // An IIS sub-status ("error 404.13") is still its status by number, as any known code is.
      if (u.intent === 'unknown_code' && (u.code ?? 0) > 599)
        expect(engine().table.providerError(u.alsoNamed ?? '')?.phrases).toContain(phrase);
      else if (!/\b[1-5]\d\d\b/.test(phrase)) expect(u.codes).not.toContain(error.status);
    }
  });
});

describe('counter-examples', () => {
  test('a name inside a longer identifier is another thing', () => {
    const wrong: string[] = [];
    for (const error of errors()) {
      // A dotted or nested name ends in a name of its own ("HttpStatusCode.NotFound"): only plain identifiers here.
      for (const name of error.names.filter((n) => !/[._$:-]/.test(n))) {
        for (const text of [`see ${name}Policy in the docs`, `the X${name} flag is set`, `${name}_count went up`]) {
          const u = understand(text);
          if (u.providerError) wrong.push(`${text} → ${u.providerError}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  test('a name in another case, with no provider named, is ordinary text', () => {
    const camel = errors().flatMap((e) => e.names.filter((n) => /[a-z][A-Z]/.test(n) && !/[._$:-]/.test(n)));
    expect(camel.length).toBeGreaterThan(50);
    const wrong = camel
      .map((n) => [n, understand(`we talked about ${n.toLowerCase()} at lunch`).providerError])
      .filter(([, id]) => id);
    expect(wrong).toEqual([]);
  });

  test.each([
    [
      "MySQL shares the numbers of Cloudflare's 1xxx errors",
      "ERROR 1016 (HY000): Can't open file: 'orders.ibd' (errno: 24)",
    ],
    ['a spreadsheet cell is not a Heroku code', 'the H12 cell in my spreadsheet shows #REF'],
    ['a slowdown of traffic is not S3', 'we saw a slowdown in traffic after the release'],
  ])('%s', (_why, text) => {
    expect(understand(text).providerError).toBeUndefined();
  });
});

describe('a status number in the message', () => {
  const sample = () =>
    errors()
      .filter((e) => e.names.some((n) => ownersOf(n).length === 1))
      .slice(0, 60);

  test("that agrees: the provider's error leads, with that status", () => {
    for (const error of sample()) {
      const name = error.names.find((n) => ownersOf(n).length === 1) as string;
      const u = understand(`HTTP ${error.status} from the API: ${name}`);
      expect([u.codes[0], u.providerError]).toEqual([error.status, error.id]);
    }
  });

  test('that says otherwise: the number wins, and no provider error is claimed', () => {
    for (const error of sample()) {
      const name = error.names.find((n) => ownersOf(n).length === 1) as string;
      const other = error.status === 502 ? 504 : 502;
      const u = understand(`the gateway returned HTTP ${other} and the log says ${name}`);
      expect([u.codes[0], u.providerError, u.alsoNamed]).toEqual([other, undefined, error.id]);
      // What the provider's error means beside it is told as a note, when the table has one.
      const { notes } = engine().answer(u);
      expect(notes.some((n) => n.includes(`${error.name}, which comes with ${error.status}`))).toBe(
        error.note !== undefined,
      );
    }
  });
});

describe('the answer', () => {
  const pasted =
    'An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist';

  test("leads with the provider's meaning, then the status in general", () => {
    const { answer } = engine().ask(pasted);
    const text = renderText(answer, 'plain');
    expect(text.split('\n')[0]).toBe('Amazon S3 NoSuchBucket (Amazon Web Services) — 404 Not Found');
    expect(text).toContain('What 404 Not Found means in general');
    expect(text.indexOf('NoSuchBucket')).toBeLessThan(text.indexOf('What 404'));
  });

  test('pasted words ask nothing: "max retries" in the output is no question about retrying', () => {
    expect(
      understand(
        'An error occurred (SlowDown) when calling the PutObject operation (reached max retries: 4): Please reduce your request rate.',
      ).focus,
    ).toBe('overview');
    expect(understand(`how do I fix this?\n${pasted}`).focus).toBe('fix');
  });

  test("a follow-up stays on the provider's error", () => {
    const first = engine().understand(pasted);
    const context = { ids: first.ids, providerError: first.providerError };
    const next = engine().understand('how do I fix it?', context);
    expect([next.intent, next.focus, next.providerError]).toEqual(['follow_up', 'fix', 's3-nosuchbucket']);
    const text = renderText(engine().answer(next), 'plain');
    expect(text.split('\n')[0]).toContain('NoSuchBucket');
  });
});

describe('kubectl\'s validation message without its "Error from server" prefix is the API server\'s 422', () => {
  // Kinds × field paths × apimachinery's field error types, as kubectl create/apply/replace print them.
  const kinds = ['The Deployment "web"', 'The Service "api"', 'Job.batch "migrate"', 'The ConfigMap "settings"'];
  const fields = [
    'spec.template.spec.containers[0].image: Required value',
    'metadata.name: Invalid value: "API_v2"',
    'spec.ports[0].protocol: Unsupported value: "HTTP"',
  ];
  test.each(kinds.flatMap((k) => fields.flatMap((f) => [`${k} is invalid: ${f}`, `${k} is invalid: [${f}]`])))(
    '%j',
    (text) => {
      expect(readAs(text)).toEqual({
        intent: 'lookup',
        first: 422,
        providerError: 'k8s-invalid',
      });
    },
  );

  test.each(['the form says the email is invalid: please check it', 'my password is invalid'])(
    '%j is no Kubernetes error',
    (text) => {
      expect(understand(text).providerError).not.toBe('k8s-invalid');
    },
  );
});

describe("Express's default 404 and Envoy's own replies, as printed", () => {
  const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
  const paths = ['/api/v2/users', '/login', '/health/'];
  test.each(
    methods.flatMap((m) => paths.map((p) => [`Cannot ${m} ${p}`, `express just says Cannot ${m} ${p}`])).flat(),
  )("%j is Express's 404", (text) => {
    expect(understand(text)).toMatchObject({ intent: 'lookup', codes: [404], providerError: 'express-cannot-get' });
  });

  test.each([
    'upstream connect error or disconnect/reset before headers. reset reason: connection failure',
    'upstream connect error or disconnect/reset before headers. reset reason: remote connection failure, transport failure reason: delayed connect error: 111',
    'upstream connect error or disconnect/reset before headers. reset reason: connection termination',
  ])("%j is Envoy's 503", (text) => {
    expect(understand(text)).toMatchObject({ intent: 'lookup', providerError: 'envoy-upstream-connect-error' });
    expect(understand(text).codes[0]).toBe(503);
  });

  test('"no healthy upstream" from an Istio sidecar is Envoy\'s 503', () => {
    expect(understand('istio sidecar answers: no healthy upstream')).toMatchObject({
      codes: [503],
      providerError: 'envoy-no-healthy-upstream',
    });
  });
});

describe("Apache httpd's error log names its failure by an AH number", () => {
  const stamp = '[Tue Mar 04 11:20:07.442190 2025]';
  test.each<[string, number, string]>([
    [
      `${stamp} [auth_basic:error] [pid 2211:tid 1402] [client 203.0.113.41:51234] AH01617: user bob: authentication failure for "/admin": Password Mismatch`,
      401,
      'apache-auth-failure',
    ],
    [
      `${stamp} [auth_basic:error] [pid 2211] [client 203.0.113.41:51234] AH01618: user alice not found: /admin`,
      401,
      'apache-auth-failure',
    ],
    [
      `${stamp} [authz_core:error] [pid 1234] [client 198.51.100.7:50522] AH01630: client denied by server configuration: /var/www/html/private`,
      403,
      'apache-client-denied',
    ],
    [
      `${stamp} [core:info] [pid 7] [client 10.0.0.9:1234] AH00128: File does not exist: /var/www/html/favicon.ico`,
      404,
      'apache-file-does-not-exist',
    ],
    [
      `${stamp} [core:error] [pid 99] [client 10.0.0.2:4444] AH00124: Request exceeded the limit of 10 internal redirects due to probable configuration error.`,
      500,
      'apache-internal-redirects',
    ],
    [
      `${stamp} [proxy:error] [pid 1234] (111)Connection refused: AH00957: HTTP: attempt to connect to 127.0.0.1:9000 (localhost) failed`,
      503,
      'apache-proxy-no-backend',
    ],
    [
      `${stamp} [proxy_http:error] [pid 1234] AH01114: HTTP: failed to make connection to backend: localhost`,
      503,
      'apache-proxy-no-backend',
    ],
  ])('%j is %i', (text, code, id) => {
    expect(readAs(text)).toEqual({
      intent: 'lookup',
      first: code,
      providerError: id,
    });
  });

  test.each(['password mismatch on my wifi router', 'the file does not exist on my usb stick'])(
    '%j is no Apache error',
    (text) => {
      expect(understand(text).providerError).toBeUndefined();
    },
  );
});

describe('Azure Cosmos DB errors, as its SDKs print them, are the status Cosmos DB sends', () => {
  // .NET v3 CosmosException, Python CosmosHttpResponseError and its subclasses, Java v4 CosmosException, the JS SDK's
  // error body: the shapes of Microsoft's troubleshooting pages and SDK sources (references in azure.json).
  const dotnet = (name: string, code: number, sub: number, reason: string) =>
    `Microsoft.Azure.Cosmos.CosmosException : Response status code does not indicate success: ${name} (${code}); Substatus: ${sub}; ActivityId: 6a1f0c2e-0d7b-4f3e-9c55-2b8e1d7a9f10; Reason: (${reason});`;
  test.each<[string, number, string]>([
    [
      dotnet(
        'TooManyRequests',
        429,
        3200,
        'Request rate is large. More Request Units may be needed, so no changes were made. Please retry this request later.',
      ),
      429,
      'cosmos-request-rate-too-large',
    ],
    [
      'azure.cosmos.exceptions.CosmosHttpResponseError: (TooManyRequests) Request rate is large. More Request Units may be needed, so no changes were made.',
      429,
      'cosmos-request-rate-too-large',
    ],
    [
      'com.azure.cosmos.CosmosException: {"innerErrorMessage":"Request rate is large. More Request Units may be needed, so no changes were made.","statusCode":429,"subStatusCode":3200}',
      429,
      'cosmos-request-rate-too-large',
    ],
    [
      'Error: Message: {"Errors":["Request rate is large. More Request Units may be needed, so no changes were made. Please retry this request later."]}',
      429,
      'cosmos-request-rate-too-large',
    ],
    ['cosmos db sdk throws RequestRateTooLarge, what http status is that', 429, 'cosmos-request-rate-too-large'],
    [
      'Microsoft.Azure.Documents.RequestRateTooLargeException: Message: {"Errors":["Request rate is large"]}',
      429,
      'cosmos-request-rate-too-large',
    ],
    [
      dotnet(
        'NotFound',
        404,
        0,
        'Entity with the specified id does not exist in the system. More info: https://aka.ms/cosmosdb-tsg-not-found',
      ),
      404,
      'cosmos-not-found',
    ],
    [
      'azure.cosmos.exceptions.CosmosResourceNotFoundError: (NotFound) Entity with the specified id does not exist in the system.',
      404,
      'cosmos-not-found',
    ],
    ['cosmosdb read_item says Resource Not Found', 404, 'cosmos-not-found'],
    [dotnet('Conflict', 409, 0, 'Entity with the specified id already exists in the system.'), 409, 'cosmos-conflict'],
    [
      'azure.cosmos.exceptions.CosmosResourceExistsError: (Conflict) Entity with the specified id already exists in the system.',
      409,
      'cosmos-conflict',
    ],
    [
      dotnet(
        'PreconditionFailed',
        412,
        0,
        'Operation cannot be performed because one of the specified precondition is not met.',
      ),
      412,
      'cosmos-precondition-failed',
    ],
    ['CosmosAccessConditionFailedError on replace_item with if-match', 412, 'cosmos-precondition-failed'],
    [dotnet('RequestEntityTooLarge', 413, 0, 'Request size is too large'), 413, 'cosmos-request-entity-too-large'],
    ['cosmos db upsert fails: Request size is too large', 413, 'cosmos-request-entity-too-large'],
    [
      dotnet(
        'RequestTimeout',
        408,
        0,
        'GatewayStoreClient Request Timeout. Learn more: https://aka.ms/cosmosdb-tsg-request-timeout',
      ),
      408,
      'cosmos-request-timeout',
    ],
    [
      dotnet(
        'ServiceUnavailable',
        503,
        20003,
        'Service is currently unavailable. More info: https://aka.ms/cosmosdb-tsg-service-unavailable',
      ),
      503,
      'cosmos-service-unavailable',
    ],
    [
      dotnet(
        'Unauthorized',
        401,
        0,
        "The input authorization token can't serve the request. The wrong key is being used",
      ),
      401,
      'cosmos-unauthorized',
    ],
    [
      '(401) HTTP 401 Authentication Error: {"code":"Unauthorized","message":"The input authorization token can\'t serve the request."}',
      401,
      'cosmos-unauthorized',
    ],
    [
      'HTTP 401: The MAC signature found in the HTTP request is not the same as the computed signature.',
      401,
      'cosmos-unauthorized',
    ],
    [
      dotnet(
        'Forbidden',
        403,
        0,
        'Request originated from IP 203.0.113.9 through public internet. This is blocked by your Cosmos DB account firewall settings. More info: https://aka.ms/cosmosdb-tsg-forbidden',
      ),
      403,
      'cosmos-forbidden-firewall',
    ],
    [
      'Error: (Forbidden) Request blocked by Auth mydb : Request is blocked because principal [4f1e] does not have required RBAC permissions to perform action [Microsoft.DocumentDB/databaseAccounts/readMetadata] on resource [/].',
      403,
      'cosmos-forbidden-rbac',
    ],
    [
      dotnet(
        'BadRequest',
        400,
        1001,
        "PartitionKey extracted from document doesn't match the one specified in the header.",
      ),
      400,
      'cosmos-partition-key-mismatch',
    ],
  ])('%j is %i', (text, code, id) => {
    expect(readAs(text)).toEqual({
      intent: 'lookup',
      first: code,
      providerError: id,
    });
  });

  test('the answer names Azure Cosmos DB and the status', () => {
    const { answer } = engine().ask('cosmos db sdk throws RequestRateTooLarge, what http status is that');
    expect(renderText(answer, 'plain').split('\n')[0]).toBe(
      'Azure Cosmos DB RequestRateTooLarge (Microsoft Azure) — 429 Too Many Requests',
    );
  });

  test.each([
    ['a plain conflict, with no Cosmos word', 'we had a conflict in the meeting about the api'],
    ['a size complaint of another product', 'the upload form says request size is too large'],
    ['resource not found elsewhere', 'the wiki says resource not found for that page'],
    ['a request timeout word without Cosmos', 'my notes from the retro mention requesttimeout twice'],
    ['a "Request blocked" of another kind', 'the proxy log says request blocked by policy'],
  ])('%s is no Cosmos DB error', (_why, text) => {
    expect(understand(text).providerError ?? '').not.toMatch(/^cosmos-/);
  });

  test("a plain conflict stays what it was, and the Cosmos keywords don't pull other Azure errors", () => {
    expect(understand('we had a conflict in the meeting about the api').providerError).toBeUndefined();
    expect(understand('azure says TooManyRequests on my deployment').providerError).toBe('arm-throttled');
    expect(understand('s3 says PreconditionFailed').providerError).toBe('s3-preconditionfailed');
    expect(understand('The specified blob does not exist. cosmos db export job').providerError).toBe(
      'storage-blobnotfound',
    );
  });
});
