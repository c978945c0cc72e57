/**
 * The values in a pasted response that change the advice: how long Retry-After says to wait, what a rate limit has
 * left and when it resets, why WWW-Authenticate refused the token, which methods Allow lists, where Location points
 * (and whether that is where the request went), and what a problem+json, OAuth or Cloudflare error body says.
 *
 *   readPastedFacts('< HTTP/2 429\n< retry-after: 120')   // [{ kind: 'retry-after', value: '120', seconds: 120 }]
 *   readPastedFacts('{"error":"invalid_grant"}')           // [{ kind: 'oauth-error', error: 'invalid_grant' }]
 *
 * Headers are read as people paste them: `Name: value` lines in any case (raw responses, `curl -i`, browser copies,
 * a name and its value on two lines), `curl -v`'s `< name: value`, quoted pairs of a JSON object, a Python dict or a
 * list of tuples (`'retry-after': '120'`), HAR's `{"name": …, "value": …}`. Bodies are object literals anywhere in the
 * paste, HAR's escaped `content.text` included. A header's words in prose are no header: "retry after lunch" and
 * "allow me to ask" have no `Name:`, and a value must be what the header's grammar allows.
 *
 * Nothing is read from credential headers (Authorization, Cookie): only the headers below are read at all, and every
 * text kept is redacted (secrets.ts) and clipped to MAX_VALUE_LENGTH. There is no clock here: a delta stays a delta
 * and a date stays a date; describeFacts() (pasted-fact-words.ts) relates them to a `now` it is given.
 */
import { LAST_TIME, parseDuration, parseHttpDate, parseRfc3339 } from './http-date';
import { objectsIn, unescape, type Loose, type LooseObject } from './loose-json';
import { redactedStart, REDACTED } from './secrets';
import { MAX_MESSAGE_LENGTH } from './text';

// === Facts

/**
 * `Retry-After`: a delay in seconds, or the time as an ISO string (an HTTP-date). `header` and `value` are the header
 * as given (its name as registered: `Retry-After`, or `Retry-After-Ms` whose value is milliseconds).
 */
export interface RetryAfterFact {
  kind: 'retry-after';
  header: 'Retry-After' | 'Retry-After-Ms';
  value: string;
  seconds?: number;
  at?: string;
}

/**
 * A rate limit's state, from `X-RateLimit-*`, `RateLimit-*`, `X-Rate-Limit-*`, OpenAI's and Anthropic's
 * `…-requests`/`…-tokens` headers and the IETF draft's `RateLimit`/`RateLimit-Policy`. A reset is either a time
 * (`resetAt`, ISO) or a delay in seconds (`resetIn`); `window` is the policy's window in seconds; `scope` names the
 * quota when a paste has several (`requests`, `tokens`, a draft policy's name).
 */
export interface RateLimitFact {
  kind: 'rate-limit';
  scope?: string;
  limit?: number;
  remaining?: number;
  resetAt?: string;
  resetIn?: number;
  window?: number;
}

/** One challenge of `WWW-Authenticate` (RFC 9110 §11.6.1), with RFC 6750's error parameters. Never a token68. */
export interface WwwAuthenticateFact {
  kind: 'www-authenticate';
  scheme: string;
  realm?: string;
  error?: string;
  description?: string;
  scope?: string;
}

/** `Allow`: the methods the resource supports; empty when it supports none. */
export interface AllowFact {
  kind: 'allow';
  methods: string[];
}

/**
 * `Location`, resolved against the request when the paste shows it; `redirect-loop` when it is a URL requested before.
 */
export interface LocationFact {
  kind: 'location' | 'redirect-loop';
  location: string;
}

/** An RFC 9457 problem details body. */
export interface ProblemFact {
  kind: 'problem';
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
}

/** An OAuth 2.0 error body (RFC 6749 §5.2). */
export interface OAuthErrorFact {
  kind: 'oauth-error';
  error: string;
  description?: string;
  uri?: string;
}

/** Cloudflare's JSON error body for its 1xxx errors (RFC 9457 members and Cloudflare's own). */
export interface CloudflareErrorFact {
  kind: 'cloudflare-error';
  code: number;
  name?: string;
  title?: string;
  detail?: string;
  status?: number;
  rayId?: string;
  retryable?: boolean;
  /** Seconds to wait, from `retry_after`. */
  retryAfter?: number;
  ownerActionRequired?: boolean;
}

