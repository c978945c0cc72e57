/**
 * Finds reason phrases and their older names in a message ("bad gateway", "request entity too large",
 * "I'm a teapot"), after typo correction. Longest phrase wins where phrases overlap ("not found" over "found").
 */
import type { StatusTable } from './status-table';
import { phraseWords } from './text';

export interface PhraseHit {
  /** Every entry the phrase names: "unauthorized" names both 401 and AWS's 561. */
  ids: string[];
  code: number;
  /** Word index in the message where the phrase starts, and its length in words. */
  at: number;
  length: number;
  kind: 'name' | 'alias';
  /** Everyday words that are also a name ("found", "ok", "not allowed"): only count with a cue. */
  weak: boolean;
  /** At least one word of the phrase was a corrected typo. */
  corrected: boolean;
}

interface Phrase {
  words: string[];
  ids: string[];
  code: number;
  kind: 'name' | 'alias';
}

/** "to" for "too" is the most common slip in reason phrases ("payload to large"). */
const sameWord = (said: string, phrase: string) => said === phrase || (phrase === 'too' && said === 'to');

export class PhraseMatcher {
  private readonly byFirstWord = new Map<string, Phrase[]>();
  private readonly byCode = new Map<number, Phrase[]>();

  constructor(
    table: StatusTable,
    private readonly weakNames: ReadonlySet<string>,
  ) {
    const seen = new Map<string, Phrase>();
    for (const entry of table.entries) {
      const forms: Array<[string, 'name' | 'alias']> = [
        [entry.name, 'name'],
        ...entry.aliases.map((a) => [a, 'alias'] as [string, 'alias']),
      ];
      for (const [form, kind] of forms) {
        for (const variant of variants(phraseWords(form))) {
          const key = `${entry.code}|${variant.join(' ')}`;
          const existing = seen.get(key);
          if (existing) {
            if (!existing.ids.includes(entry.id)) existing.ids.push(entry.id);
            continue;
          }
          const phrase: Phrase = { words: variant, ids: [entry.id], code: entry.code, kind };
          seen.set(key, phrase);
          const first = variant[0] as string;
          this.byFirstWord.set(first, [...(this.byFirstWord.get(first) ?? []), phrase]);
          if (variant.length >= 2 && !this.joined.has(variant.join(''))) this.joined.set(variant.join(''), phrase);
          this.byCode.set(entry.code, [...(this.byCode.get(entry.code) ?? []), phrase]);
        }
      }
    }
  }

  /**
   * Names written as one word, as some tools print them ("toomanyrequests", "notfound", "badgateway"): the name's
   * phrase by its words run together, at least two words long.
   */
  private readonly joined = new Map<string, Phrase>();

  /** Every word that appears in a name or alias: the targets for typo correction. */
  vocabulary(): Set<string> {
    const out = new Set<string>();
    for (const list of this.byCode.values()) for (const p of list) for (const w of p.words) out.add(w);
    return out;
  }

  /** True when the words start with a name or alias of `code`: "503 Service Unavailable", "(408) Request Timeout". */
  phraseFollows(code: number, following: readonly string[]): boolean {
    const words = following.map((w) => w.replace(/'/g, ''));
    return (this.byCode.get(code) ?? []).some(
      (p) => p.words.length <= words.length && p.words.every((w, i) => sameWord(words[i] as string, w)),
    );
  }

  /**
   * Phrases in the message. `words` are the message's words (corrected), `corrected[i]` says whether word i was
   * a typo correction.
   */
  match(words: readonly string[], corrected: readonly boolean[]): PhraseHit[] {
    const hits: PhraseHit[] = [];
    words.forEach((word, at) => {
      const joined = this.joined.get(word);
      if (joined)
        hits.push({
          ids: [...joined.ids],
          code: joined.code,
          at,
          length: 1,
          kind: joined.kind,
          weak: false,
          corrected: corrected[at] ?? false,
        });
      const candidates =
        word === 'to'
          ? [...(this.byFirstWord.get('to') ?? []), ...(this.byFirstWord.get('too') ?? [])]
          : (this.byFirstWord.get(word) ?? []);
      for (const phrase of candidates) {
        if (at + phrase.words.length > words.length) continue;
        if (!phrase.words.every((w, i) => sameWord(words[at + i] as string, w))) continue;
        const joined = phrase.words.join(' ');
        hits.push({
          ids: [...phrase.ids],
          code: phrase.code,
          at,
          length: phrase.words.length,
          kind: phrase.kind,
          weak: this.weakNames.has(joined),
          corrected: corrected.slice(at, at + phrase.words.length).some(Boolean),
        });
      }
    });
    // Longest first; a phrase inside a longer one ("found" in "not found") is dropped.
    hits.sort((a, b) => b.length - a.length || a.at - b.at);
    const taken: PhraseHit[] = [];
    for (const hit of hits) {
      const overlaps = taken.some(
        (t) => hit.at < t.at + t.length && t.at < hit.at + hit.length && !(t.at === hit.at && t.length === hit.length),
      );
      if (!overlaps) taken.push(hit);
    }
    return taken.sort((a, b) => a.at - b.at);
  }
}

/** "Gateway Time-out" is also written "gateway timeout"; "timeout" also as "time out". */
function variants(words: string[]): string[][] {
  const out = [words];
  const joined: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === 'time' && words[i + 1] === 'out') {
      joined.push('timeout');
      i++;
    } else joined.push(words[i] as string);
  }
  if (joined.length !== words.length) out.push(joined);
  const split = words.flatMap((w) => (w === 'timeout' ? ['time', 'out'] : [w]));
  if (split.length !== words.length) out.push(split);
  return out.filter((v) => v.length > 0);
}
