/**
 * The facts read from a paste (pasted-facts.ts), told in one short sentence each, in the words of
 * `data/pasted-facts.json`; times are related to the `now` given, never to a clock read here.
 *
 *   describeFacts([{ kind: 'retry-after', value: '120', seconds: 120 }], new Date('2025-05-01T10:40:00Z'), words)
 *   // ['Retry-After: 120 → wait 2 minutes (until 10:42 UTC)']
 */
import { z } from 'zod/v4';
import { loadDataFile } from './data-file';
import { reference, sentence } from './entry-schema';
import type {
  AllowFact,
  CloudflareErrorFact,
  LocationFact,
  OAuthErrorFact,
  PastedFact,
  ProblemFact,
  RateLimitFact,
  RetryAfterFact,
  WwwAuthenticateFact,
} from './pasted-facts';
import { phraseWords } from './text';

// === The data file

/**
 * A sentence with placeholders: every one of `required` must be in it, and no placeholder outside `allowed`
 * (a misspelt `{duraton}` would otherwise reach a user as it is).
 */
function template(required: string[], allowed: string[] = required) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(300, 'must be at most 300 characters')
    .superRefine((text, ctx) => {
      for (const name of required)
        if (!text.includes(`{${name}}`)) ctx.addIssue({ code: 'custom', message: `must contain {${name}}` });
      for (const [, name] of text.matchAll(/\{(\w+)\}/g)) {
        if (!allowed.includes(name ?? ''))
          ctx.addIssue({
            code: 'custom',
            message:
              `has {${name}}, which is not filled in here; ` +
              `use ${allowed.map((a) => `{${a}}`).join(', ') || 'no placeholder'}`,
          });
      }
    });
}

const phrases = z
  .array(
    z
      .string()
      .trim()
      .min(2)
      .regex(/^[^A-Z]+$/, 'must be lower case'),
  )
  .min(1);

/** What an error code means, in our words, for the codes a paste may carry (OAuth's, RFC 6750's). */
const errorMeanings = z
  .array(
    z
      .object({
        code: z.string().regex(/^[a-z0-9_]+$/, 'must be a code as sent, such as invalid_grant'),
        /** Read inside a sentence ("OAuth error "invalid_grant": the grant was refused …"): no full stop at its end. */
        meaning: sentence.regex(/[^.]$/, 'must not end with a full stop; it is read inside a sentence'),
      })
      .strict(),
  )
  .superRefine((list, ctx) => {
    list.forEach((e, i) => {
      if (list.findIndex((o) => o.code === e.code) !== i)
        ctx.addIssue({ code: 'custom', path: [i, 'code'], message: `repeats "${e.code}"` });
    });
  });

const unit = z.object({ one: template([]), other: template(['n']) }).strict();

