/**
 * A set of phrases matched on whole words of a message, inflections included: each phrase and each message word is
 * stemmed, so "retrying" meets "retry" and "causes" meets "cause". Where phrases overlap, the longest wins.
 */
import { phraseStems, phraseWords } from './text';

export interface PhraseFound<T> {
  value: T;
  /** Word index in the message where the phrase starts, and its length in words. */
  at: number;
  length: number;
}

export class WordPhrases<T> {
  private readonly byFirst = new Map<string, Array<{ stems: string[]; value: T }>>();

  /**
   * `exact`: phrases are matched word for word (apostrophes dropped), not by stems, for set expressions where an
   * inflection changes the meaning ("fixed" is an acknowledgement, "fix?" a question). Match them against
   * Message.bare rather than stems.
   */
  constructor(entries: Iterable<readonly [phrase: string, value: T]>, options: { exact?: boolean } = {}) {
    for (const [phrase, value] of entries) {
      const stems = options.exact ? phraseWords(phrase) : phraseStems(phrase);
      if (!stems.length) continue;
      const list = this.byFirst.get(stems[0] as string) ?? [];
      list.push({ stems, value });
      this.byFirst.set(stems[0] as string, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  }

  /** The longest phrase starting at word `at` of `stems` (a message's stemmed words), or null. */
  at(stems: readonly string[], at: number): PhraseFound<T> | null {
    for (const p of this.byFirst.get(stems[at] as string) ?? []) {
      if (p.stems.every((s, k) => stems[at + k] === s)) return { value: p.value, at, length: p.stems.length };
    }
    return null;
  }

  /** Every phrase in the message, left to right, none overlapping (the longest at each place). */
  find(stems: readonly string[]): PhraseFound<T>[] {
    const out: PhraseFound<T>[] = [];
    for (let i = 0; i < stems.length;) {
      const hit = this.at(stems, i);
      if (hit) {
        out.push(hit);
        i += hit.length;
      } else i++;
    }
    return out;
  }

  has(stems: readonly string[]): boolean {
    for (let i = 0; i < stems.length; i++) if (this.at(stems, i)) return true;
    return false;
  }
}
