/**
 * The `ask` CLI contract (src/cli/ask.ts): a readable answer, --json (one object), --jsonl (one object per input
 * line, a line may be {"q": "..."} to hold line breaks), --help, and exit code 2 with the usage for an empty
 * question. Runs the built CLI (`node dist/src/cli/ask.js`) after `node scripts/ensure-built.js --quiet`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// Eleven CLI processes start at once (each loads the table); on a busy machine the first answers take seconds.
jest.setTimeout(60_000);

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'src', 'cli', 'ask.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function ask(args: string[], input = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const USAGE_LINES = [
  'Usage:',
  'npm run ask -- "what is 502"',
  'npm run --silent ask -- --json "what is 502"',
  '--jsonl',
  '--dialogues',
];

const logQuestion = 'HTTP/1.1 200 OK\nHTTP/1.1 503 Service Unavailable\nHTTP/1.1 503 Service Unavailable';
const jsonlInput = [
  'what is 502',
  '',
  '   ',
  JSON.stringify({ q: logQuestion }),
  'hi',
  '\t',
  '401 vs 403',
  '{not json',
  '{"q": 42}',
  'what is 404\r',
  'code 298',
].join('\n');

const runs: Record<string, Promise<Run>> = {};

beforeAll(() => {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.js'), '--quiet'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 170_000,
  });
  if (build.status !== 0) {
    // tsc still emits JavaScript when another part of the project has type errors; the CLI contract is tested on
    // what was emitted, and the build problem is shown here (`npm run lint` is where type errors fail).
    console.warn(
      `ensure-built exited with ${build.status}:\n${`${build.stdout}${build.stderr}`.split('\n').slice(0, 10).join('\n')}`,
    );
  }
  expect(existsSync(CLI)).toBe(true);
  // Every run starts now, in parallel; each test awaits its own.
  runs.plain = ask(['what', 'is', '502']);
  runs.plainSecret = ask([
    `curl -H 'Authorization: Bearer ${SECRET_TOKEN}' https://api.example.com/ gives HTTP/1.1 401`,
  ]);
  runs.jsonSecret = ask(['--json', `what is 403, my X-Api-Key: ${SECRET_TOKEN}`]);
  runs.json = ask(['--json', 'what is 502']);
  runs.jsonUnknown = ask(['--json', 'error 601']);
  runs.jsonNetwork = ask(['--json', 'Error: connect ECONNREFUSED 127.0.0.1:5432']);
  runs.jsonProvider = ask([
    '--json',
    'An error occurred (NoSuchBucket) when calling the ListObjectsV2 operation: The specified bucket does not exist',
  ]);
  runs.jsonl = ask(['--jsonl'], jsonlInput);
  runs.jsonlMany = ask(
    ['--jsonl'],
    Array.from({ length: 300 }, (_, i) => `what is ${[200, 404, 502][i % 3]} #${i}`).join('\n') + '\n',
  );
  runs.jsonlEmpty = ask(['--jsonl'], '\n\n   \n');
  runs.help = ask(['--help']);
  runs.helpShort = ask(['-h']);
  runs.empty = ask([]);
  runs.blank = ask(['   ']);
  runs.jsonNoQuestion = ask(['--json']);
  runs.unknownFlag = ask(['--jsnol', 'what is 502']);
  runs.jsonFollowUp = ask(['--json', 'how do I fix it?']);
  runs.dialogues = ask(
    ['--dialogues'],
    [
      JSON.stringify({ turns: DIALOGUE }),
      JSON.stringify({ turns: [{ q: '401 vs 403' }, { q: 'which one for an expired token' }] }),
      JSON.stringify({
        turns: ["the server says the thing i'm saving was changed by someone else in the meantime", 'why tho'],
      }),
    ].join('\n'),
  );
  runs.dialoguesBad = ask(
    ['--dialogues'],
    ['{"turns": "what is 502"}', JSON.stringify({ turns: ['what is 502'] })].join('\n'),
  );
}, 180_000);

const SECRET_TOKEN = 'c2VjcmV0LXRva2VuLTEyMzQ1Njc4OTA';

const DIALOGUE = [
  'my upload fails with 413 through nginx',
  'what config do i need to change',
  'and for the frontend?',
  'is it a bug in my code?',
  'thank you so much!',
];

interface AskJson {
  q: string;
  intent: string;
  codes: number[];
  ids: string[];
  class: string | null;
  code: number | null;
  confidence: number;
  alternatives: number[];
  vendors: string[];
  counts?: Array<{ code: number; count: number }>;
  networkError?: string;
  providerError?: string;
  provider?: string;
  truncated: boolean;
  reply: string;
}

const lines = (out: string) => out.split('\n').filter((l) => l.length > 0);
const parseLines = (out: string) => lines(out).map((l) => JSON.parse(l) as AskJson);

describe('ask "question": a readable answer', () => {
  test('plain text naming the code and "Bad Gateway", exit 0, nothing on stderr', async () => {
    const r = await runs.plain!;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe('502 Bad Gateway: 5xx server error');
    expect(r.stdout).toContain('Bad Gateway');
    expect(r.stdout).toContain("If you're calling the API or browsing:");
    // Plain text for a terminal: no markdown emphasis.
    expect(r.stdout).not.toContain('**');
  });
});

describe('ask with a credential in the question', () => {
  test('the answer starts with the warning and never repeats the credential', async () => {
    const r = await runs.plainSecret!;
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'Your message contains what looks like a bearer token; consider it exposed and rotate it.',
      '',
      '401 Unauthorized: 4xx client error',
    ]);
    expect(r.stdout).not.toContain(SECRET_TOKEN);
  });

  test('--json names the kinds in "secrets"; a question without one has no "secrets"', async () => {
    const out = JSON.parse((await runs.jsonSecret!).stdout) as AskJson & { secrets?: string[] };
    expect(out).toMatchObject({ intent: 'lookup', codes: [403], secrets: ['api-key'] });
    expect(out.reply.split('\n')[0]).toBe(
      'Your message contains what looks like an API key; consider it exposed and rotate it.',
    );
    expect(JSON.parse((await runs.json!).stdout)).not.toHaveProperty('secrets');
  });
});

describe('ask --json', () => {
  test('one JSON object with q, intent, codes, class, code, confidence and reply', async () => {
    const r = await runs.json!;
    expect(r.code).toBe(0);
    expect(lines(r.stdout)).toHaveLength(1);
    const out = JSON.parse(r.stdout) as AskJson;
    expect(out).toEqual(
      expect.objectContaining({
        q: 'what is 502',
        intent: 'lookup',
        codes: [502],
        ids: ['502'],
        class: '5xx',
        code: null,
        vendors: [],
        truncated: false,
      }),
    );
    expect(out.confidence).toBeGreaterThan(0);
    expect(out.confidence).toBeLessThanOrEqual(1);
    expect(out.reply).toContain('502 Bad Gateway');
    expect(out.reply).not.toContain('**');
    expect(out).not.toHaveProperty('counts');
  });

  test('an unknown code carries the number in "code"', async () => {
    const out = JSON.parse((await runs.jsonUnknown!).stdout) as AskJson;
    expect(out).toMatchObject({ q: 'error 601', intent: 'unknown_code', codes: [], class: null, code: 601 });
    expect(out.reply).toContain('601 is not an HTTP status code');
    expect(out).not.toHaveProperty('networkError');
  });

  test('a network error carries its id in "networkError" and names no code', async () => {
    const out = JSON.parse((await runs.jsonNetwork!).stdout) as AskJson;
    expect(out).toMatchObject({ intent: 'network_error', networkError: 'connection-refused', codes: [], code: null });
    expect(out.reply.split('\n')[0]).toBe('Connection refused: a network error, not an HTTP status');
  });

  test("a provider's error carries its id and provider; the status is the code, the reply leads with the provider", async () => {
    const out = JSON.parse((await runs.jsonProvider!).stdout) as AskJson;
    expect(out).toMatchObject({ intent: 'lookup', codes: [404], providerError: 's3-nosuchbucket', provider: 'aws' });
    expect(out.reply.split('\n')[0]).toBe('Amazon S3 NoSuchBucket (Amazon Web Services) — 404 Not Found');
  });
});

describe('ask --jsonl', () => {
  test('one object per non-blank input line, in input order; blank lines skipped', async () => {
    const r = await runs.jsonl!;
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = parseLines(r.stdout);
    expect(out.map((o) => o.q)).toEqual([
      'what is 502',
      logQuestion,
      'hi',
      '401 vs 403',
      '{not json',
      '{"q": 42}',
      'what is 404',
      'code 298',
    ]);
    expect(out.map((o) => o.intent)).toEqual([
      'lookup',
      'triage',
      'greeting',
      'compare',
      out[4]!.intent,
      out[5]!.intent,
      'lookup',
      'unknown_code',
    ]);
  });

  test('a {"q": "..."} line holds a multi-line log, read as one question', async () => {
    const log = parseLines((await runs.jsonl!).stdout)[1]!;
    expect(log.q.split('\n')).toHaveLength(3);
    expect(log.intent).toBe('triage');
    expect(log.counts).toEqual([
      { code: 503, count: 2 },
      { code: 200, count: 1 },
    ]);
    expect(log.reply).toContain('Triage of 3 responses');
  });

  test('each object has the same fields as --json', async () => {
    for (const o of parseLines((await runs.jsonl!).stdout)) {
      for (const key of [
        'q',
        'intent',
        'codes',
        'ids',
        'class',
        'code',
        'confidence',
        'alternatives',
        'vendors',
        'truncated',
        'reply',
      ])
        expect(o).toHaveProperty(key);
      expect(o.reply.length).toBeGreaterThan(0);
    }
  });

  test('a line that only looks like JSON is read as a question', async () => {
    const out = parseLines((await runs.jsonl!).stdout);
    expect(out[4]!.q).toBe('{not json');
    expect(out[5]!.q).toBe('{"q": 42}');
  });

  test('CRLF line ends are not part of the question', async () => {
    const out = parseLines((await runs.jsonl!).stdout);
    expect(out[6]).toMatchObject({ q: 'what is 404', codes: [404] });
  });

  test('300 lines (more than one output batch): 300 objects, order preserved', async () => {
    const r = await runs.jsonlMany!;
    expect(r.code).toBe(0);
    const out = parseLines(r.stdout);
    expect(out).toHaveLength(300);
    out.forEach((o, i) => {
      expect(o.q).toBe(`what is ${[200, 404, 502][i % 3]} #${i}`);
      expect(o.codes[0]).toBe([200, 404, 502][i % 3]);
    });
  });

  test('only blank lines: no output, exit 0', async () => {
    const r = await runs.jsonlEmpty!;
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  });
});

describe('ask --dialogues: each turn read after the ones before it', () => {
  test('follow-ups name the code they are about and the part asked for; thanks is a greeting', async () => {
    const r = await runs.dialogues!;
    expect(r.code).toBe(0);
    const [first, second, third] = lines(r.stdout).map(
      (l) =>
        JSON.parse(l) as {
          turns: Array<AskJson & { focus?: string; act?: string; recommended?: string; didYouMean?: string[] }>;
        },
    );
    expect(first!.turns.map((t) => [t.intent, t.codes[0] ?? null, t.focus ?? null])).toEqual([
      ['lookup', 413, null],
      ['follow_up', 413, 'server'],
      ['follow_up', 413, 'client'],
      ['follow_up', 413, 'fault'],
      ['greeting', null, null],
    ]);
    expect(first!.turns[4]).toMatchObject({ act: 'thanks', codes: [] });
    expect(second!.turns[1]).toMatchObject({
      intent: 'follow_up',
      codes: [401, 403],
      focus: 'which',
      recommended: '401',
    });
    // After "did you mean …", a typed "why?" is about the likeliest reading offered.
    expect(third!.turns[0]?.didYouMean?.[0]).toBe('409');
    expect(third!.turns[1]).toMatchObject({ intent: 'follow_up', codes: [409], focus: 'cause' });
  });

  test('without a conversation the same follow-up asks what it refers to, naming no code', async () => {
    expect(JSON.parse((await runs.jsonFollowUp!).stdout)).toMatchObject({
      intent: 'none',
      codes: [],
      clarify: 'referent',
    });
  });

  test('a line that is no dialogue gets an error object in its place and exit 1; the others are still read', async () => {
    const r = await runs.dialoguesBad!;
    expect(r.code).toBe(1);
    const out = lines(r.stdout).map((l) => JSON.parse(l) as { error?: string; turns?: unknown[] });
    expect(out[0]).toEqual({ error: 'expected {"turns": ["...", "..."]}' });
    expect(out[1]?.turns).toHaveLength(1);
  });
});

describe('ask --help and usage errors', () => {
  test.each<[string]>([['help'], ['helpShort']])('%s: usage on stdout, exit 0', async (name) => {
    const r = await runs[name]!;
    expect(r.code).toBe(0);
    for (const l of USAGE_LINES) expect(r.stdout).toContain(l);
    expect(r.stderr).toBe('');
  });

  test.each<[string, string]>([
    ['empty', 'no arguments'],
    ['blank', 'a blank question'],
    ['jsonNoQuestion', '--json without a question'],
    ['unknownFlag', 'an option that does not exist'],
  ])('%s (%s): usage on stderr, exit 2, nothing on stdout', async (name) => {
    const r = await runs[name]!;
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    for (const l of USAGE_LINES) expect(r.stderr).toContain(l);
  });
});