export const pastedFactWordsSchema = z
  .object({
    comment: z.string().optional(),
    time: z.object({ clock: template(['time']), dated: template(['date', 'time']) }).strict(),
    durations: z
      .object({
        second: unit,
        minute: unit,
        hour: unit,
        day: unit,
        /** Two units of a duration together: "1 minute 30 seconds". */
        pair: template(['larger', 'smaller']),
        underASecond: template([]),
        overAYear: template([]),
      })
      .strict(),
    retryAfter: z
      .object({
        wait: template(['header', 'value', 'duration', 'time']),
        now: template(['header', 'value']),
        passed: template(['header', 'value', 'time']),
      })
      .strict(),
    rateLimit: z
      .object({
        label: template([]),
        labelScoped: template(['scope']),
        sentence: template(['label', 'state']),
        /** Joins the parts of a state: "0 of 60 left; it resets in 14 minutes (at 10:54 UTC)". */
        join: z.string().min(1).max(6),
        left: template(['remaining', 'limit']),
        leftOnly: template(['remaining']),
        limitOnly: template(['limit']),
        window: template(['count', 'window']),
        resetIn: template(['duration', 'time']),
        resetAt: template(['time', 'duration']),
        resetPassed: template(['time']),
        exhausted: template(['count', 'duration', 'time']),
      })
      .strict(),
    wwwAuthenticate: z
      .object({
        expired: template([]),
        error: template(['error'], ['error', 'scheme']),
        errorDescribed: template(['error', 'description'], ['error', 'description', 'scheme']),
        meaning: template(['sentence', 'meaning']),
        scope: template(['sentence', 'scope']),
        challenge: template(['scheme']),
        challengeRealm: template(['scheme', 'realm']),
        /** What in an `error_description` says the token expired ("the access token expired"), as whole words. */
        expiredPhrases: phrases,
        /** Words that, just before such a phrase, say the opposite ("has not expired"). */
        negations: phrases,
        /** RFC 6750 §3.1's error codes. */
        errors: errorMeanings,
      })
      .strict(),
    allow: z
      .object({ methods: template(['methods', 'list']), none: template([]), or: z.string().trim().min(1).max(12) })
      .strict(),
    location: z.object({ loop: template(['location']), other: template(['location']) }).strict(),
    problem: z
      .object({
        titleAndDetail: template(['title', 'detail']),
        title: template(['title']),
        detail: template(['detail']),
      })
      .strict(),
    oauth: z
      .object({
        known: template(['error', 'meaning']),
        knownDescribed: template(['error', 'meaning', 'description']),
        unknown: template(['error']),
        unknownDescribed: template(['error', 'description']),
        /** RFC 6749 §5.2's error codes and the others OAuth registers. */
        errors: errorMeanings,
      })
      .strict(),
    cloudflare: z
      .object({
        sentence: template(['error', 'advice']),
        withRay: template(['error', 'rayId', 'advice']),
        /** The error as named: "1015 (You are being rate limited)". */
        named: template(['code', 'name']),
        unnamed: template(['code']),
        retryAfter: template(['duration', 'time']),
        retryable: template([]),
        notRetryable: template([]),
        ownerAction: template([]),
        noAdvice: template([]),
      })
      .strict(),
    references: z.array(reference).min(1, 'needs at least one reference'),
  })
  .strict();

export type PastedFactWords = z.output<typeof pastedFactWordsSchema>;

/** `data/pasted-facts.json`, validated: a problem names the file and the field ("oauth.errors[3].meaning"). */
export function loadPastedFactWords(dataDir: string): PastedFactWords {
  return loadDataFile(dataDir, 'pasted-facts.json', pastedFactWordsSchema);
}

// === Sentences

/** One sentence per fact, in the order given. */
export function describeFacts(facts: readonly PastedFact[], now: Date, words: PastedFactWords): string[] {
  const scoped = facts.filter((f) => f.kind === 'rate-limit').length > 1;
  return facts.map((fact) => describeFact(fact, now, words, scoped));
}

function describeFact(fact: PastedFact, now: Date, words: PastedFactWords, scoped: boolean): string {
  switch (fact.kind) {
    case 'retry-after':
      return retryAfter(fact, now, words);
    case 'rate-limit':
      return rateLimit(fact, now, words, scoped);
    case 'www-authenticate':
      return wwwAuthenticate(fact, words);
    case 'allow':
      return allow(fact, words);
    case 'location':
    case 'redirect-loop':
      return location(fact, words);
    case 'problem':
      return problem(fact, words);
    case 'oauth-error':
      return oauthError(fact, words);
    case 'cloudflare-error':
      return cloudflareError(fact, now, words);
  }
}

function retryAfter(fact: RetryAfterFact, now: Date, words: PastedFactWords): string {
  const t = words.retryAfter;
  const until = fact.at !== undefined ? Date.parse(fact.at) : now.getTime() + (fact.seconds ?? 0) * 1000;
  const seconds = (until - now.getTime()) / 1000;
  const { header, value } = fact;
  if (fact.at !== undefined && seconds <= 0) return fill(t.passed, { header, value, time: clock(until, now, words) });
  if (seconds <= 0) return fill(t.now, { header, value });
  return fill(t.wait, { header, value, duration: duration(seconds, words), time: clock(until, now, words) });
}

