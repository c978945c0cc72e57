/**
 * One message, read once: cut to the length the engine reads, normalised, split into words (with their stems and
 * lines), and the first facts every reader needs (the vendors named, whether it is about the web at all).
 */
import type { Lexicon } from './lexicon';
import { findNamed, findVendors, isAboutTheWeb, wordRuns } from './message-signals';
import type { StatusTable } from './status-table';
import { cachedStem, MAX_MESSAGE_LENGTH, normalize, words as splitWords, type Word } from './text';

export interface Message {
  /** The text as sent, cut at MAX_MESSAGE_LENGTH. */
  original: string;
  /** Normalised and lower-cased (the same length as `original` unless normalisation changed it). */
  lower: string;
  truncated: boolean;
  words: Word[];
  /** The words' text, and their stems. */
  texts: string[];
  readonly stems: string[];
  /** The words without apostrophes ("thats"), for phrases matched word for word. */
  readonly bare: string[];
  /** The stem of word i alone, without stemming the whole message (a long log asks for a few). */
  stemAt(i: number): string;
  /**
   * The stems of the words a person wrote, with the segments of paths, host names and identifiers blanked:
   * "example" in "com.example.Client" or "fix" in "/api/fix" asks for nothing.
   */
  readonly freeStems: string[];
  /** Zero-based line of each word. */
  lines: number[];
  /** Vendors named or implied ("cloudflare", "nginx"). */
  vendors: string[];
  /** Other software named that steps can be tagged for ("express", "kubernetes"), from data/stacks.json. */
  stacks: string[];
  /** A word of the web ("api", "curl", "nginx"): numbers are likelier codes, symptoms worth matching. */
  aboutTheWeb: boolean;
  /**
   * The words of the first error class named in the message and of the text printed after it, up to where the
   * context begins: "ThrottlingException: Rate exceeded when calling …" → throttling, rate, exceeded.
   */
  errorWords: string[];
  /**
   * Identifiers split at their capitals, as written ("filezilla" for "FileZilla"), with the index of their first part.
   */
  joined: Array<{ text: string; at: number }>;
}

export function readMessage(text: string, table: StatusTable, lexicon: Lexicon): Message {
  const truncated = text.length > MAX_MESSAGE_LENGTH;
  const original = truncated ? text.slice(0, MAX_MESSAGE_LENGTH) : text;
  const lower = normalize(original);
  const camel = original.length === lower.length && CAMEL_ANYWHERE.test(original);
  const written = splitWords(lower);
  const read = written.map(unstretched).map((w, i) => tooForTo(w, written[i - 1], written[i + 1], lexicon));
  const { words, errorAt, joined } = camel ? splitCamelCase(read, original) : { words: read, errorAt: -1, joined: [] };
  const texts = words.map((w) => w.text);
  const runs = wordRuns(written.map((w) => w.text));
  const vendors = findVendors(lower, table, runs);
  const stacks = findNamed(lower, table.stacks, runs);
  const lines: number[] = [];
  let line = 0;
  let nextBreak = lower.indexOf('\n');
  for (const w of words) {
    while (nextBreak !== -1 && nextBreak < w.start) {
      line++;
      nextBreak = lower.indexOf('\n', nextBreak + 1);
    }
    lines.push(line);
  }
  return new ReadMessage(original, lower, truncated, words, texts, lines, vendors, stacks, {
    aboutTheWeb: isAboutTheWeb(texts, lexicon),
    errorWords: errorWordsAt(texts, lines, errorAt),
    joined,
  });
}

/**
 * A message's reading, its stems computed when first asked for: a pasted log is counted without them. A class, not an
 * object literal with getters: per-message getter closures give every message a hidden class of its own, which keeps
 * the whole message alive through young-generation collections.
 */
class ReadMessage implements Message {
  private stemsRead?: string[];
  private freeStemsRead?: string[];
  private bareRead?: string[];
  private readonly someStems: string[] = [];
  readonly aboutTheWeb: boolean;
  readonly errorWords: string[];
  readonly joined: Array<{ text: string; at: number }>;

  constructor(
    readonly original: string,
    readonly lower: string,
    readonly truncated: boolean,
    readonly words: Word[],
    readonly texts: string[],
    readonly lines: number[],
    readonly vendors: string[],
    readonly stacks: string[],
    signals: Pick<Message, 'aboutTheWeb' | 'errorWords' | 'joined'>,
  ) {
    this.aboutTheWeb = signals.aboutTheWeb;
    this.errorWords = signals.errorWords;
    this.joined = signals.joined;
  }

  get stems(): string[] {
    return (this.stemsRead ??= this.texts.map(cachedStem));
  }

