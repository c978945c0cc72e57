/**
 * Text primitives shared by every matcher: normalising a message, splitting it into words with their positions,
 * and a light stemmer so "throttled", "throttling" and "throttle" meet.
 */

/** The longest message the engine reads; anything past it is cut and the answer says so. */
export const MAX_MESSAGE_LENGTH = 10_000;

export interface Word {
  /** Lower-case form with punctuation trimmed ("i'm", "gateway", "503"). */
  text: string;
  /** Offset of the word in the original message. */
  start: number;
  end: number;
}

const QUOTES = /[\u2018\u2019\u02bc`´]/g;

/**
 * Lower-cases, folds look-alike punctuation (curly quotes, dashes, non-breaking spaces) and strips control characters.
 */
export function normalize(text: string): string {
  // Quotes are folded before NFKC, which would split "´" into a space and a combining accent, and after it, which
  // makes some of them ("ŉ" → "ʼn").
  return text
    .replace(QUOTES, "'")
    .normalize('NFKC')
    .replace(QUOTES, "'")
    .replace(/[\u201c\u201d«»]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
    .toLowerCase();
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const LETTER = /^\p{L}$/u;

/**
 * The length in UTF-16 units of the letter (or, unless `lettersOnly`, digit) at offset i, or 0. ASCII is decided by
 * its char code: a pasted log is thousands of characters, and a regular expression's match per word costs a lot.
 */
export function wordCharAt(text: string, i: number, lettersOnly = false): number {
  const c = text.charCodeAt(i);
  if (c < 128) {
    const folded = c | 32;
    return (folded >= 97 && folded <= 122) || (!lettersOnly && c >= 48 && c <= 57) ? 1 : 0;
  }
  const char = String.fromCodePoint(text.codePointAt(i) as number);
  return (lettersOnly ? LETTER : LETTER_OR_DIGIT).test(char) ? char.length : 0;
}

/**
 * Splits normalised text into words: runs of letters and digits, keeping inner apostrophes followed by letters
 * ("i'm", "cloudflare's"), as `[\p{L}\p{N}]+(?:['’]\p{L}+)*` would.
 */
export function words(text: string): Word[] {
  const out: Word[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    let len = wordCharAt(text, i, false);
    if (!len) {
      i++;
      continue;
    }
    const start = i;
    do i += len;
    while (i < n && (len = wordCharAt(text, i, false)));
    while (i < n && (text[i] === "'" || text[i] === '’')) {
      let j = i + 1;
      if (j >= n || !(len = wordCharAt(text, j, true))) break;
      do j += len;
      while (j < n && (len = wordCharAt(text, j, true)));
      i = j;
    }
    out.push({ text: text.slice(start, i), start, end: i });
  }
  return out;
}

/** Words of a phrase as plain strings: `phraseWords("Request-URI Too Long")` → ["request", "uri", "too", "long"]. */
export function phraseWords(phrase: string): string[] {
  return words(normalize(phrase)).map((w) => w.text.replace(/'/g, ''));
}

/** A phrase's words stemmed as a message's words are: "now it's" → now, it (as "it's" in a message). */
export function phraseStems(phrase: string): string[] {
  return words(normalize(phrase)).map((w) => stem(w.text));
}

/**
 * A deliberately small suffix stripper (not Porter): enough to make inflections of the same word meet without
 * merging unrelated words. "throttled" → "throttl", "uploads" → "upload", "timing" → "tim".
 */
export function stem(word: string): string {
  let w = word.replace(/'s$/, '').replace(/'/g, '');
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  else if (w.endsWith('es') && w.length > 4 && /(ch|sh|x|z|ss)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is') && w.length > 3)
    w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  // Doubled final consonant after stripping ("stopped" → "stopp" → "stop").
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** Stems repeat across thousands of phrases at start-up and across messages: remembered, up to a bound. */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 50_000;

/** stem(), remembered. */
export function cachedStem(word: string): string {
  // A number ("404", "3190") is its own stem: a log is mostly numbers, not worth remembering.
  const first = word.charCodeAt(0);
  if (first >= 48 && first <= 57 && !word.includes("'")) return word;
  let s = stemCache.get(word);
  if (s === undefined) {
    s = stem(word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, s);
  }
  return s;
}

/** Damerau–Levenshtein distance (adjacent swaps count as one edit), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, (prevPrev[j - 2] as number) + 1);
      cur.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = cur;
  }
  return prev[cols - 1] as number;
}
