/**
 * Turns words into the terms the symptom index compares: stop words dropped, stems taken, and synonym phrases
 * folded into one canonical term ("rate limited", "throttled", "too many requests" → "~ratelimit").
 */
import type { Lexicon } from './lexicon';
import { cachedStem } from './text';

const SIZE = /^\d+(?:kb|mb|gb|tb|kib|mib|gib)$/;

export function toTerms(words: readonly string[], lexicon: Lexicon): string[] {
  const stems = words.map(cachedStem);
  const terms: string[] = [];
  for (let i = 0; i < stems.length;) {
    const synonym = lexicon.synonymsByFirstStem
      .get(stems[i] as string)
      ?.find((c) => c.stems.every((s, k) => stems[i + k] === s));
    if (synonym) {
      terms.push(synonym.canonical);
      i += synonym.stems.length;
      continue;
    }
    const word = words[i] as string;
    const s = stems[i] as string;
    i++;
    // "a 200mb zip", "4gb of logs": a size says the payload is big.
    if (SIZE.test(word)) {
      terms.push(lexicon.synonyms.get('big') ?? '~big');
      continue;
    }
    if (lexicon.stopWords.has(word.replace(/'/g, '')) || /^\d+$/.test(word) || s.length < 2) continue;
    terms.push(s);
  }
  return terms;
}
