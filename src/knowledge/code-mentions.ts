/**
 * Finds the numbers in a message that are HTTP status codes, and only those. A number the table knows is a status
 * by default, whatever words surround it ("lookup 410", "410 docs", "ELI5 410"); evidence against it removes it:
 * units and money ("503 ms", "$404"), identifiers ("bus 503", "order #404"), counts ("200 grapes"), ports, versions,
 * times, and another world's numbers ("smtp 554 5.7.1", "exit status 143", "MSI error 1603"). A number the table does
 * not know needs evidence for it ("http 299", "status 471", a short question about it). Each candidate gets a score
 * from its surroundings; the caller decides with a threshold. Pure and linear in the message length.
 */
import type { Lexicon } from './lexicon';
import type { Message } from './message';
import { looksLikeLogLine } from './message-signals';
import type { NumberKind, NumberKinds } from './number-kinds';
import { stem, type Word } from './text';

export interface CodeMention {
  code: number;
  /** The digits as written ("0404" is never a code; "404" is). */
  digits: string;
  start: number;
  end: number;
  /** Zero-based line of the message the number is on. */
  line: number;
  score: number;
  /** Set when the number sits where only a status can be: a status line, a JSON status field, or before its reason phrase. */
  strong: boolean;
  /** Set when the words around it say the number is something else: an SMTP reply, an exit status. */
  otherKind?: NumberKind;
  /** Set when something says the number belongs elsewhere than HTTP: a room, a price, a count of things, a kind. */
  elsewhere?: true;
}

/** Says whether the reason phrase (or an alias) of `code` starts with the given words. */
export type ReasonPhraseCheck = (code: number, followingWords: readonly string[]) => boolean;

/**
 * A known code scores enough to count before any context, more in a message about HTTP at all ("api", "curl"); a
 * number that is no code needs context to count ("code 298", "error 601").
 */
const BASE_KNOWN = 1.5;
const BASE_UNKNOWN_IN_RANGE = 0.5;
const BASE_OUT_OF_RANGE = -2;
const DOMAIN_BONUS = 1;
export const MENTION_THRESHOLD_KNOWN = 1.5;
export const MENTION_THRESHOLD_UNKNOWN = 2.5;
export const MENTION_THRESHOLD_OUT_OF_RANGE = 0.5;
/** "area code 415", "promo code 200": a code, but not an HTTP one. */
const OTHER_KINDS_OF_CODE = new Set(['area', 'zip', 'postal', 'post', 'country', 'dialing', 'dialling', 'promo', 'discount', 'coupon', 'voucher', 'source', 'tax', 'airport', 'bank', 'sort', 'dress', 'exit']);

const STRONG_BEFORE = new Set(['http', 'https', 'status', 'statuscode', 'code', 'error', 'err', 'httperror']);
const STRONG_AFTER = new Set(['error', 'errors', 'status', 'response', 'code', 'page']);

