/**
 * Credentials in what people paste (`curl -v` output, logs, configuration, JSON bodies): found, so that the answer
 * can say so, and replaced by REDACTED in whatever of the message is kept, logged or counted. The engine still reads
 * the original text; only copies that outlive the turn are redacted.
 *
 *   findSecrets('> Authorization: Bearer eyJhbGciOi…')    // ['bearer-token']
 *   redactSecrets('https://bob:hunter2@db.example.com/')   // 'https://bob:[redacted]@db.example.com/'
 *
 * Each rule finds one shape and the span of the secret in it. Names alone are not enough: a value must look like a
 * credential (placeholders such as `$TOKEN`, `<api-key>` or `YOUR_TOKEN` are none), and generic names (`key`, `token`,
 * `sig`) need values that look random, so request ids, ray ids, hashes and paths stay as they are.
 */

export const SECRET_KINDS = [
  'private-key',
  'aws-access-key',
  'aws-secret-key',
  'azure-key',
  'signature',
  'github-token',
  'slack-token',
  'stripe-key',
  'google-api-key',
  'bearer-token',
  'basic-credentials',
  'authorization',
  'cookie',
  'url-credentials',
  'password',
  'secret',
  'token',
  'api-key',
  'jwt',
] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

export const REDACTED = '[redacted]';

/** What a rule found: the kind and where the secret itself is (its name and the text around it stay). */
interface Found {
  kind: SecretKind;
  start: number;
  end: number;
}

/** The kinds of secret in `text`, each once, in the order they first appear. */
export function findSecrets(text: string): SecretKind[] {
  if (!MAY_HOLD_SECRET.test(text)) return [];
  const byRule = RULES.map((rule) => new Spans(rule(text)));
  // A secret inside a more telling one is named by that one: a JWT sent as a bearer token is a bearer token.
  const named = byRule.flatMap((spans, rank) =>
    spans.list.filter((f) => !byRule.slice(0, rank).some((higher) => higher.covers(f))),
  );
  named.sort((a, b) => a.start - b.start);
  return [...new Set(named.map((f) => f.kind))];
}

/** `text` with every secret replaced by REDACTED; text without secrets comes back as it is. */
export function redactSecrets(text: string): string {
  const spans = scan(text).sort((a, b) => a.start - b.start);
  if (!spans.length) return text;
  let out = '';
  let at = 0;
  for (const { start, end } of spans) {
    if (end <= at) continue;
    if (start >= at) out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

/** How far past a cut a secret may reach and still be recognised whole. */
const CUT_MARGIN = 4096;

/**
 * The first `length` characters of `text`, redacted: what a log line or a statistic keeps. Redacted before it is cut,
 * so a secret that runs across the cut is still recognised and does not leave its first characters behind.
 */
export function redactedStart(text: string, length: number): string {
  return redactSecrets(text.slice(0, length + CUT_MARGIN)).slice(0, length);
}

function scan(text: string): Found[] {
  return MAY_HOLD_SECRET.test(text) ? RULES.flatMap((rule) => rule(text)) : [];
}

/** One rule's findings, sorted, answering "does one of them cover this span?" in logarithmic time (pastes repeat). */
class Spans {
  readonly list: Found[];
  /** The furthest end among the first i + 1 spans. */
  private readonly reach: number[];

  constructor(found: Found[]) {
    this.list = found.sort((a, b) => a.start - b.start);
    let furthest = -1;
    this.reach = this.list.map((f) => (furthest = Math.max(furthest, f.end)));
  }

  covers(span: Found): boolean {
    let lo = 0;
    let hi = this.list.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.list[mid] as Found).start <= span.start) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return last >= 0 && (this.reach[last] as number) >= span.end;
  }
}

// === Rules, most telling first

type Rule = (text: string) => Found[];

/** A rule for a fixed shape: the `secret` group of every match (the `d` flag gives its position). */
function shape(kind: SecretKind, pattern: RegExp): Rule {
  return (text) =>
    [...text.matchAll(pattern)].flatMap((m) => {
      const at = m.indices?.groups?.secret;
      return at ? [{ kind, start: at[0], end: at[1] }] : [];
    });
}

/** PEM private keys (PKCS#1 and #8, EC, OpenSSH, PGP), up to their END line, or to the end of a paste cut short. */
const privateKey = shape(
  'private-key',
  /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----(?<secret>[\s\S]+?)(?:-----END \1-----|$)/dg,
);

/** AWS access key ids: long-term (AKIA) and temporary (ASIA) ones. */
const awsAccessKey = shape('aws-access-key', /(?<![A-Za-z0-9])(?<secret>A(?:KIA|SIA)[A-Z0-9]{16})(?![A-Za-z0-9])/dg);