export type PastedFact =
  | RetryAfterFact
  | RateLimitFact
  | WwwAuthenticateFact
  | AllowFact
  | LocationFact
  | ProblemFact
  | OAuthErrorFact
  | CloudflareErrorFact;

/** The longest text a fact keeps from the paste; longer values end with "…". */
export const MAX_VALUE_LENGTH = 200;

/** RFC 9111 §1.2.2: a delay too large to hold is taken as 2^31 seconds. */
export const MAX_DELTA_SECONDS = 2 ** 31;

/** Every fact in `text`, in the order they appear, each once. */
export function readPastedFacts(text: string): PastedFact[] {
  // A paste past the engine's limit is read up to it, without the line the cut goes through.
  const paste =
    text.length > MAX_MESSAGE_LENGTH ? text.slice(0, Math.max(0, text.lastIndexOf('\n', MAX_MESSAGE_LENGTH))) : text;
  const facts = new Facts();
  const requests = requestsIn(paste);
  for (const header of headersIn(paste)) readHeader(header, requests, facts);
  for (const found of objectsIn(paste)) readBody(found.value, found.start, facts, 0);
  return facts.list();
}

// === Collecting facts: in order of appearance, each once; a rate limit's headers make one fact per scope

class Facts {
  private readonly found: Array<{ at: number; fact: PastedFact }> = [];
  private readonly seen = new Set<string>();
  private retryAfter: { at: number; fact: RetryAfterFact } | undefined;
  private readonly rateLimits = new Map<string, { at: number; fact: RateLimitFact }>();

  add(at: number, fact: PastedFact): void {
    const key = JSON.stringify(fact);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.found.push({ at, fact });
  }

  /** The last Retry-After wins (the last response of a redirect chain), placed where the first one was. */
  setRetryAfter(at: number, fact: RetryAfterFact): void {
    this.retryAfter = { at: this.retryAfter?.at ?? at, fact };
  }

  /** A rate limit's fields, later headers overriding earlier ones of the same scope. */
  mergeRateLimit(at: number, scope: string, fields: Partial<RateLimitFact>): void {
    const known = this.rateLimits.get(scope);
    if (fields.resetIn !== undefined) fields = { ...fields, resetIn: Math.min(fields.resetIn, MAX_DELTA_SECONDS) };
    const fact: RateLimitFact = { kind: 'rate-limit', ...(scope ? { scope } : {}), ...known?.fact, ...fields };
    // A reset is a time or a delay, whichever came last.
    if (fields.resetAt !== undefined) delete fact.resetIn;
    if (fields.resetIn !== undefined) delete fact.resetAt;
    this.rateLimits.set(scope, { at: known?.at ?? at, fact });
  }

  list(): PastedFact[] {
    const all = [...this.found, ...(this.retryAfter ? [this.retryAfter] : []), ...this.rateLimits.values()];
    return all.sort((a, b) => a.at - b.at).map((f) => f.fact);
  }
}

// === Headers

interface Header {
  /** Lower case. */
  name: string;
  value: string;
  at: number;
}

/** Rate-limit headers of every vendor: the field (limit, remaining, reset, reset-after) and the quota it is for. */
const RATE_LIMIT_FIELD = new RegExp(
  [
    String.raw`^(?:x-|anthropic-)?rate-?limit-`,
    String.raw`(?:(?<before>requests|tokens|input-tokens|output-tokens)-)?`,
    String.raw`(?<field>limit|remaining|reset-after|reset)`,
    String.raw`(?:-(?<after>[a-z][a-z0-9_]*))?$`,
  ].join(''),
);

const READ = [
  String.raw`retry-after(?:-ms)?`,
  String.raw`www-authenticate`,
  String.raw`allow`,
  String.raw`location`,
  String.raw`ratelimit(?:-policy)?`,
  String.raw`(?:x-|anthropic-)?rate-?limit-[a-z0-9_-]+`,
].join('|');
/** A header name a line starts with: `Retry-After:`, `< retry-after:`, `  allow: 'GET',` (Node's console.log). */
const LINE_HEADER = new RegExp(String.raw`^[ \t]*(?:<[ \t]*)?(?<name>${READ})[ \t]*:[ \t]*(?<value>[^\r\n]*)`, 'gim');
/** A name that only a header has, inside a line: "we get Retry-After: 120 back". */
const INLINE_HEADER = new RegExp(
  String.raw`(?<=[^\w\-\r\n'"])(?<name>retry-after(?:-ms)?|www-authenticate|(?:x-)?rate-?limit-[a-z0-9_-]+)` +
    String.raw`[ \t]*:[ \t]*(?<value>[^\r\n]*)`,
  'gi',
);
/**
 * A name alone on its line, its value on the next (a browser's header view copied as text); a next line that is
 * itself a header is no value (`Allow:` with nothing after it is an empty Allow).
 */
