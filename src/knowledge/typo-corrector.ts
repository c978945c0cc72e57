/**
 * Corrects misspelt words against the vocabulary of the table ("gatway" → "gateway", "forbiden" → "forbidden",
 * "feilds" → "fields"). Symmetric-delete lookup: the vocabulary is indexed by every single-letter deletion once at
 * start, so a query costs a few map look-ups instead of a scan, and answers are cached.
 */
import { editDistance } from './text';

/** No status name has a word this long; longer "words" are pasted junk, and probing them would cost O(n³). */
const MAX_WORD = 24;

export class TypoCorrector {
  private readonly vocabulary: Set<string>;
  private readonly deletes = new Map<string, string[]>();
  private readonly cache = new Map<string, string | null>();
  private static readonly CACHE_LIMIT = 10_000;

  /**
   * @param vocabulary words known to be spelled right (every word of the table and the lexicon)
   * @param targets the words a misspelling may be corrected to, with a weight that breaks ties (higher wins)
   */
  constructor(
    vocabulary: Iterable<string>,
    private readonly targets: ReadonlyMap<string, number>,
  ) {
    this.vocabulary = new Set(vocabulary);
    for (const word of targets.keys()) {
      // Long words are indexed two deletions deep, so a typo that drops a letter and changes another
      // ("unathorised") still meets its target.
      const keys = new Set([word, ...deletions(word)]);
      if (word.length >= 8) for (const d of [...keys]) for (const dd of deletions(d)) keys.add(dd);
      for (const key of keys) {
        const list = this.deletes.get(key);
        if (list) list.push(word);
        else this.deletes.set(key, [word]);
      }
    }
  }

  isKnown(word: string): boolean {
    return this.vocabulary.has(word);
  }

  /** The corrected word, or null when the word is known, too short, not a word, or has no close target. */
  correct(word: string): string | null {
    if (word.length < 4 || word.length > MAX_WORD || this.vocabulary.has(word) || /[^a-z]/.test(word)) return null;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const result = this.lookup(word);
    if (this.cache.size >= TypoCorrector.CACHE_LIMIT) this.cache.clear();
    this.cache.set(word, result);
    return result;
  }

  private lookup(word: string): string | null {
    // One edit for words up to 7 letters, two for longer ones ("unathorised" → "unauthorized").
    const maxDistance = word.length >= 8 ? 2 : 1;
    const probes = new Set([word, ...deletions(word)]);
    if (maxDistance === 2) for (const d of [...probes]) for (const dd of deletions(d)) probes.add(dd);
    let best: string | null = null;
    let bestDistance = maxDistance + 1;
    let bestWeight = -Infinity;
    for (const probe of probes) {
      for (const candidate of this.deletes.get(probe) ?? []) {
        const distance = editDistance(word, candidate, maxDistance);
        const weight = this.targets.get(candidate) ?? 0;
        if (distance < bestDistance || (distance === bestDistance && weight > bestWeight)) {
          best = candidate;
          bestDistance = distance;
          bestWeight = weight;
        }
      }
    }
    return bestDistance <= maxDistance ? best : null;
  }
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