// Key-value forms: "status": 429, status=404, statusCode: 500, http_code=000, "code": 401.
const STATUS_KEY_BEFORE = /(?:status(?:[_-]?code)?|response[_-]?code|code|error|sc-status|elb_status_code|target_status_code)["']?\s*[:=]\s*["']?$/;
// Status lines and access logs: "HTTP/1.1 503", "< HTTP/2 404", `"GET / HTTP/1.1" 502`.
const STATUS_LINE_BEFORE = /http\/\d(?:\.\d)?["']?\s+$/;
const LETTER = /\p{L}/u;
// A header line: the number is a header's value ("content-length: 500"), not a status, unless the header is one.
const HEADER_LINE = /^\s*[<>]?\s*([a-z][a-z0-9-]*):\s*$/;
const STATUS_KEY_NAME = /status|code|error|^http$|^response$/;
const ARITHMETIC = /[+*=×÷]/;
const DIGIT = /\d/;

/** Words and a closing parenthesis after "(<number>: ", as nginx logs an errno: "(104: Connection reset by peer)". */
const ERRNO_TEXT = /^[a-z][a-z ]+\)/;

/** What the reader needs beyond the message: the vocabulary and the table, built once per engine. */
export interface MentionVocabulary {
  lexicon: Lexicon;
  isKnown: (code: number) => boolean;
  reasonPhraseFollows: ReasonPhraseCheck;
  kinds: NumberKinds;
  /** Stems of the words that ask about a thing ("info", "docs", "eli5"): next to a number they make it the topic. */
  askWords: ReadonlySet<string>;
  /** Words the table uses anywhere: a plural after a number that is none of them is a count ("200 grapes"). */
  isTableWord: (word: string) => boolean;
  /** A word that names a vendor ("activesync", "cloudflare"): the web's world, like "api" or "curl". */
  isVendorWord: (word: string) => boolean;
}

/** The score of a number the words around it place in another world: below every threshold. */
const RULED_OUT = -1;
/** A message of at most this many words, all of them asking about the number, makes the number its topic. */
const TOPIC_MESSAGE_WORDS = 6;

/** `inConversation`: the message continues a conversation about HTTP, so a number in it is likelier a code. */
export function findCodeMentions(message: Message, vocabulary: MentionVocabulary, inConversation = false): CodeMention[] {
  const { lower, words, stems, lines } = message;
  const { lexicon, isKnown, reasonPhraseFollows, kinds } = vocabulary;
  const inDomain = message.aboutTheWeb;
  const mentions: CodeMention[] = [];
  const lineStarts = lineOffsets(lower);
  const onlyNumber = words.length === 1;
  // Computed once, and only if a number gets as far as asking which world it is from.
  let kindWords: ReturnType<NumberKinds['wordsIn']> | undefined;
  let webWordsAt: number[] | undefined;
  const nearKinds = () => (kindWords ??= kinds.wordsIn(stems));
  const isWebWord = (w: string) => lexicon.webWords.has(w) || vocabulary.isVendorWord(w) || (w.endsWith('s') && lexicon.webWords.has(w.slice(0, -1)));
  const webWords = () => (webWordsAt ??= words.flatMap((w, i) => (isWebWord(w.text) ? [i] : [])));
  const numbers = words.filter((w) => /^\d/.test(w.text)).length;
  // "what is 299", "455 - is that a thing?", "lookup 410": a short message about one number and nothing else.
  const isTopic =
    numbers === 1 &&
    words.length <= TOPIC_MESSAGE_WORDS &&
    words.every((w, i) => /^\d/.test(w.text) || vocabulary.askWords.has(stems[i] as string) || lexicon.stopWords.has(w.text.replace(/'/g, '')));

  words.forEach((word, index) => {
    const first = word.text.charCodeAt(0);
    if (first < 48 || first > 57) return; // not a digit: no number
    const match = /^(\d{1,4})([a-z%]*)$/.exec(word.text);
    if (!match) return;
    const digits = match[1] as string;
    const suffix = match[2] as string;
    const code = Number(digits);
    // "000" is what curl prints when no response came back: no status, but worth explaining. Other leading zeros
    // ("0404", "09:30") are never codes.
    if (digits.length > 1 && digits.startsWith('0') && digits !== '000') return;
    const start = word.start;
    const end = start + digits.length;
    if (suffix && suffix !== 's') return; // "500ms", "2xx" (a class, found elsewhere), "v2", "4k"
    const before = lower[start - 1] ?? ' ';
    const before2 = lower[start - 2] ?? ' ';
    const after = lower[word.end] ?? ' ';
    const after2 = lower[word.end + 1] ?? ' ';
    if (isPartOfOtherNumber(before, before2, after, after2)) return;

    const lineStartIndex = lineIndex(lineStarts, start);
    const lineStart = lineStarts[lineStartIndex] as number;
    const textBefore = lower.slice(Math.max(lineStart, start - 40), start);

    if (before === ':' && LETTER.test(before2) && !STATUS_KEY_BEFORE.test(textBefore)) return; // localhost:3000
    const header = HEADER_LINE.exec(lower.slice(lineStart, start));
    if (header && !STATUS_KEY_NAME.test(header[1] as string)) return; // "< content-length: 500", "Retry-After: 120"
    if (before === ':' && (before2 === ']' || before2 === ')')) return; // [::1]:8080
    // nginx's "(111: Connection refused)": an errno and the system's message, unless that is the code's reason phrase.
    if (before === '(' && after === ':' && after2 === ' ' && ERRNO_TEXT.test(lower.slice(word.end + 2, word.end + 40))) {
      const following = words.slice(index + 1, index + 6).map((w) => w.text);
      if (!reasonPhraseFollows(code, following)) return;
    }

    const known = isKnown(code);
    const inRange = code >= 100 && code <= 599;
    let score = (known ? BASE_KNOWN : inRange ? BASE_UNKNOWN_IN_RANGE : BASE_OUT_OF_RANGE) + (inDomain || inConversation ? DOMAIN_BONUS : 0);
    /** Set by evidence that the number belongs to something else than HTTP: a room, a price, a count of things. */
    let elsewhere = false;
    const against = (by: number) => {
      score -= by;
      elsewhere = true;
    };
    let strong = false;

    // Where only HTTP puts a status: its status line, a JSON or key=value status field.
    const httpShape = STATUS_LINE_BEFORE.test(textBefore) || STATUS_KEY_BEFORE.test(textBefore);
    if (httpShape) {
      score += 4;
      strong = true;
    }
    if (before === '#' || before === '$' || before === '€' || before === '£') against(4);
    if (after === '%') against(4);
    if (before === '(' && after === ')') score += 1;
    if (!strong && (ARITHMETIC.test(neighbour(lower, start, -1)) || ARITHMETIC.test(neighbour(lower, word.end, 1)))) score -= 4; // "500 + 200 = 700"
    if (suffix === 's') score += 1; // "500s"

    const sameLine = (w: Word | undefined) => w !== undefined && lineIndex(lineStarts, w.start) === lineStartIndex;
    // Context words are words a person wrote around the number, not segments of a path or an identifier
    // ("/api/v1/orders 401" says nothing about orders).
    const freeWord = (w: Word | undefined) => sameLine(w) && !/[/._=\-@]/.test(lower[(w as Word).start - 1] ?? ' ') && !/[/_=@]/.test(lower[(w as Word).end] ?? ' ');
    const prev = freeWord(words[index - 1]) ? words[index - 1]?.text : undefined;
    const prevPrev = freeWord(words[index - 2]) ? words[index - 2]?.text : undefined;
    const next = freeWord(words[index + 1]) ? words[index + 1]?.text : undefined;
    // A unit may be glued to what follows it: "520 MB/s", "200 req/s".
    const unitAfter = sameLine(words[index + 1]) && lower[(words[index + 1] as Word).start - 1] === ' ' ? words[index + 1]?.text : undefined;
    // "404 divided by 2", "200 plus 300": an operator with a number on its other side (within two words).
    const isNumber = (w: Word | undefined) => w !== undefined && sameLine(w) && /^\d/.test(w.text);
    const operatorAt = (i: number, step: 1 | -1) => {
      const w = words[i];
      if (!w || !sameLine(w)) return false;
      const two = step === 1 ? `${w.text} ${words[i + 1]?.text ?? ''}` : `${words[i - 1]?.text ?? ''} ${w.text}`;
      if (lexicon.operators.has(two)) return isNumber(words[i + 2 * step]);
      return lexicon.operators.has(w.text) && isNumber(words[i + step]);
    };
    if (!strong && (operatorAt(index + 1, 1) || operatorAt(index - 1, -1))) score -= 4;
    const isCount = (w: string | undefined) => w !== undefined && (lexicon.notStatusAfter.has(w) || isCountNoun(w, vocabulary));
    const afterAdjective = next !== undefined && lexicon.countAdjectives.has(next) && sameLine(words[index + 2]) ? words[index + 2]?.text : undefined;
    const nextIsCount = isCount(next) || next === 'of' || isCount(afterAdjective) || (unitAfter !== undefined && lexicon.notStatusAfter.has(unitAfter));
    // "503 ms", "404 MB" measure something, often within an HTTP story; "200 users", "503 items" count other things.
    const measureOrCount = () => {
      if (lexicon.measureUnits.has(next ?? unitAfter ?? '')) score -= 4;
      else against(4);
    };
    if (next === undefined && nextIsCount) measureOrCount(); // "520 MB/s": the unit glued to what follows
    // "the 101 freeway", "levi's 501 jeans": in a sentence about something else, a word the web never uses right
    // beside the number names what the number belongs to. Not in a conversation about HTTP, where numbers are codes.
    const foreignNeighbour = !inDomain && !inConversation && words.length >= 4 && [prev, next].some((w) => w !== undefined && isForeignWord(w, vocabulary));
    if (foreignNeighbour) against(2);
    // "Expect: 100-continue", "401k-plan": the number is part of a token, unless a status word follows it ("404-page").
    if (after === '-' && LETTER.test(after2)) {
      const joined = words[index + 1]?.text;
      if (joined === undefined || !(STRONG_AFTER.has(joined) || lexicon.statusAfter.has(joined))) score -= 4;
    }

    if (prev !== undefined) {
      if ((prev === 'about' || prev === 'with') && (prevPrev === 'what' || prevPrev === 'how')) score += 1.5;
      else if (prev === 'is' && (prevPrev === 'what' || prevPrev === 'whats')) score += 2.5; // "what is 471"
      else if (prev === 'code' && prevPrev !== undefined && OTHER_KINDS_OF_CODE.has(prevPrev)) against(5);
      else if (lexicon.mathWords.has(prev) || (prev === 'of' && prevPrev !== undefined && lexicon.mathWords.has(prevPrev))) against(3); // "square root of 429"
      else if (STRONG_BEFORE.has(prev)) score += 3;
      else if (lexicon.notStatusBefore.has(prev) || lexicon.notStatusBefore.has(`${prevPrev} ${prev}`)) against(3); // "port 8080", "listen on 443"
      // "about 404 rows", "over 500 users": an amount; "about 410" alone asks about the code.
      else if (lexicon.approximators.has(prev) || lexicon.approximators.has(`${prevPrev} ${prev}`)) score -= nextIsCount ? 3 : 0;
      else if (lexicon.statusBefore.has(prev)) score += 1.5;
    }
    if (next !== undefined) {
      const following = words.slice(index + 1, index + 7).filter(sameLine).map((w) => w.text);
      if (reasonPhraseFollows(code, following)) {
        score += 4;
        strong = true;
      } else if (STRONG_AFTER.has(next)) score += 2.5;
      else if (nextIsCount) measureOrCount();
      else if (lexicon.statusAfter.has(next)) score += 1;
    }
    if (onlyNumber) score += 3;
    else if (isTopic) score += 2;

    // Another world's number: named right before it ("exit status 143", "smtp 554") or shaped like one ("554 5.7.1")
    // always; a word of that world on its line ("postfix", "msiexec") when no web word is nearer and nothing but
    // HTTP's own status line could hold it. A reason phrase does not decide: SIP borrowed HTTP's ("503 Service
    // Unavailable" on a SIP trunk).
    let otherKind: NumberKind | undefined;
    const kind = kinds.kindOf(stems, index, (i) => lines[i] as number, textBefore, lower.slice(word.end, word.end + 24), nearKinds);
    if (kind?.strength === 'before' || (kind && !httpShape && !webWordNearer(webWords(), lines, index, kind.distance))) {
      score = Math.min(score, RULED_OUT);
      elsewhere = true;
      strong = false;
      otherKind = kind.kind;
    }

    mentions.push({ code, digits, start, end, line: lineStartIndex, score, strong, ...(elsewhere ? { elsewhere } : {}), ...(otherKind ? { otherKind } : {}) });
  });

  penaliseByteCounts(mentions, lower, isKnown);
  supportListedCodes(mentions, lower, isKnown);
  return mentions;
}

/** "200 grapes", "404 reasons": a plural noun after a number that the table never uses counts things. */
function isCountNoun(word: string, vocabulary: MentionVocabulary): boolean {
  return word.length >= 4 && /[^su]s$/.test(word) && !vocabulary.isTableWord(word) && !vocabulary.askWords.has(stem(word)) && !vocabulary.lexicon.domainWords.has(word);
}

/** A word no table entry, no lexicon and no question about a code uses: "freeway", "fahrenheit", "jeans". */
function isForeignWord(word: string, vocabulary: MentionVocabulary): boolean {
  const w = word.replace(/'s$/, '').replace(/'/g, '');
  // Adverbs ("specifically", "exactly") say how, not what the number belongs to.
  return /^[a-z]{4,}$/.test(w) && !w.endsWith('ly') && !vocabulary.isTableWord(w) && !vocabulary.askWords.has(w) && !vocabulary.lexicon.stopWords.has(w);
}

/** True when a web word ("api", "curl", "nginx") on the number's line is at least as near as `distance` words. */
function webWordNearer(webWordsAt: readonly number[], lines: readonly number[], index: number, distance: number): boolean {
  return webWordsAt.some((i) => lines[i] === lines[index] && Math.abs(i - index) <= distance);
}

/** Codes listed together ("502, 503 and 504", "401 / 403 / 404") vouch for each other. */
function supportListedCodes(mentions: CodeMention[], lower: string, isKnown: (code: number) => boolean): void {
  for (let i = 1; i < mentions.length; i++) {
    const a = mentions[i - 1] as CodeMention;
    const b = mentions[i] as CodeMention;
    if (a.line !== b.line || !isKnown(a.code) || !isKnown(b.code)) continue;
    if (/^\s*(?:,|\/|&|\+|\bor\b|\band\b|\bvs\.?|\bversus\b|,\s*(?:or|and)\b)\s*$/.test(lower.slice(a.end, b.start))) {
      a.score += 1.5;
      b.score += 1.5;
    }
  }
}

/**
 * In logs the number right after the status is the response size: `"GET / HTTP/1.1" 502 194`, or haproxy's
 * `... 503 404 - -` where 404 is bytes. After a certain status, or after a known code on a log line, it is demoted.
 */
function penaliseByteCounts(mentions: CodeMention[], lower: string, isKnown: (code: number) => boolean): void {
  const lines = lower.split('\n');
  for (let i = 1; i < mentions.length; i++) {
    const prev = mentions[i - 1] as CodeMention;
    const cur = mentions[i] as CodeMention;
    if (prev.line !== cur.line || cur.strong) continue;
    if (!prev.strong && !(isKnown(prev.code) && looksLikeLogLine(lines[prev.line] ?? ''))) continue;
    if (/^\s+$/.test(lower.slice(prev.end, cur.start))) {
      cur.score -= 4;
      cur.strong = false;
    }
  }
}

/** Decimals (3.12), times (09:30), dates (2025-04-27, 27/04), paths (/api/404/x), dimensions (1920x1080), ranges. */
function isPartOfOtherNumber(before: string, before2: string, after: string, after2: string): boolean {
  if ((before === '.' || before === ',') && DIGIT.test(before2)) return true;
  if ((after === '.' || after === ',') && DIGIT.test(after2)) return true;
  if (before === ':' && DIGIT.test(before2)) return true;
  if (after === ':' && DIGIT.test(after2)) return true;
  if (before === '/' || after === '/') return true;
  if (before === '-' && DIGIT.test(before2)) return true;
  if (after === '-' && DIGIT.test(after2)) return true;
  if (after === 'x' && DIGIT.test(after2)) return true;
  return false;
}

/** The nearest non-blank character before (direction -1) or after (+1) an offset. */
function neighbour(text: string, from: number, direction: 1 | -1): string {
  for (let i = direction < 0 ? from - 1 : from; i >= 0 && i < text.length; i += direction) {
    const ch = text[i] as string;
    if (ch !== ' ' && ch !== '\t') return ch;
  }
  return '';
}

function lineOffsets(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineIndex(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