const NAME_LINE = new RegExp(
  String.raw`^[ \t]*(?<name>${READ}):?[ \t]*\r?\n(?![ \t]*[A-Za-z0-9-]+:(?:\s|$))[ \t]*(?<value>[^\r\n]*\S)`,
  'gim',
);
const QUOTED_STRING = String.raw`(?<vq>["'])(?<value>(?:\\.|(?!\k<vq>)[^\\\r\n])*)\k<vq>`;
const QUOTED_VALUE = String.raw`(?:${QUOTED_STRING}|(?<number>\d+(?:\.\d+)?)(?![\w.]))`;
/** `"name": "value"`, `'name': 'value'`, `"name" => "value"`, `"name": 120`. */
const QUOTED_PAIR = new RegExp(String.raw`(?<q>["'])(?<name>${READ})\k<q>[ \t]*(?::|=>)[ \t]*${QUOTED_VALUE}`, 'gi');
/** A Python list of tuples, as httpx prints headers: `('retry-after', '120')`. */
const TUPLE_PAIR = new RegExp(
  String.raw`\([ \t]*(?<q>["'])(?<name>${READ})\k<q>[ \t]*,[ \t]*${QUOTED_VALUE}[ \t]*\)`,
  'gi',
);
/** HAR: `{"name": "retry-after", "value": "120"}`. */
const HAR_PAIR = new RegExp(
  String.raw`"name"\s*:\s*"(?<name>${READ})"\s*,\s*"value"\s*:\s*"(?<value>(?:\\.|[^"\\\r\n])*)"`,
  'gi',
);

/** Every name READ matches holds one of these: a paste without any has no header to read (most logs). */
const READ_NAME_PARTS = ['retry-after', 'www-authenticate', 'allow', 'location', 'ratelimit', 'rate-limit'];

