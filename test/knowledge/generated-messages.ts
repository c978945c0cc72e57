/**
 * Generated messages (fast-check arbitraries) in the families people send: any unicode, graphemes, ASCII soup, words
 * mixed with codes and numbers, short queries, pasted log lines. test/knowledge/fuzz.test.ts checks that every one is
 * understood validly; `npm run bench:engine` times the same families.
 *
 *   const families = messageFamilies(engine);
 *   fc.assert(fc.property(families.logs, (text) => { ... }));
 */
import fc from 'fast-check';
import { MAX_PATTERN } from '../../src/knowledge/code-search';
import type { StatusEngine } from '../../src/knowledge/engine';

export type Family = 'unicode' | 'graphemes' | 'ascii' | 'mixed' | 'logs' | 'short';

/** Words the engine reacts to: names, aliases, vendor keywords, lexicon cues, plus everyday words. */
function vocabulary(engine: StatusEngine): string[] {
  const { table, lexicon } = engine;
  const out = new Set<string>([
    'the',
    'api',
    'returns',
    'got',
    'a',
    'error',
    'status',
    'code',
    'http',
    'vs',
    'or',
    'and',
    'what',
    'is',
    'my',
    'server',
    'users',
    'ms',
    'port',
    'version',
    'hi',
    'thanks',
    'range',
    'errors',
    'in',
    'general',
    'xx',
    'flight',
    'ticket',
    'get',
    'post',
  ]);
  for (const e of table.entries)
    for (const w of `${e.name} ${e.aliases.join(' ')}`.toLowerCase().split(/[^a-z']+/)) if (w) out.add(w);
  for (const v of table.vendors) for (const k of v.keywords) out.add(k);
  for (const w of [
    ...lexicon.compareWords,
    ...lexicon.classCueWords,
    ...lexicon.statusBefore,
    ...lexicon.notStatusAfter,
  ].slice(0, 300))
    out.add(w);
  return [...out];
}

const separator = fc.constantFrom(
  ' ',
  ' ',
  ' ',
  ', ',
  '\n',
  ': ',
  '/',
  '-',
  '.',
  ' (',
  ') ',
  '"',
  '#',
  '$',
  '%',
  ':',
  '=',
  ' vs ',
  '\u00a0',
  '\t',
);

function token(engine: StatusEngine): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...vocabulary(engine)) },
    { weight: 3, arbitrary: fc.constantFrom(...engine.table.codes).map(String) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 99_999 }).map(String) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }).map((d) => `${d}xx`) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 100, max: 999 }).map((n) => `${n}${['ms', 's', '%', 'k', 'px'][n % 5]}`),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9 }))
        .map(([a, b, c]) => `v${a}.${b}.${c}`),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }) },
  );
}

const octet = fc.integer({ min: 0, max: 255 });
const ip = fc.tuple(octet, octet, octet, octet).map((p) => p.join('.'));
const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS');
const path = fc
  .array(
    fc.oneof(
      fc.constantFrom('api', 'v1', 'v2', 'users', 'orders', 'items', 'login', 'health', 'metrics', 'static', 'app.js'),
      fc.integer({ min: 0, max: 9_999 }).map(String),
    ),
    { minLength: 0, maxLength: 5 },
  )
  .map((segments) => '/' + segments.join('/'));
const day = fc.integer({ min: 1, max: 28 }).map((d) => String(d).padStart(2, '0'));
const clock = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
  .map((t) => t.map((n) => String(n).padStart(2, '0')).join(':'));
const agent = fc.constantFrom(
  'curl/8.5.0',
  'Mozilla/5.0 (X11; Linux x86_64)',
  'python-requests/2.31.0',
  'kube-probe/1.29',
  'okhttp/4.12.0',
  '-',
);