function rateLimit(fact: RateLimitFact, now: Date, words: PastedFactWords, scoped: boolean): string {
  const t = words.rateLimit;
  const label = scoped && fact.scope ? fill(t.labelScoped, { scope: fact.scope }) : t.label;
  const limit = fact.limit === undefined ? undefined : String(fact.limit);
  let count =
    fact.remaining !== undefined && limit !== undefined
      ? fill(t.left, { remaining: String(fact.remaining), limit })
      : fact.remaining !== undefined
        ? fill(t.leftOnly, { remaining: String(fact.remaining) })
        : limit !== undefined
          ? fill(t.limitOnly, { limit })
          : undefined;
  if (count && fact.window) count = fill(t.window, { count, window: duration(fact.window, words) });
  const reset =
    fact.resetAt !== undefined
      ? Date.parse(fact.resetAt)
      : fact.resetIn !== undefined
        ? now.getTime() + fact.resetIn * 1000
        : undefined;
  const wait = reset === undefined ? undefined : (reset - now.getTime()) / 1000;
  if (count && fact.remaining === 0 && reset !== undefined && wait !== undefined && wait > 0) {
    return fill(t.sentence, {
      label,
      state: fill(t.exhausted, { count, duration: duration(wait, words), time: clock(reset, now, words) }),
    });
  }
  const parts = count ? [count] : [];
  if (reset !== undefined && wait !== undefined) {
    if (wait <= 0) parts.push(fill(t.resetPassed, { time: clock(reset, now, words) }));
    else if (fact.resetAt !== undefined)
      parts.push(fill(t.resetAt, { time: clock(reset, now, words), duration: duration(wait, words) }));
    else parts.push(fill(t.resetIn, { duration: duration(wait, words), time: clock(reset, now, words) }));
  }
  return fill(t.sentence, { label, state: parts.join(t.join) });
}

function wwwAuthenticate(fact: WwwAuthenticateFact, words: PastedFactWords): string {
  const t = words.wwwAuthenticate;
  if (fact.description && saysExpired(fact.description, words)) return t.expired;
  if (!fact.error)
    return fact.realm
      ? fill(t.challengeRealm, { scheme: fact.scheme, realm: fact.realm })
      : fill(t.challenge, { scheme: fact.scheme });
  const values = { scheme: fact.scheme, error: fact.error, description: fact.description ?? '' };
  let line = fill(fact.description ? t.errorDescribed : t.error, values);
  const meaning = t.errors.find((e) => e.code === fact.error)?.meaning;
  if (meaning) line = fill(t.meaning, { sentence: line, meaning });
  if (fact.scope) line = fill(t.scope, { sentence: line, scope: fact.scope });
  return line;
}

/** Whether an error description says the token expired: one of the phrases, not right after a negation. */
function saysExpired(description: string, words: PastedFactWords): boolean {
  const text = phraseWords(description);
  const negations = new Set(words.wwwAuthenticate.negations.flatMap((n) => phraseWords(n)));
  return words.wwwAuthenticate.expiredPhrases.some((phrase) => {
    const wanted = phraseWords(phrase);
    for (let i = 0; i + wanted.length <= text.length; i++) {
      if (wanted.every((w, j) => text[i + j] === w) && !text.slice(Math.max(0, i - 2), i).some((w) => negations.has(w)))
        return true;
    }
    return false;
  });
}

function allow(fact: AllowFact, words: PastedFactWords): string {
  const t = words.allow;
  if (!fact.methods.length) return t.none;
  const methods = fact.methods;
  const list = methods.length > 1 ? `${methods.slice(0, -1).join(', ')} ${t.or} ${methods.at(-1)}` : (methods[0] ?? '');
  return fill(t.methods, { methods: methods.join(', '), list });
}

function location(fact: LocationFact, words: PastedFactWords): string {
  return fill(fact.kind === 'redirect-loop' ? words.location.loop : words.location.other, { location: fact.location });
}

function problem(fact: ProblemFact, words: PastedFactWords): string {
  const t = words.problem;
  if (fact.title && fact.detail) return fill(t.titleAndDetail, { title: fact.title, detail: fact.detail });
  return fact.title ? fill(t.title, { title: fact.title }) : fill(t.detail, { detail: fact.detail ?? '' });
}

