/**
 * Small detectors over a normalised message: the class asked about ("5xx", "the 500 range", "server errors in
 * general"), the vendors named ("cloudflare", "alb"), comparison cues ("vs", "difference"), and whether the lines
 * look like a pasted log.
 */
import type { Lexicon } from './lexicon';
import { CLASSES, type StatusClass, type StatusTable } from './status-table';
import { wordCharAt, type Word } from './text';

export interface ClassMention {
  class: StatusClass;
  /** "5xx" or "500-599" (explicit) versus "server errors in general" (worded). */
  explicit: boolean;
  start: number;
  end: number;
}

const CLASS_PATTERNS: RegExp[] = [
  // "5xx", and inside identifiers: "HTTPCode_Target_4XX_Count", "status_5xx".
  /(?<![a-z0-9.])([1-5])(?:xx|\*\*|x{2}|\.x\.x|nn)(?![a-z0-9])/g,
  // "50x errors", nginx's "50x page", "20x responses": a class written with one x, before a word for statuses ("50x
  // faster", "10x more errors" are no class).
  /(?<![\w.])([45])0x(?=[\s-]*(?:errors?|pages?)\b)/g,
  /(?<![\w.])([1-5])0x(?=[\s-]*(?:codes?|status(?:es)?|responses?|range|family|class|series)\b)/g,
  // "500-599", "400 to 499", "500 and 599"; "500 and 503" is two codes.
  /(?<![\w.])([1-5])00\s*(?:(?:-|to|through|thru)\s*\1\d\d|and\s*(?:\1)99)(?![\w])/g,
  /(?<![\w.])([1-5])00s?[\s-]+(?:range|series|level|family|class|block|category|group|band)(?![\w])/g,
  /\b(?:start|starts|starting|begin|begins|beginning)\s+with\s+(?:an?\s+|the\s+)?([1-5])(?![\w])/g,
  /\bin\s+the\s+([1-5])00s(?![\w])/g,
  // "the 200s in general?", "what are the 400s": the hundreds as a whole.
  /(?<![\w.])([1-5])00s\b[\s,]*(?:in general|generally|as a whole|overall)\b/g,
  /\bwhat\s+are\s+(?:the\s+)?([1-5])00s\s*\??\s*$/g,
];

/** "four hundred series errors": a hundred in words, then a word for a group of codes. */
const WORDED_CLASS =
  /\b(one|two|three|four|five) hundreds?\b[\s-]*(?:range|series|level|family|class|block|category|group|band)\b/;
const HUNDREDS: Record<string, string> = { one: '1', two: '2', three: '3', four: '4', five: '5' };

export function findClassMention(lower: string, words: readonly Word[], lexicon: Lexicon): ClassMention | null {
  for (const pattern of CLASS_PATTERNS) {
    pattern.lastIndex = 0;
    const m = pattern.exec(lower);
    if (m) return { class: `${m[1]}xx` as StatusClass, explicit: true, start: m.index, end: m.index + m[0].length };
  }
  const worded = WORDED_CLASS.exec(lower);
  if (worded)
    return {
      class: `${HUNDREDS[worded[1] as string]}xx` as StatusClass,
      explicit: true,
      start: worded.index,
      end: worded.index + worded[0].length,
    };
  const texts = words.map((w) => w.text);
  const hasCue = texts.some(
    (w, i) => lexicon.classCueWords.has(w) || lexicon.classCueWords.has(`${w} ${texts[i + 1] ?? ''}`),
  );
  if (!hasCue) return null;
  for (let i = 0; i < texts.length; i++) {
    for (const n of [3, 2, 1]) {
      if (i + n > texts.length) continue;
      const phrase = texts.slice(i, i + n).join(' ');
      const cls = lexicon.classWords.get(phrase);
      if (cls && CLASSES.includes(cls)) {
        return { class: cls, explicit: false, start: (words[i] as Word).start, end: (words[i + n - 1] as Word).end };
      }
    }
  }
  return null;
}

/**
 * The message is about the web at all: a domain word ("api", "curl", "redirects", "cloudflare"). A vendor named by
 * a word of its own that is no web word ("java", "windows", "wordpress") does not make it so.
 */
export function isAboutTheWeb(texts: readonly string[], lexicon: Lexicon): boolean {
  return texts.some((w) => isDomainWord(w, lexicon));
}

/** A word of the web's world ("page", "api", "uploads"), singular or plural. */
export function isDomainWord(w: string, lexicon: Lexicon): boolean {
  return lexicon.domainWords.has(w) || (w.endsWith('s') && lexicon.domainWords.has(w.slice(0, -1)));
}

/**
 * A line of pasted output, not words to the bot: a header ("Retry-After: 120"), curl -v's "< ", "> ", "* ",
 * a status line.
 */
const PASTED_LINE = /^[ \t]*(?:[<>*] |http\/\d(?:\.\d)? \d{3}\b|[a-z][a-z0-9]*(?:-[a-z0-9]+)+:[ \t])/;

