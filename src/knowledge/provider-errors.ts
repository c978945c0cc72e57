/**
 * Finds an error a provider prints by name in a message ("(NoSuchBucket) when calling …", "StatusCode.UNAVAILABLE",
 * "Error 1020", "code=H12"), from the names, phrases and provider-bound words of data/provider-errors/.
 * Patterns are indexed by their first run of letters and digits, so a message is read once, whatever the table's size.
 */
import type { Focus } from './conversation-lexicon';
import type { Provider, ProviderError } from './provider-error-schema';
import { classOf } from './status-table';
import { normalize } from './text';
import type { Candidate, Understanding } from './understanding';

type PatternKind = 'name' | 'phrase' | 'withProvider' | 'keyword';

interface Pattern {
  kind: PatternKind;
  /** Lower case, as matched. */
  text: string;
  /** Where the pattern's first run of letters and digits starts within it. */
  offset: number;
  /** For a phrase with a gap ("resource group '*' could not be found"): the phrase as a sticky expression. */
  gapped?: RegExp;
  /** The name as printed, for the case check. */
  printed?: string;
  error?: ProviderError;
  provider: string;
}

/** One error found, with how sure the finding is and where the evidence stands in the message. */
export interface ProviderErrorHit {
  error: ProviderError;
  /** The message names the error's provider too ("s3", "kubectl", "cloudflare"). */
  providerNamed: boolean;
  score: number;
  start: number;
  end: number;
}

export interface ProviderErrorReading {
  best: ProviderErrorHit;
  /** Other errors found with a different status, nearly as likely: the bot should ask rather than pick. */
  rivals: ProviderErrorHit[];
  /** Errors found with the same name at other providers and the same status, none of them named. */
  sameStatusElsewhere: boolean;
}

const FIRST_RUN = /[a-z0-9]+/;
const ALNUM = /[a-z0-9]/;
const IDENTIFIER = /[a-z0-9_]/;
const DIGITS = /\d/;
/** a-z or 0-9, by char code: the runs of a long paste are scanned without a match object each. */
function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/** "error 1020", "error code: 1020": a number and at most two words, which other products print too. */
function isBareNumbered(phrase: string): boolean {
  return DIGITS.test(phrase) && (phrase.match(/[a-z]{2,}/g) ?? []).length <= 2;
}
/** A rival within this share of the best is a real doubt. */
const RIVAL_SHARE = 0.8;

export class ProviderErrorFinder {
  private readonly byFirstRun = new Map<string, Pattern[]>();

  constructor(errors: readonly ProviderError[], providers: readonly Provider[]) {
    for (const provider of providers)
      for (const k of provider.keywords) this.add({ kind: 'keyword', text: k, provider: provider.id });
    for (const error of errors) {
      for (const name of error.names)
        this.add({ kind: 'name', text: name.toLowerCase(), printed: name, error, provider: error.provider });
      for (const phrase of error.phrases) this.add({ kind: 'phrase', text: phrase, error, provider: error.provider });
      for (const word of error.withProvider)
        this.add({ kind: 'withProvider', text: word, error, provider: error.provider });
    }
  }

  /** Patterns are normalised as messages are (a backtick or a curly quote reads as "'"). */
  private add(raw: Omit<Pattern, 'offset'>): void {
    const text = normalize(raw.text);
    const pattern = { ...raw, text, ...(text.includes(GAP) ? { gapped: gappedExpression(text) } : {}) };
    const first = FIRST_RUN.exec(pattern.text);
    if (!first) return;
    const list = this.byFirstRun.get(first[0]) ?? [];
    list.push({ ...pattern, offset: first.index });
    this.byFirstRun.set(first[0], list);
  }