/**
 * GitHub's token prefixes: personal (ghp_, github_pat_), OAuth (gho_),
 * user-to-server (ghu_), server (ghs_), refresh (ghr_).
 */
const githubToken = shape(
  'github-token',
  /(?<![A-Za-z0-9_])(?<secret>gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])/dg,
);

/** Slack bot, user, app and configuration tokens, and incoming-webhook URLs (whose path is the credential). */
const slackToken = shape(
  'slack-token',
  /(?<![A-Za-z0-9-])(?<secret>xox[abposre]-[A-Za-z0-9-]{10,}|xapp-\d-[A-Za-z0-9-]{10,})/dg,
);
const slackWebhook = shape(
  'slack-token',
  /hooks\.slack\.com\/services\/(?<secret>T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+)/dg,
);

/** Stripe secret and restricted keys (publishable pk_ keys are public). */
const stripeKey = shape(
  'stripe-key',
  /(?<![A-Za-z0-9_])(?<secret>(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,})(?![A-Za-z0-9_])/dg,
);

const googleApiKey = shape('google-api-key', /(?<![A-Za-z0-9_-])(?<secret>AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/dg);

/** A JSON Web Token anywhere: base64url JSON header and payload ("eyJ" is `{"`), and a signature that may be empty. */
const jwt = shape('jwt', /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*)/dg);