/** One line of a log as servers and tools print it: nginx, haproxy, curl, JSON, key=value, tool errors. */
export function logLine(engine: StatusEngine): fc.Arbitrary<string> {
  const codes = engine.table.codes;
  const status = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...codes) },
    { weight: 1, arbitrary: fc.integer({ min: 100, max: 599 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 9_999 }) },
  );
  const bytes = fc.oneof(
    fc.integer({ min: 0, max: 99_999 }).map(String),
    fc.constantFrom(...codes).map(String),
    fc.constant('-'),
  );
  return fc.oneof(
    // nginx / apache combined.
    fc
      .tuple(ip, day, clock, method, path, status, bytes, agent)
      .map(
        ([a, d, t, m, p, s, b, ua]) => `${a} - - [${d}/Apr/2025:${t} +0000] "${m} ${p} HTTP/1.1" ${s} ${b} "-" "${ua}"`,
      ),
    // haproxy.
    fc
      .tuple(day, clock, ip, fc.integer({ min: 1_024, max: 65_535 }), status, bytes, method, path)
      .map(
        ([d, t, a, port, s, b, m, p]) =>
          `Apr ${d} ${t} lb haproxy[1234]: ${a}:${port} [${d}/Apr/2025:${t}.123] fe be/srv1 0/0/1/2/3 ${s} ${b} - - ---- 1/1/0/0/0 0/0 "${m} ${p} HTTP/1.1"`,
      ),
    // curl -v / -i.
    fc
      .tuple(
        fc.constantFrom(
          '< HTTP/2 ',
          '< HTTP/1.1 ',
          'HTTP/1.1 ',
          '> GET / HTTP/1.1',
          '< content-length: ',
          '< retry-after: ',
        ),
        status,
      )
      .map(([prefix, s]) => (prefix.startsWith('> GET') ? prefix : `${prefix}${s}`)),
    // JSON logs.
    fc
      .tuple(
        fc.constantFrom('status', 'statusCode', 'code', 'http_status', 'elb_status_code'),
        status,
        fc.constantFrom('info', 'warn', 'error'),
      )
      .map(([k, s, level]) => `{"level":"${level}","${k}":${s},"msg":"request done"}`),
    // key=value.
    fc
      .tuple(clock, fc.constantFrom('status', 'status_code', 'code', 'duration_ms', 'bytes', 'port'), status)
      .map(([t, k, s]) => `2025-04-27T${t}Z level=info ${k}=${s} path=/api`),
    // Tool errors.
    fc
      .tuple(
        fc.constantFrom(
          'ERROR ',
          'Request failed with status code ',
          'HTTPError: ',
          'The remote server returned an error: (',
          'curl: (22) The requested URL returned error: ',
        ),
        status,
      )
      .map(([prefix, s]) => `${prefix}${s}${prefix.endsWith('(') ? ') Something' : ''}`),
  );
}

/** Each family of generated messages; every message but the short ones has more than five words or 40 characters. */
export function messageFamilies(engine: StatusEngine): Record<Family, fc.Arbitrary<string>> {
  const words = fc.array(fc.tuple(token(engine), separator), { minLength: 6, maxLength: 30 });
  const fewWords = fc.array(fc.tuple(token(engine), separator), { minLength: 1, maxLength: 5 });
  const joined = (parts: Array<[string, string]>) =>
    parts
      .map(([t, s]) => t + s)
      .join('')
      .trim();
  return {
    // Built from integers rather than fc.string({ unit: 'binary' }), whose first use costs over a second.
    unicode: fc
      .array(fc.integer({ min: 0, max: 0x10ffff }), { minLength: 41, maxLength: 120 })
      .map((cps) => String.fromCodePoint(...cps)),
    graphemes: fc.string({ unit: 'grapheme', minLength: 41, maxLength: 200 }),
    ascii: fc.string({ unit: 'grapheme-ascii', minLength: 41, maxLength: 300 }),
    mixed: words.map((parts) => joined(parts) || 'x'),
    // At most five words and MAX_PATTERN characters: the kind that may reach the fuzzy-search fallback.
    short: fewWords.map((parts) => joined(parts).slice(0, MAX_PATTERN)),
    logs: fc
      .tuple(
        fc.option(
          fc.constantFrom(
            'prod is down, here is the log:',
            'nginx access.log',
            'pantheon logs',
            'cloudflare says',
            'what is going on?',
          ),
          { nil: undefined },
        ),
        fc.array(logLine(engine), { minLength: 1, maxLength: 15 }),
      )
      .map(([preface, lines]) => [...(preface ? [preface] : []), ...lines].join('\n')),
  };
}