function oauthError(fact: OAuthErrorFact, words: PastedFactWords): string {
  const t = words.oauth;
  const meaning = t.errors.find((e) => e.code === fact.error)?.meaning;
  const values = { error: fact.error, meaning: meaning ?? '', description: fact.description ?? '' };
  if (meaning) return fill(fact.description ? t.knownDescribed : t.known, values);
  return fill(fact.description ? t.unknownDescribed : t.unknown, values);
}

function cloudflareError(fact: CloudflareErrorFact, now: Date, words: PastedFactWords): string {
  const t = words.cloudflare;
  // Cloudflare's titles repeat the code ("Error 1015: You are being rate limited"); it is said once.
  const name = fact.title?.replace(new RegExp(String.raw`^error\s*${fact.code}\s*[:\-–]\s*`, 'i'), '') || fact.name;
  const error = name ? fill(t.named, { code: String(fact.code), name }) : fill(t.unnamed, { code: String(fact.code) });
  const advice: string[] = [];
  if (fact.retryable === true && fact.retryAfter !== undefined && fact.retryAfter > 0) {
    const until = now.getTime() + fact.retryAfter * 1000;
    advice.push(fill(t.retryAfter, { duration: duration(fact.retryAfter, words), time: clock(until, now, words) }));
  } else if (fact.retryable === true) advice.push(t.retryable);
  else if (fact.retryable === false) advice.push(t.notRetryable);
  if (fact.ownerActionRequired) advice.push(t.ownerAction);
  const values = {
    error,
    rayId: fact.rayId ?? '',
    advice: advice.length ? advice.join(words.rateLimit.join) : t.noAdvice,
  };
  return fill(fact.rayId ? t.withRay : t.sentence, values);
}

// === Durations and times

/** A wait in words, rounded up (never shorter than asked): 90 → "1 minute 30 seconds", 3725 → "1 hour 3 minutes". */
export function duration(seconds: number, words: PastedFactWords): string {
  const d = words.durations;
  if (seconds < 1) return d.underASecond;
  if (seconds >= 365 * 86_400) return d.overAYear;
  const s = Math.ceil(seconds);
  const [large, small, factor]: [keyof typeof UNIT_SECONDS, keyof typeof UNIT_SECONDS, number] =
    s < 60
      ? ['second', 'second', 1]
      : s < 3600
        ? ['minute', 'second', 60]
        : s < 86_400
          ? ['hour', 'minute', 60]
          : ['day', 'hour', 24];
  if (large === 'second') return count(d.second, s);
  // The larger unit whole, the smaller rounded up, carried when it fills the larger one.
  let whole = Math.floor(s / UNIT_SECONDS[large]);
  let rest = Math.ceil((s % UNIT_SECONDS[large]) / UNIT_SECONDS[small]);
  if (rest === factor) [whole, rest] = [whole + 1, 0];
  const larger = count(d[large], whole);
  return rest ? fill(d.pair, { larger, smaller: count(d[small], rest) }) : larger;
}

const UNIT_SECONDS = { second: 1, minute: 60, hour: 3600, day: 86_400 } as const;

function count(unit: { one: string; other: string }, n: number): string {
  return n === 1 ? unit.one : fill(unit.other, { n: String(n) });
}

/**
 * A time in UTC: "10:42 UTC" on the day of `now`, "2025-10-21 07:28 UTC" on another; with seconds when it is
 * less than two minutes from `now`, where minutes would be too coarse. Rounded up, as waits are: never too early.
 */
export function clock(ms: number, now: Date, words: PastedFactWords): string {
  const precise = Math.abs(ms - now.getTime()) < 120_000;
  const step = precise ? 1000 : 60_000;
  const iso = new Date(Math.ceil(ms / step) * step).toISOString();
  const time = precise ? iso.slice(11, 19) : iso.slice(11, 16);
  const date = iso.slice(0, 10);
  return date === now.toISOString().slice(0, 10)
    ? fill(words.time.clock, { time })
    : fill(words.time.dated, { date, time });
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