function headersIn(text: string): Header[] {
  const lower = text.toLowerCase();
  if (!READ_NAME_PARTS.some((part) => lower.includes(part))) return [];
  const out: Header[] = [];
  // A header once per line, however many patterns find it (`< retry-after: 120` is a line and an inline name).
  const lines = new Set<string>();
  const named = new Set<string>();
  const add = (m: RegExpMatchArray, value: string): void => {
    const at = m.index ?? 0;
    const name = (m.groups?.name ?? '').toLowerCase();
    const line = `${text.lastIndexOf('\n', at - 1)}|${name}`;
    if (lines.has(`${line}|${value}`)) return;
    lines.add(`${line}|${value}`);
    named.add(line);
    out.push({ name, value, at });
  };
  for (const m of text.matchAll(NAME_LINE)) add(m, unquote(m.groups?.value ?? ''));
  for (const m of text.matchAll(LINE_HEADER)) {
    // `Allow:` with its value on the next line is not also an empty Allow.
    const value = unquote(m.groups?.value ?? '');
    if (value || !named.has(`${text.lastIndexOf('\n', (m.index ?? 0) - 1)}|${(m.groups?.name ?? '').toLowerCase()}`))
      add(m, value);
  }
  for (const m of text.matchAll(INLINE_HEADER)) add(m, unquote(m.groups?.value ?? ''));
  for (const pattern of [QUOTED_PAIR, TUPLE_PAIR, HAR_PAIR]) {
    for (const m of text.matchAll(pattern)) add(m, unescape(m.groups?.value ?? m.groups?.number ?? ''));
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * A value quoted as a whole, as Node's console.log writes it: `'GET, HEAD',` → `GET, HEAD`. A value that only starts
 * with a quote (`"default";r=0;t=30`) stays as it is.
 */
function unquote(value: string): string {
  const v = value.trim();
  const m = /^(["'])((?:\\.|(?!\1)[^\\])*)\1[,;]?$/.exec(v);
  return m ? unescape(m[2] ?? '') : v;
}

function readHeader(header: Header, requests: Request[], facts: Facts): void {
  const { name, value, at } = header;
  if (name === 'retry-after' || name === 'retry-after-ms') {
    const fact = readRetryAfter(value, name === 'retry-after-ms');
    if (fact) facts.setRetryAfter(at, fact);
  } else if (name === 'www-authenticate') {
    for (const challenge of readChallenges(value)) facts.add(at, challenge);
  } else if (name === 'allow') {
    const methods = readAllow(value);
    if (methods) facts.add(at, { kind: 'allow', methods });
  } else if (name === 'location') {
    const location = readLocation(value, at, requests);
    if (location) facts.add(at, location);
  } else if (name === 'ratelimit') {
    for (const { scope, fields } of readRateLimitField(value)) facts.mergeRateLimit(at, scope, fields);
  } else if (name === 'ratelimit-policy') {
    for (const { scope, fields } of readRateLimitPolicy(value)) facts.mergeRateLimit(at, scope, fields);
  } else {
    const m = RATE_LIMIT_FIELD.exec(name);
    const fields = m?.groups ? readRateLimitValue(m.groups.field ?? '', value) : undefined;
    if (fields) facts.mergeRateLimit(at, m?.groups?.before ?? m?.groups?.after ?? '', fields);
  }
}

// === Retry-After (RFC 9110 §10.2.3): delta-seconds or an HTTP-date

function readRetryAfter(value: string, milliseconds: boolean): RetryAfterFact | undefined {
  const delay = readDelay(value);
  if (delay) {
    const seconds = Math.min(milliseconds ? delay.number / 1000 : delay.number, MAX_DELTA_SECONDS);
    return { kind: 'retry-after', header: milliseconds ? 'Retry-After-Ms' : 'Retry-After', value: delay.text, seconds };
  }
  const date = milliseconds ? undefined : parseHttpDate(value);
  return date
    ? {
        kind: 'retry-after',
        header: 'Retry-After',
        value: clip(value.slice(0, date.length)),
        at: new Date(date.value).toISOString(),
      }
    : undefined;
}

/** A non-negative number at the start of a value ("120", "1.5"); a sign, a unit or a word after it makes it none. */
function readDelay(value: string): { number: number; text: string } | undefined {
  const m = /^\d+(?:\.\d+)?(?![\w.:\-/])/.exec(value);
  if (!m) return undefined;
  // Digits past what a double holds are Infinity, which every caller caps (MAX_DELTA_SECONDS) or refuses (a time).
  return { number: Number(m[0]), text: clip(m[0]) };
}

// === Rate limits

/** `X-RateLimit-Limit: 60`, `…-Remaining: 0`, `…-Reset: 1700000000` (or 30, "6m0s", an HTTP-date, RFC 3339). */
function readRateLimitValue(field: string, value: string): Partial<RateLimitFact> | undefined {
  if (field === 'limit' || field === 'remaining') {
    // The first number: "100, 100;w=60" in the IETF draft's early form.
    const count = /^\d+(?![\w.])/.exec(value)?.[0];
    if (count === undefined || !Number.isSafeInteger(Number(count))) return undefined;
    return field === 'limit' ? { limit: Number(count) } : { remaining: Number(count) };
  }
  if (field === 'reset-after') {
    const delay = readDelay(value);
    return delay ? { resetIn: Math.min(delay.number, MAX_DELTA_SECONDS) } : undefined;
  }
  return readReset(value);
}

/** The smallest number read as a time rather than a delay: 10^9 seconds after the epoch is September 2001. */
const EPOCH_SECONDS_FROM = 1e9;
/** From here on a number is milliseconds after the epoch (10^12 ms is September 2001 too). */
const EPOCH_MILLISECONDS_FROM = 1e12;

/**
 * A reset as a time or a delay. A number is told by its size, as the specifications and vendors write it: GitHub,
 * GitLab and Twitter send epoch seconds (1.7 × 10^9 today), some APIs epoch milliseconds, while the IETF draft sends
 * delta seconds, which never come near 10^9 (that is 31 years).
 */
function readReset(value: string): Partial<RateLimitFact> | undefined {
  const delay = readDelay(value);
  if (delay) {
    const n = delay.number;
    if (n >= EPOCH_MILLISECONDS_FROM) return time(n);
    if (n >= EPOCH_SECONDS_FROM) return time(n * 1000);
    return { resetIn: n };
  }
  const duration = parseDuration(value);
  if (duration) return { resetIn: duration.seconds };
  const date = parseHttpDate(value) ?? parseRfc3339(value);
  return date ? time(date.value) : undefined;
}

function time(ms: number): Partial<RateLimitFact> | undefined {
  return ms <= LAST_TIME ? { resetAt: new Date(ms).toISOString() } : undefined;
}

interface ScopedFields {
  scope: string;
  fields: Partial<RateLimitFact>;
}

/**
 * The IETF draft's `RateLimit` field: `limit=100, remaining=0, reset=30` (draft 07), or a list of policies
 * `"default";r=0;t=30` (draft 08 on: r is what remains, t the seconds until more quota is made available).
 */
function readRateLimitField(value: string): ScopedFields[] {
  const dictionary = parameters(value, /(?:^|[\s,;])(limit|remaining|reset)=(\d+)(?![\w.])/g);
  if (dictionary.size) {
    const fields: Partial<RateLimitFact> = {};
    if (dictionary.has('limit')) fields.limit = dictionary.get('limit');
    if (dictionary.has('remaining')) fields.remaining = dictionary.get('remaining');
    if (dictionary.has('reset')) fields.resetIn = dictionary.get('reset');
    return [{ scope: '', fields }];
  }
  return policies(value).map(({ name, params }) => {
    const fields: Partial<RateLimitFact> = {};
    if (params.has('r')) fields.remaining = params.get('r');
    if (params.has('t')) fields.resetIn = params.get('t');
    return { scope: name, fields };
  });
}

/** `RateLimit-Policy`: `100;w=60` (draft 07), or `"default";q=100;w=60` (draft 08 on: q the quota, w the window). */
function readRateLimitPolicy(value: string): ScopedFields[] {
  const first = /^(\d+)((?:;[^,]*)?)/.exec(value);
  if (first) {
    const window = parameters(first[2] ?? '', /;\s*(w)=(\d+)/g).get('w');
    return [{ scope: '', fields: { limit: Number(first[1]), ...(window !== undefined ? { window } : {}) } }];
  }
  return policies(value).map(({ name, params }) => {
    const fields: Partial<RateLimitFact> = {};
    if (params.has('q')) fields.limit = params.get('q');
    if (params.has('w')) fields.window = params.get('w');
    return { scope: name, fields };
  });
}

/** Structured-field list items `"name";key=1;key=2, …` with their integer parameters. */
function policies(value: string): Array<{ name: string; params: Map<string, number> }> {
  const out: Array<{ name: string; params: Map<string, number> }> = [];
  for (const m of value.matchAll(/(?:^|,)\s*"?([A-Za-z0-9_.\-*]{1,40})"?((?:[ \t]*;[ \t]*[a-z]+=[^;,\s]*)+)/g)) {
    out.push({ name: clip(m[1] ?? ''), params: parameters(m[2] ?? '', /;\s*([a-z]+)=(\d+)(?![\w.])/g) });
  }
  return out;
}

function parameters(text: string, pattern: RegExp): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(pattern)) {
    const n = Number(m[2]);
    if (Number.isSafeInteger(n)) out.set(m[1] ?? '', n);
  }
  return out;
}

// === WWW-Authenticate (RFC 9110 §11.6.1, RFC 6750 §3)

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
const TOKEN68 = /[A-Za-z0-9\-._~+/]+=*/y;
const QUOTED = /"((?:\\.|[^"\\\r\n])*)"/y;