  /**
   * The error the message names, or null. `original` is the text as sent; `lower` its normalised lower case;
   * `webAround(start, end)`: whether the message speaks of the web beyond that span, which a bare numbered phrase
   * ("error 1020") needs, since a car's screen or a game prints such numbers too.
   */
  read(
    original: string,
    lower: string,
    webAround: (start: number, end: number) => boolean = () => true,
  ): ProviderErrorReading | null {
    const named = new Set<string>();
    const found: Array<{ pattern: Pattern; start: number; end: number; exact: boolean }> = [];
    const sameLength = original.length === lower.length;
    for (let from = 0; from < lower.length;) {
      if (!isAlnum(lower.charCodeAt(from))) {
        from++;
        continue;
      }
      let to = from + 1;
      while (to < lower.length && isAlnum(lower.charCodeAt(to))) to++;
      const runAt = from;
      const patterns = this.byFirstRun.get(lower.slice(from, to));
      from = to;
      if (!patterns) continue;
      for (const pattern of patterns) {
        const start = runAt - pattern.offset;
        const end =
          start < 0
            ? -1
            : pattern.gapped
              ? matchGapped(lower, start, pattern.gapped)
              : matchAt(lower, start, pattern.text);
        if (end < 0 || !standsApart(lower, start, end, pattern)) continue;
        if (pattern.kind === 'keyword') {
          named.add(pattern.provider);
          continue;
        }
        const printed = pattern.printed ?? '';
        const exact =
          pattern.kind !== 'name' || (sameLength ? original.slice(start, end) === printed : original.includes(printed));
        found.push({ pattern, start, end, exact });
      }
    }
    // The longest text printed wins: "Error from server (NotFound)" is Kubernetes', not the bare .NET name inside it.
    const inner = (f: (typeof found)[number]) =>
      found.some(
        (g) =>
          g.pattern.error !== f.pattern.error &&
          g.start <= f.start &&
          g.end >= f.end &&
          g.end - g.start > f.end - f.start,
      );
    const hits = new Map<string, ProviderErrorHit>();
    for (const { pattern, start, end, exact } of found.filter((f) => !inner(f))) {
      const error = pattern.error as ProviderError;
      const providerNamed = named.has(pattern.provider);
      // Ordinary words count only next to their provider; a name in another case too; a bare numbered phrase only
      // in a message about the web.
      if ((pattern.kind === 'withProvider' || !exact) && !providerNamed) continue;
      if (pattern.kind === 'phrase' && !providerNamed && isBareNumbered(pattern.text) && !webAround(start, end))
        continue;
      const score = weight(pattern, exact) + (providerNamed ? 2 : 0);
      const hit = hits.get(error.id);
      if (!hit || score > hit.score) hits.set(error.id, { error, providerNamed, score, start, end });
    }
    const ranked = [...hits.values()].sort((a, b) => b.score - a.score || a.start - b.start);
    const best = ranked[0];
    if (!best) return null;
    const close = ranked.slice(1).filter((h) => h.score >= best.score * RIVAL_SHARE);
    const sameName = close.filter((h) => h.error.provider !== best.error.provider && h.start === best.start);
    return {
      best,
      rivals: close.filter((h) => h.error.status !== best.error.status),
      sameStatusElsewhere: !best.providerNamed && sameName.some((h) => h.error.status === best.error.status),
    };
  }
}

/**
 * The reading as a lookup of the error's status; rivals with another status make the bot ask;
 * several providers name none.
 */
export function providerErrorLookup(
  reading: ProviderErrorReading,
  focus: Focus,
): Partial<Understanding> & Pick<Understanding, 'intent'> {
  const { error } = reading.best;
  const alternatives: Candidate[] = reading.rivals.map((h) => ({
    id: h.error.statusId,
    code: h.error.status,
    score: 0.5,
    via: 'name',
  }));
  const confidence = alternatives.length ? 0.55 : reading.best.providerNamed ? 0.95 : 0.9;
  return {
    intent: 'lookup',
    codes: [...new Set([error.status, ...alternatives.map((a) => a.code)])],
    ids: [error.statusId],
    class: classOf(error.status),
    focus,
    confidence,
    alternatives,
    via: 'name',
    ...(reading.sameStatusElsewhere ? {} : { providerError: error.id }),
  };
}

/** A phrase says more the longer it is; a name printed as such is strong evidence. */
function weight(pattern: Pattern, exact: boolean): number {
  switch (pattern.kind) {
    case 'name':
      return exact ? 2 : 1.5;
    case 'phrase':
      return 1 + Math.min(pattern.text.length, 40) / 40;
    default:
      return 1;
  }
}

/** A gap in a phrase: the name of a bucket, a resource group, a user, as the provider prints it between quotes. */
export const GAP = '*';
/** A gap spans at most this much of one line. */
const MAX_GAP = 120;

function gappedExpression(phrase: string): RegExp {
  const literal = (part: string) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
  return new RegExp(phrase.split(GAP).map(literal).join(`[^\\n]{1,${MAX_GAP}}?`), 'y');
}

function matchGapped(text: string, start: number, expression: RegExp): number {
  expression.lastIndex = start;
  const match = expression.exec(text);
  return match ? start + match[0].length : -1;
}

/** Where `pattern` ends if it stands in `text` at `start`; a space in the pattern matches any run of white space. */
function matchAt(text: string, start: number, pattern: string): number {
  let at = start;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === ' ') {
      if (!/\s/.test(text[at] ?? '')) return -1;
      while (/\s/.test(text[at] ?? '')) at++;
    } else if (text[at] === ch) {
      at++;
    } else {
      return -1;
    }
  }
  return at;
}

/**
 * A name stands apart from identifier characters; a phrase or word from letters and digits,
 * where it has them at its ends.
 */
function standsApart(text: string, start: number, end: number, pattern: Pattern): boolean {
  const edge = pattern.kind === 'name' ? IDENTIFIER : ALNUM;
  const before = text[start - 1];
  const after = text[end];
  const openStart = !edge.test(pattern.text[0] as string) || before === undefined || !edge.test(before);
  const openEnd =
    !edge.test(pattern.text[pattern.text.length - 1] as string) || after === undefined || !edge.test(after);
  return openStart && openEnd;
}