  get bare(): string[] {
    return (this.bareRead ??= this.texts.map((w) => w.replace(/'/g, '')));
  }

  stemAt(i: number): string {
    if (this.stemsRead) return this.stemsRead[i] ?? '';
    const text = this.texts[i];
    return (this.someStems[i] ??= text === undefined ? '' : cachedStem(text));
  }

  get freeStems(): string[] {
    return (this.freeStemsRead ??= this.words.map((w, i) => (isGlued(this.lower, w) ? '' : (this.stems[i] as string))));
  }
}

/**
 * "my request is to many", "the file was way to large": "to" between a linking word and a word of degree is a slip for
 * "too" ("talking to many apis" is not).
 */
function tooForTo(w: Word, before: Word | undefined, next: Word | undefined, lexicon: Lexicon): Word {
  return w.text === 'to' &&
    next &&
    lexicon.degreeWords.has(next.text) &&
    (!before || lexicon.degreeLinks.has(before.text))
    ? { ...w, text: 'too' }
    : w;
}

/** "whyyy", "pleeease", "sooo": a letter stretched three times or more is one letter ("www" stays). */
function unstretched(w: Word): Word {
  return isStretched(w.text) && w.text !== 'www' ? { ...w, text: w.text.replace(STRETCHED_RUN, '$1') } : w;
}

/** A letter a-z three times in a row, by char codes: every word of a long paste is checked. */
function isStretched(text: string): boolean {
  for (let i = 2; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122 && c === text.charCodeAt(i - 1) && c === text.charCodeAt(i - 2)) return true;
  }
  return false;
}

const STRETCHED_RUN = /([a-z])\1{2,}/g;

/** A segment of a path, host name or dotted identifier: joined to a neighbour by "." "/" "_" "=" "@" with no space. */
function isGlued(lower: string, w: Word): boolean {
  const before = lower[w.start - 1] ?? ' ';
  const after = lower[w.end] ?? ' ';
  if (GLUE.includes(before) || (after !== '.' && GLUE.includes(after))) return true;
  const afterNext = lower[w.end + 1] ?? ' ';
  return after === '.' && ((afterNext >= 'a' && afterNext <= 'z') || (afterNext >= '0' && afterNext <= '9'));
}

const GLUE = './_=@\\';

/** Where the text after an error's name turns to its context: "… when calling DynamoDB", "… at Object.<anonymous>". */
const CONTEXT_STARTS = new Set([
  'when',
  'while',
  'calling',
  'at',
  'for',
  'in',
  'on',
  'from',
  'during',
  'after',
  'with',
  'to',
]);
const MAX_ERROR_WORDS = 10;

function errorWordsAt(texts: readonly string[], lines: readonly number[], at: number): string[] {
  // The last error class named is the most specific: boto's "ClientError: … (AccessDeniedException)".
  if (at < 0) return [];
  const out: string[] = [];
  for (let i = at; i < texts.length && out.length < MAX_ERROR_WORDS && lines[i] === lines[at]; i++) {
    if (i > at && CONTEXT_STARTS.has(texts[i] as string) && out.length > 0) break;
    out.push(texts[i] as string);
  }
  return out;
}

/**
 * Identifiers carry words: "ThrottlingException", "ServiceUnavailable", "HTTPError" are read as "throttling
 * exception", "service unavailable", "http error". `original` must have the same offsets as the words' text.
 */
function splitCamelCase(
  words: Word[],
  original: string,
): { words: Word[]; errorAt: number; joined: Array<{ text: string; at: number }> } {
  const out: Word[] = [];
  const joined: Array<{ text: string; at: number }> = [];
  let errorAt = -1;
  for (const w of words) {
    const written = original.slice(w.start, w.end);
    if (!CAMEL.test(written) || INFLECTED_CAPITALS.test(written)) {
      out.push(w);
      continue;
    }
    let from = 0;
    const first = out.length;
    joined.push({ text: w.text, at: first });
    for (const m of written.matchAll(CAMEL_BOUNDARY)) {
      const at = (m.index ?? 0) + 1;
      out.push({ text: w.text.slice(from, at), start: w.start + from, end: w.start + at });
      from = at;
    }
    // The class suffix of an exception name says nothing of the failure ("Throttling|Exception").
    if (!TYPE_SUFFIX.test(w.text.slice(from)))
      out.push({ text: w.text.slice(from), start: w.start + from, end: w.end });
    else errorAt = first;
  }
  return { words: out, errorAt, joined };
}

const TYPE_SUFFIX = /^(?:exception|error|exc|err)$/;

const CAMEL = /^[A-Za-z]*(?:[a-z][A-Z]|[A-Z][A-Z][a-z])[A-Za-z]*$/;
/** A word in capitals with an ending of English: "APIs", "URLs", "POSTing", "GETs", "PUTed" are one word each. */
const INFLECTED_CAPITALS = /^[A-Z]{2,}(?:s|es|ed|d|ing|ings)$/;
/** Whether a message has such an identifier at all, so most messages skip the split. */
const CAMEL_ANYWHERE = /[a-z][A-Z]|[A-Z][A-Z][a-z]/;
/** The letter before a boundary: "gE" in "throttlingException", "PE" in "HTTPError". */
const CAMEL_BOUNDARY = /[a-z](?=[A-Z])|[A-Z](?=[A-Z][a-z])/g;