/**
 * The challenges of one WWW-Authenticate value: `Bearer realm="api", error="invalid_token", Basic realm="x"`. Reading
 * stops at the first thing that is no challenge, so words after the header in prose are not taken for parameters.
 * A challenge's token68 (Negotiate's) is skipped: it may be a credential.
 */
function readChallenges(value: string): WwwAuthenticateFact[] {
  const out: WwwAuthenticateFact[] = [];
  const s = new Scanner(value);
  for (;;) {
    s.skip(/[\s,]*/y);
    const scheme = s.read(TOKEN);
    if (!scheme || !/^[A-Za-z]/.test(scheme)) break;
    const challenge: WwwAuthenticateFact = { kind: 'www-authenticate', scheme: clip(scheme) };
    out.push(challenge);
    if (!s.skip(/[ \t]+/y)) {
      if (s.done() || s.peek(/\s*,/y)) continue;
      break;
    }
    if (s.peek(/[A-Za-z0-9\-._~+/]+=*\s*(?:,|$)/y) && !s.peek(/[!#$%&'*+\-.^_`|~0-9A-Za-z]+\s*=\s*[^=\s,]/y)) {
      s.read(TOKEN68);
      continue;
    }
    let param: { name: string; value: string } | undefined;
    while ((param = readParam(s))) {
      setParam(challenge, param.name.toLowerCase(), param.value);
      // Another parameter of this challenge follows a comma; a bare token after it starts the next challenge.
      if (!s.peek(/\s*,\s*[!#$%&'*+\-.^_`|~0-9A-Za-z]+\s*=/y)) break;
      s.skip(/\s*,\s*/y);
    }
    if (!s.peek(/\s*,/y)) break;
  }
  return out;
}

function readParam(s: Scanner): { name: string; value: string } | undefined {
  const start = s.at;
  const name = s.read(TOKEN);
  if (name && s.skip(/[ \t]*=[ \t]*/y)) {
    const quoted = s.read(QUOTED);
    const value = quoted !== undefined ? quoted.slice(1, -1).replace(/\\(.)/g, '$1') : s.read(TOKEN);
    if (value !== undefined) return { name, value };
  }
  s.at = start;
  return undefined;
}

function setParam(challenge: WwwAuthenticateFact, name: string, value: string): void {
  if (name === 'realm') challenge.realm = clip(value);
  else if (name === 'error') challenge.error = clip(value);
  else if (name === 'error_description') challenge.description = clip(value);
  else if (name === 'scope') challenge.scope = clip(value);
}

/** Sticky-regex reading over one string. */
class Scanner {
  at = 0;
  constructor(private readonly text: string) {}

  read(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.at;
    const m = pattern.exec(this.text);
    if (!m) return undefined;
    this.at += m[0].length;
    return m[0];
  }

  /** Reads what `pattern` matches; whether it matched anything. */
  skip(pattern: RegExp): boolean {
    const taken = this.read(pattern);
    return taken !== undefined && taken.length > 0;
  }

  peek(pattern: RegExp): boolean {
    pattern.lastIndex = this.at;
    return pattern.test(this.text);
  }

  done(): boolean {
    return this.at >= this.text.length;
  }
}

// === Allow (RFC 9110 §10.2.1)

/**
 * The methods of an Allow value, or undefined when it is not one. Methods are case-sensitive and every registered
 * one is upper case, so "me to ask" lists none; an empty value is a real answer (the resource allows no method).
 */
function readAllow(value: string): string[] | undefined {
  const v = value.trim();
  if (!v) return [];
  const m = /^[A-Z][A-Z-]*(?:[ \t]*,[ \t]*[A-Z][A-Z-]*)*(?![\w-])/.exec(v);
  if (!m || (m[0].length < v.length && !/^[\s`'",;.)]/.test(v.slice(m[0].length)))) return undefined;
  return [...new Set(m[0].split(',').map((method) => clip(method.trim())))];
}

// === Location and the request it answers

interface Request {
  /** Where the request line or command is in the paste. */
  at: number;
  url: URL;
  /** Whether the paste says if it went over TLS; when it does not, only a relative Location can be compared. */
  schemeKnown: boolean;
}

/** A Location value: an absolute URL, or a reference starting with "/", "./", "../" or "?", with no spaces. */
const LOCATION_VALUE = /^(?:[a-z][a-z0-9+.-]*:\/\/|\/|\.\.?\/|\?)[^\s"'`<>]*/i;

function readLocation(value: string, at: number, requests: Request[]): LocationFact | undefined {
  const target = LOCATION_VALUE.exec(value.trim())?.[0];
  if (!target) return undefined;
  const before = requests.filter((r) => r.at < at);
  const base = before.at(-1) ?? requests[0];
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(target);
  if (!base && !absolute) return { kind: 'location', location: clipUrl(target) };
  const resolved = parse(target, base?.url);
  if (!resolved) return undefined;
  // A Location that is a URL requested before in the paste: to itself, or back to the start of a chain (curl -L).
  const loop = (before.length ? before : requests).some(
    (r) => sameResource(resolved, r.url) && (r.schemeKnown || !absolute),
  );
  return { kind: loop ? 'redirect-loop' : 'location', location: clipUrl(resolved.href) };
}

function sameResource(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname && a.search === b.search;
}

function parse(url: string, base?: URL): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}

/**
 * The requests a paste shows, in order: `curl` command lines, request lines (`> GET /x HTTP/1.1` with its `Host`),
 * a browser's "Request URL", and HAR's `"method": …, "url": …`.
 */
function requestsIn(text: string): Request[] {
  const out: Request[] = [];
  for (const m of text.matchAll(/(?:^|[\s$>])curl[ \t][^\r\n]*?(?<![\w-])['"]?(https?:\/\/[^\s'"]+)/gim)) {
    const url = parse(m[1] ?? '');
    if (url) out.push({ at: m.index ?? 0, url, schemeKnown: true });
  }
  for (const m of text.matchAll(
    /^[ \t]*(?:>[ \t]*)?(?:GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)[ \t]+(\S+)[ \t]+HTTP\/[\d.]+[ \t]*\r?$/gm,
  )) {
    const request = requestLine(text, m.index ?? 0, m[0].length, m[1] ?? '', out);
    if (request) out.push(request);
  }
  for (const m of text.matchAll(/^[ \t]*Request URL:?[ \t]*(?:\r?\n[ \t]*)?(https?:\/\/\S+)/gim)) {
    const url = parse(m[1] ?? '');
    if (url) out.push({ at: m.index ?? 0, url, schemeKnown: true });
  }
  for (const m of text.matchAll(/"method"\s*:\s*"[A-Z]+"\s*,\s*"url"\s*:\s*"(https?:\/\/(?:\\.|[^"\\\s])+)"/g)) {
    const url = parse(unescape(m[1] ?? ''));
    if (url) out.push({ at: m.index ?? 0, url, schemeKnown: true });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** A request line's URL: its target with the `Host` below it, over the scheme the lines above it show. */
function requestLine(
  text: string,
  at: number,
  length: number,
  target: string,
  earlier: Request[],
): Request | undefined {
  if (/^https?:\/\//i.test(target)) {
    const url = parse(target);
    return url && { at, url, schemeKnown: true };
  }
  if (!target.startsWith('/')) return undefined;
  const after = text.slice(at + length, at + length + 2000);
  const host = /^[ \t]*(?:>[ \t]*)?host:[ \t]*([^\s'"]+)/im.exec(after)?.[1];
  if (!host) return undefined;
  const scheme = schemeBefore(text.slice(Math.max(0, at - 4000), at), host, earlier);
  const url = parse(`${scheme ?? 'http'}://${host}${target}`);
  return url && { at, url, schemeKnown: scheme !== undefined };
}

/**
 * The scheme of the connection a request line went over: curl -v's "Connected to … port 443" or TLS lines since the
 * last connection, else the scheme a curl command gave the same host.
 */
function schemeBefore(before: string, host: string, earlier: Request[]): 'http' | 'https' | undefined {
  const connected = before.lastIndexOf('Connected to ');
  if (connected >= 0) {
    const since = before.slice(connected);
    if (/port 443\b|SSL connection|TLSv1|ALPN|HTTP\/2 confirmed|server certificate/i.test(since)) return 'https';
    if (/port 80\b/.test(since)) return 'http';
  }
  const named = earlier.filter((r) => r.url.host === host.toLowerCase() && r.schemeKnown).at(-1);
  return named ? (named.url.protocol.slice(0, -1) as 'http' | 'https') : undefined;
}

// === Bodies

/** How deep a body is searched for an error object, and how many times an escaped body is unwrapped. */
const MAX_BODY_DEPTH = 8;

function readBody(value: Loose, at: number, facts: Facts, depth: number): void {
  if (depth > MAX_BODY_DEPTH) return;
  if (typeof value === 'string') {
    // HAR keeps a body as an escaped string (`content.text`).
    if (/^\s*\{/.test(value)) for (const found of objectsIn(value)) readBody(found.value, at, facts, depth + 2);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) readBody(item, at, facts, depth + 1);
    return;
  }
  const fact = cloudflareError(value) ?? problem(value) ?? oauthError(value);
  if (fact) facts.add(at, fact);
  else for (const item of Object.values(value)) readBody(item, at, facts, depth + 1);
}

/**
 * Cloudflare's JSON for its 1xxx errors: `error_code` with its own members (`ray_id`, `error_name`, `retryable`,
 * `retry_after`, `owner_action_required`, `error_category`) beside the RFC 9457 ones.
 */
function cloudflareError(o: LooseObject): CloudflareErrorFact | undefined {
  const code = integer(o.error_code);
  // error_code, retryable and error_name alone are any API's; these members are Cloudflare's.
  if (code === undefined || !['ray_id', 'owner_action_required', 'cloudflare_error'].some((k) => k in o))
    return undefined;
  const fact: CloudflareErrorFact = { kind: 'cloudflare-error', code };
  const name = text(o.error_name);
  if (name) fact.name = name;
  const title = text(o.title);
  if (title) fact.title = title;
  const detail = text(o.detail);
  if (detail) fact.detail = detail;
  const status = httpStatus(o.status);
  if (status) fact.status = status;
  const rayId = text(o.ray_id) ?? text(o.instance);
  if (rayId) fact.rayId = rayId;
  if (typeof o.retryable === 'boolean') fact.retryable = o.retryable;
  const retryAfter =
    typeof o.retry_after === 'number' || typeof o.retry_after === 'string'
      ? readDelay(String(o.retry_after))
      : undefined;
  if (retryAfter) fact.retryAfter = Math.min(retryAfter.number, MAX_DELTA_SECONDS);
  if (typeof o.owner_action_required === 'boolean') fact.ownerActionRequired = o.owner_action_required;
  return fact;
}

/**
 * RFC 9457 problem details: a title or detail, with a status or a type that is a URI reference, and a status (when
 * present) that is one. Member names alone would take any record with a "title" and a "status" ("open") for one.
 */
function problem(o: LooseObject): ProblemFact | undefined {
  const status = httpStatus(o.status);
  if ('status' in o && status === undefined) return undefined;
  const [type, title, detail, instance] = [o.type, o.title, o.detail, o.instance].map(text);
  const typeIsUri = type !== undefined && /^(?:[a-z][a-z0-9+.-]*:|\/)\S*$/i.test(type);
  if (!(title || detail) || !(typeIsUri || status)) return undefined;
  const fact: ProblemFact = { kind: 'problem' };
  if (type) fact.type = clipUrl(type);
  if (title) fact.title = title;
  if (status) fact.status = status;
  if (detail) fact.detail = detail;
  if (instance) fact.instance = clipUrl(instance);
  return fact;
}

/**
 * The error codes OAuth 2.0 registers (RFC 6749 §4.1.2.1 and §5.2, RFC 6750 §3.1, RFC 7009 §2.2.1, RFC 8628 §3.5,
 * OpenID Connect Core §3.1.2.6, RFC 8693 §2.2.2, RFC 9449 §7): the grammar that tells `{"error": "invalid_grant"}` from
 * any API's `{"error": "invalid_api_key"}`. Their meanings are words, in data/pasted-facts.json.
 */
export const OAUTH_ERROR_CODES: ReadonlySet<string> = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  'access_denied',
  'unsupported_response_type',
  'server_error',
  'temporarily_unavailable',
  'invalid_token',
  'insufficient_scope',
  'unsupported_token_type',
  'authorization_pending',
  'slow_down',
  'expired_token',
  'interaction_required',
  'login_required',
  'account_selection_required',
  'consent_required',
  'invalid_request_uri',
  'invalid_request_object',
  'request_not_supported',
  'request_uri_not_supported',
  'registration_not_supported',
  'invalid_target',
  'invalid_dpop_proof',
  'use_dpop_nonce',
]);

/**
 * An OAuth 2.0 error body (RFC 6749 §5.2): `error` is an ASCII code with no spaces, and the body is OAuth's by its
 * `error_description`/`error_uri` members or by a registered code. `{"error": "Not Found"}` is no OAuth error.
 */
function oauthError(o: LooseObject): OAuthErrorFact | undefined {
  if (typeof o.error !== 'string' || !/^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/.test(o.error)) return undefined;
  const description = text(o.error_description);
  const uri = text(o.error_uri);
  if (!description && !uri && !OAUTH_ERROR_CODES.has(o.error)) return undefined;
  const fact: OAuthErrorFact = { kind: 'oauth-error', error: clip(o.error) };
  if (description) fact.description = description;
  if (uri) fact.uri = clipUrl(uri);
  return fact;
}

function integer(v: Loose | undefined): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,9}$/.test(v.trim()) ? Number(v) : undefined;
  return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
}

function httpStatus(v: Loose | undefined): number | undefined {
  const n = integer(v);
  return n !== undefined && n >= 100 && n <= 599 ? n : undefined;
}

/** A body's string member, clipped and redacted; empty strings are none. */
function text(v: Loose | undefined): string | undefined {
  if (typeof v !== 'string' || !v.trim()) return undefined;
  return clip(v);
}

// === Clipping and redaction

/** A value as a fact keeps it: on one line, credentials replaced by [redacted], at most MAX_VALUE_LENGTH long. */
export function clip(value: string): string {
  const flat = value.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
  const redacted = redactedStart(flat, MAX_VALUE_LENGTH + 1);
  return redacted.length > MAX_VALUE_LENGTH ? `${redacted.slice(0, MAX_VALUE_LENGTH - 1)}…` : redacted;
}

/**
 * A URL as a fact keeps it: clipped and redacted, and with an OAuth authorization code (`?code=…`), which
 * secrets.ts does not know by name, redacted too.
 */
function clipUrl(url: string): string {
  return clip(url.replace(/([?&#]code=)[^&#\s]+/gi, `$1${REDACTED}`));
}