/** `Authorization:` and `Proxy-Authorization:` as headers, JSON keys or curl arguments; the scheme stays readable. */
const authorizationHeader: Rule = (text) =>
  headerValues(text, /(?<![\w-])(?:proxy-)?authorization["']?[ \t]*[:=][ \t]*/gi).flatMap(
    ({ start, value }): Found[] => {
      const scheme = /^([A-Za-z][\w.-]*)[ \t]+(?=\S)/.exec(value);
      if (!scheme) {
        const single = /^[^\s,;]+/.exec(value)?.[0];
        return single && credible(single, 'token')
          ? [{ kind: 'authorization', start, end: start + single.length }]
          : [];
      }
      const from = start + scheme[0].length;
      const credentials = value.slice(scheme[0].length);
      const token68 = /^[A-Za-z0-9\-._~+/]+=*(?![^\s,;])/.exec(credentials)?.[0];
      const name = (scheme[1] as string).toLowerCase();
      if (token68 && name === 'basic')
        return isBasicCredentials(token68)
          ? [{ kind: 'basic-credentials', start: from, end: from + token68.length }]
          : [];
      if (token68)
        return credible(token68, 'token')
          ? [{ kind: name === 'bearer' ? 'bearer-token' : 'authorization', start: from, end: from + token68.length }]
          : [];
      // Parameters (Digest, AWS4-HMAC-SHA256, SharedAccessSignature): the rest of the header.
      const params = credentials.trimEnd();
      return /[=:]/.test(params) && params.length >= 8
        ? [{ kind: 'authorization', start: from, end: from + params.length }]
        : [];
    },
  );

/** `Cookie:` and `Set-Cookie:` headers (the whole value), and curl's `-b` / `--cookie`. */
const cookies: Rule = (text) => {
  const found: Found[] = [];
  for (const { start, value } of headerValues(text, /(?<![\w-])(?:set-)?cookie["']?[ \t]*:[ \t]*/gi)) {
    const trimmed = value.trimEnd();
    if (/^[^\s=;,]+=[^\s;,]/.test(trimmed)) found.push({ kind: 'cookie', start, end: start + trimmed.length });
  }
  for (const m of text.matchAll(/(?<!\S)(?:-b|--cookie)[ \t]+(?:(["'])(?<quoted>[^'"\r\n]+)\1|(?<bare>[^\s'"]+))/dg)) {
    const at = m.indices?.groups?.quoted ?? m.indices?.groups?.bare;
    const value = m.groups?.quoted ?? m.groups?.bare ?? '';
    if (at && /[^\s=;]+=[^\s;]/.test(value)) found.push({ kind: 'cookie', start: at[0], end: at[1] });
  }
  return found;
};

/** A bearer token wherever it is written ("Bearer abc…" in prose, in a WWW-Authenticate example, in code). */
const bearer: Rule = (text) =>
  [...text.matchAll(/(?<![\w-])bearer[ \t]+(?<secret>[A-Za-z0-9\-._~+/]+=*)(?![\w\-.~+/=])/dgi)].flatMap(
    (m): Found[] => {
      const at = m.indices?.groups?.secret;
      const value = m.groups?.secret ?? '';
      // `Bearer realm="api"` is a challenge's parameter, not a token.
      const param = value.endsWith('=') && /["']/.test(text[at?.[1] ?? 0] ?? '');
      return at && !param && credible(value, 'token') ? [{ kind: 'bearer-token', start: at[0], end: at[1] }] : [];
    },
  );

/** `scheme://user:password@host`: the password. */
const urlCredentials: Rule = (text) =>
  [...text.matchAll(/(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/?#@:'"]*:(?<secret>[^\s/?#@'"]+)@/dg)].flatMap(
    (m): Found[] => {
      const at = m.indices?.groups?.secret;
      return at && !isPlaceholder(m.groups?.secret ?? '')
        ? [{ kind: 'url-credentials', start: at[0], end: at[1] }]
        : [];
    },
  );

/**
 * Names that hold a credential, however they are written: `password=` in a URL or form body, `"access_token": "…"` in
 * JSON, `X-Api-Key: …` as a header, `DB_PASSWORD=…` in an environment, `AccountKey=…;` in a connection string.
 * Specific names may carry any prefix (`db_password`, `x-api-key`, `userPassword`); the generic ones (`token`,
 * `key`, `sig`) only stand alone, so `page_token`, `idempotency_key` and `cache_key` are not read as credentials.
 */
const SPECIFIC_NAMES = [
  String.raw`pass(?:word|wd|phrase)`,
  String.raw`(?:client|app|api|consumer|webhook)?[-_]?secret(?:[-_]?(?:access[-_]?)?key)?`,
  String.raw`api[-_]?key`,
  String.raw`subscription[-_]?key`,
  String.raw`functions[-_]?key`,
  String.raw`(?:access|auth|api|refresh|session|security|bot|oauth|private|vault|id)[-_]?token`,
];
const SPECIFIC = String.raw`[a-z0-9_-]*?(?:${SPECIFIC_NAMES.join('|')})`;
const GENERIC =
  String.raw`pwd|token|key|access[-_]?key|account[-_]?key|shared[-_]?access[-_]?key|shared[-_]?access[-_]?signature|` +
  String.raw`sig|signature|x-amz-signature|x-goog-signature`;
/** Environment variables in capitals: `GITHUB_TOKEN`, `NPM_TOKEN`, `SENTRY_AUTH_KEY` (not `PUBLIC_KEY`). */
const ENV = String.raw`[A-Z][A-Z0-9_]*?(?<!PUBLIC)_(?:TOKEN|KEY|PAT)`;

const namedValues: Rule = (text) => {
  const found: Found[] = [];
  for (const [names, flags] of [
    [`${SPECIFIC}|${GENERIC}`, 'gi'],
    [ENV, 'g'],
  ] as const) {
    const pattern = new RegExp(String.raw`(?<![\w-])(?<name>${names})["']?[ \t]*(?<sep>[:=])[ \t]*`, flags);
    for (const m of text.matchAll(pattern)) {
      const name = m.groups?.name ?? '';
      const value = valueAt(text, (m.index ?? 0) + m[0].length, m.groups?.sep === '=');
      if (value && acceptable(name, value, flags === 'g'))
        found.push({ kind: kindOfName(name), start: value.start, end: value.end });
    }
  }
  return found;
};

/**
 * Something every rule needs (a name, a scheme, a prefix): most messages have none, and one scan for them is much
 * cheaper than running every rule. Widen it with any new rule.
 */
const MAY_HOLD_SECRET = new RegExp(
  [
    String.raw`bearer|authori[sz]ation|cookie|(?<!\S)-b\s|pass|pwd|secret|token|key|sig|_pat\b|:\/\/`,
    String.raw`akia|asia|gh[pousr]_|github_pat_|xox|xapp-|sk_|rk_|aiza|eyj|private key`,
  ].join('|'),
  'i',
);

const RULES: Rule[] = [
  privateKey,
  awsAccessKey,
  githubToken,
  slackToken,
  slackWebhook,
  stripeKey,
  googleApiKey,
  authorizationHeader,
  cookies,
  bearer,
  urlCredentials,
  namedValues,
  jwt,
];

// === Values

interface Value {
  start: number;
  end: number;
  text: string;
  /** Written in quotes, or after `=`: the shape says it is a value, so fewer checks are needed. */
  marked: boolean;
}

/**
 * The value after `name=` or `name:`: in quotes, up to the closing quote; after `=` (a query string, form body,
 * environment or connection string), up to the next separator; after `:` (a header or YAML), one word.
 */
function valueAt(text: string, start: number, afterEquals: boolean): Value | undefined {
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    const end = text.indexOf(quote, start + 1);
    const inner = end < 0 ? '' : text.slice(start + 1, end);
    return inner && !/[\r\n]/.test(inner) ? { start: start + 1, end, text: inner, marked: true } : undefined;
  }
  const word = readAt(text, start, afterEquals ? PARAMETER_VALUE : HEADER_WORD).replace(/[.,:)]+$/, '');
  return word ? { start, end: start + word.length, text: word, marked: afterEquals } : undefined;
}

const PARAMETER_VALUE = /[^\s&;#'"<>,)}\]]{1,4096}/y;
const HEADER_WORD = /[^\s'",;]{1,4096}/y;

/** What the sticky `pattern` matches at `start` (without copying the rest of the text), or ''. */
function readAt(text: string, start: number, pattern: RegExp): string {
  pattern.lastIndex = start;
  return pattern.exec(text)?.[0] ?? '';
}

/** Whether what follows a credential's name looks like one. */
function acceptable(name: string, value: Value, env: boolean): boolean {
  const n = name.toLowerCase().replace(/[-_]/g, '');
  if (n === 'pwd' && /^[/~.]|\\/.test(value.text)) return false; // $PWD is the working directory
  if (env) return credible(value.text, n.endsWith('key') ? 'random' : 'token');
  if (n === 'key' || n === 'sig' || n === 'signature' || n.endsWith('signature')) return credible(value.text, 'random');
  if (n === 'token' || n === 'pwd') return credible(value.text, 'token');
  return credible(value.text, value.marked ? 'any' : 'word');
}

function kindOfName(name: string): SecretKind {
  const n = name.toLowerCase().replace(/[-_]/g, '');
  if (n.endsWith('secretaccesskey')) return 'aws-secret-key';
  if (n === 'accountkey' || n === 'sharedaccesskey') return 'azure-key';
  if (n === 'sig' || n.endsWith('signature')) return 'signature';
  if (/(?:password|passwd|passphrase|pwd)$/.test(n)) return 'password';
  if (/secret(?:key)?$/.test(n)) return 'secret';
  if (n.endsWith('token') || n.endsWith('pat')) return 'token';
  return 'api-key';
}

/**
 * How much a value must look like a credential: `any` (its place says so), `word` (a password or key written after a
 * colon: six characters with a digit or sign, so "Password: incorrect" is none), `token` (eight characters with a
 * digit, or twenty), `random` (what a generic name needs: sixteen letters and digits, no path or file name).
 */
function credible(value: string, strength: 'any' | 'word' | 'token' | 'random'): boolean {
  if (isPlaceholder(value)) return false;
  switch (strength) {
    case 'any':
      return value.length >= 3;
    case 'word':
      return value.length >= 6 && /[\d\W_]/.test(value);
    case 'token':
      return value.length >= 20 || (value.length >= 8 && /\d/.test(value));
    case 'random':
      return value.length >= 16 && /^[A-Za-z0-9_\-+=%]+$/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value);
  }
}

/**
 * `$TOKEN`, `${API_KEY}`, `<token>`, `{{secret}}`, `[redacted]`, `***`, `xxxx`,
 * `YOUR_API_KEY`, `null`, `password`, `example-key`.
 */
function isPlaceholder(value: string): boolean {
  return (
    /^(?:\$\{?[\w.]+\}?|\$\(.*\)|%\w+%|<[^<>]*>|\{\{?[^{}]*\}?\}|\[[^[\]]*\]|%[sd])$/.test(value) ||
    /^(.)\1*$/.test(value) ||
    /^(?:null|nil|none|undefined|true|false|n\/a|empty|\.\.\.|…|pass(?:word)?|secret|token|(?:api[-_]?)?key)$/i.test(
      value,
    ) ||
    /^(?:your|my|the|some|insert|enter)[-_]/i.test(value) ||
    /(?:example|placeholder|redacted|masked|changeme|dummy)|[-_]here$/i.test(value)
  );
}

/** `Authorization: Basic …` is base64 of `user:password`. */
function isBasicCredentials(token: string): boolean {
  try {
    return atob(token).includes(':');
  } catch {
    return false;
  }
}

/**
 * Where each header the pattern finds has its value, and the value: to the end of the line, or to the quote that
 * closes it when the header is written in quotes (`-H 'Cookie: a=1'`, `"Authorization": "Bearer …"`).
 */
function headerValues(text: string, pattern: RegExp): Array<{ start: number; value: string }> {
  const matches = [...text.matchAll(pattern)];
  return matches.map((m, i) => {
    const at = (m.index ?? 0) + m[0].length;
    const opened = text[at] === '"' || text[at] === "'" ? text[at] : undefined;
    const before = text[(m.index ?? 0) - 1];
    const quote = opened ?? (before === '"' || before === "'" ? before : undefined);
    const start = opened ? at + 1 : at;
    // A value ends before the next header the pattern found, which keeps a paste of many headers linear.
    const limit = Math.min(start + 4096, matches[i + 1]?.index ?? text.length);
    let end = start;
    while (end < limit && text[end] !== '\n' && text[end] !== '\r' && text[end] !== quote) end++;
    return { start, value: text.slice(start, end) };
  });
}