/** The spans of `lower` (lower-cased) that are lines of pasted output. */
export function pastedLines(lower: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  for (let start = 0; start < lower.length;) {
    const nl = lower.indexOf('\n', start);
    const end = nl < 0 ? lower.length : nl;
    if (PASTED_LINE.test(lower.slice(start, end))) spans.push({ start, end });
    start = end + 1;
  }
  return spans;
}

/** Vendor ids whose keywords appear as whole words. */
export function findVendors(lower: string, table: StatusTable, words?: ReadonlySet<string>): string[] {
  return findNamed(lower, table.vendors, words);
}

/**
 * The ids of the things (vendors, stacks) whose keywords stand as whole words in `lower`. `words`: its runs of letters
 * and digits, when the caller has them: a keyword is looked for in the text only if every word of it is there.
 */
export function findNamed(
  lower: string,
  things: ReadonlyArray<{ id: string; keywords: readonly string[] }>,
  words: ReadonlySet<string> = wordRuns(lower.split(NOT_WORD)),
): string[] {
  // Loops, not closures: this runs for every keyword of every message.
  const ids: string[] = [];
  for (const thing of things) {
    for (const keyword of thing.keywords) {
      if (hasEvery(words, keywordWords(keyword)) && containsWords(lower, keyword)) {
        ids.push(thing.id);
        break;
      }
    }
  }
  return ids;
}

function hasEvery(set: ReadonlySet<string>, items: readonly string[]): boolean {
  for (const item of items) if (!set.has(item)) return false;
  return true;
}

const NOT_WORD = /[^\p{L}\p{N}]+/u;
const APOSTROPHE = /['’]/;

/** Runs of letters and digits, from words that may hold an apostrophe ("cloudflare's" → "cloudflare", "s"). */
export function wordRuns(words: readonly string[]): Set<string> {
  const runs = new Set<string>();
  for (const w of words) {
    if (!w.includes("'") && !w.includes('’')) runs.add(w);
    else for (const part of w.split(APOSTROPHE)) runs.add(part);
  }
  return runs;
}

const keywordWordsCache = new Map<string, string[]>();
function keywordWords(keyword: string): string[] {
  let words = keywordWordsCache.get(keyword);
  if (!words) keywordWordsCache.set(keyword, (words = keyword.split(NOT_WORD).filter(Boolean)));
  return words;
}

function containsWords(text: string, phrase: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(phrase, from);
    if (at < 0) return false;
    const end = at + phrase.length;
    if ((at === 0 || !wordCharAt(text, at - 1)) && (end >= text.length || !wordCharAt(text, end))) return true;
    from = at + 1;
  }
}

/**
 * Two reason phrases joined by a comparison word ("unauthorized vs forbidden", "found or see other",
 * "difference between bad gateway and gateway timeout"): at most two words apart, one of them the cue.
 */
export function phrasesCompared(
  first: { at: number; length: number },
  second: { at: number; length: number },
  texts: readonly string[],
): boolean {
  const between = texts.slice(first.at + first.length, second.at);
  if (between.length === 0 || between.length > 2) return false;
  return (
    between.some((w) => NAME_COMPARE_WORDS.has(w)) ||
    (between.includes('and') && texts.some((w) => w === 'between' || w.startsWith('diff') || w.startsWith('compar')))
  );
}

const NAME_COMPARE_WORDS = new Set(['vs', 'v', 'versus', 'or', 'compared', 'against']);

export function hasCompareCue(texts: readonly string[], lower: string, lexicon: Lexicon): boolean {
  // "401 vs 403", "405 v 501", "301 / 308", "200 <-> 204".
  if (/\bv\.?s\.?\b|\d\s+v\.?\s+\d|\d\s+\/\s+\d|<->|↔/.test(lower)) return true;
  return texts.some((w, i) => {
    // "a different app returns 301" compares nothing; "different from 301", "is it different?" do.
    if (w === 'different') return i === texts.length - 1 || DIFFERENT_FROM.has(texts[i + 1] as string);
    const two = `${w} ${texts[i + 1] ?? ''}`;
    return (
      lexicon.compareWords.has(w) ||
      lexicon.compareWords.has(two) ||
      lexicon.compareWords.has(`${two} ${texts[i + 2] ?? ''}`)
    );
  });
}

const DIFFERENT_FROM = new Set(['from', 'than', 'to', 'with']);

/** A line that looks like it came from a log or a terminal rather than from a person typing. */
export function looksLikeLogLine(line: string): boolean {
  return (
    /\b(get|post|put|delete|patch|head|options)\s+\S*\//i.test(line) ||
    /\bhttp\/\d/i.test(line) ||
    /\b\d{1,3}(?:\.\d{1,3}){3}\b/.test(line) ||
    /\d{4}-\d\d-\d\d[t ]\d\d:\d\d|\d\d\/\w{3}\/\d{4}|\b\d\d:\d\d:\d\d\b/i.test(line) ||
    /"status(code)?"\s*:/i.test(line) ||
    /^\s*[<>]\s/.test(line) ||
    /\b(info|warn|warning|error|debug|level)\b.*[=:]/i.test(line)
  );
}
