/**
 * Turns words into the terms the symptom index compares: stop words dropped, stems taken, and synonym phrases
 * folded into one canonical term ("rate limited", "throttled", "too many requests" → "~ratelimit").
 */
import type { Lexicon } from './lexicon';
import { stem } from './text';

export function toTerms(words: readonly string[], lexicon: Lexicon): string[] {
  const stems = words.map((w) => stem(w));
  const terms: string[] = [];
  for (let i = 0; i < stems.length; ) {
    let matched = false;
    for (let n = Math.min(lexicon.longestSynonym, stems.length - i); n >= 1; n--) {
      const key = stems.slice(i, i + n).join(' ');
      const canonical = lexicon.synonyms.get(key);
      if (canonical) {
        terms.push(canonical);
        i += n;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const word = words[i] as string;
    const s = stems[i] as string;
    i++;
    if (lexicon.stopWords.has(word.replace(/'/g, '')) || /^\d+$/.test(word) || s.length < 2) continue;
    terms.push(s);
  }
  return terms;
}
