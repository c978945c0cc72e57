/**
 * Matches a message that describes a situation ("the api says I'm calling it too often") against the symptoms,
 * names and summaries of every entry. Each phrase is a small document of weighted terms (IDF); a message scores
 * against a document by how much of the document's weight it covers and how much of its own weight the document
 * explains. An inverted index keeps the cost to the postings of the message's own terms.
 */
import type { Lexicon } from './lexicon';
import type { StatusTable } from './status-table';
import { toTerms } from './term-analyzer';
import { phraseWords } from './text';

interface Doc {
  id: string;
  terms: string[];
  /** Source weight: symptoms count fully, summaries less (they are written for explaining, not matching). */
  weight: number;
  norm: number;
}

export interface SymptomMatch {
  id: string;
  score: number;
  /**
   * How much the entry explains of the message, in IDF units of the message's own terms: a message made only of
   * everyday words ("the site is broken") scores high against many entries but explains little of any.
   */
  evidence: number;
}

export class SymptomIndex {
  private readonly docs: Doc[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly idf = new Map<string, number>();
  /** Per entry, every term of its symptoms, names, summary, description and causes, with IDF over entries. */
  private readonly profiles = new Map<string, Set<string>>();
  private readonly profileIdf = new Map<string, number>();
  private maxIdf = 1;
  private readonly scratch = { overlap: new Float64Array(0), touched: [] as number[] };

  constructor(
    table: StatusTable,
    private readonly lexicon: Lexicon,
  ) {
    for (const entry of table.entries) {
      const vendorWords = entry.vendor ? (table.vendor(entry.vendor)?.keywords.slice(0, 1) ?? []) : [];
      for (const symptom of entry.symptoms) this.addDoc(entry.id, symptom, 1);
      for (const name of [entry.name, ...entry.aliases]) this.addDoc(entry.id, [...vendorWords, name].join(' '), 0.9);
      this.addDoc(entry.id, [...vendorWords, entry.summary].join(' '), 0.75);
      const profileText = [
        ...vendorWords,
        ...entry.symptoms,
        entry.name,
        ...entry.aliases,
        entry.summary,
        entry.description,
        ...entry.causes,
        ...entry.headers,
      ].join(' ');
      this.profiles.set(entry.id, new Set(toTerms(phraseWords(profileText), lexicon)));
    }
    const profileDf = new Map<string, number>();
    for (const terms of this.profiles.values()) for (const t of terms) profileDf.set(t, (profileDf.get(t) ?? 0) + 1);
    for (const [term, count] of profileDf) this.profileIdf.set(term, Math.log(1 + this.profiles.size / count));
    const n = this.docs.length;
    const df = new Map<string, number>();
    for (const doc of this.docs) for (const t of new Set(doc.terms)) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [term, count] of df) this.idf.set(term, Math.log(1 + n / count));
    this.maxIdf = Math.log(1 + n);
    this.scratch.overlap = new Float64Array(n);
    this.docs.forEach((doc, i) => {
      const unique = [...new Set(doc.terms)];
      doc.terms = unique;
      doc.norm = unique.reduce((sum, t) => sum + (this.idf.get(t) ?? 0), 0);
      for (const t of unique) {
        const list = this.postings.get(t);
        if (list) list.push(i);
        else this.postings.set(t, [i]);
      }
    });
  }

  private addDoc(id: string, text: string, weight: number): void {
    const terms = toTerms(phraseWords(text), this.lexicon);
    if (terms.length) this.docs.push({ id, terms, weight, norm: 0 });
  }

  /** Whether one of an entry's symptoms, names or its summary uses a term (not its longer description). */
  saysOf(id: string, term: string): boolean {
    return this.docs.some((d) => d.id === id && d.terms.includes(term));
  }

  /** Whether anything the entry says (symptoms, names, summary, description, causes) uses the term. */
  profileSays(id: string, term: string): boolean {
    return this.profiles.get(id)?.has(term) ?? false;
  }

  /** Whether any phrase of the index uses the term. */
  knows(term: string): boolean {
    return this.idf.has(term);
  }

  /** Every term the index knows, for typo correction. */
  terms(): string[] {
    return [...this.idf.keys()];
  }

  /**
   * Entries ranked best first; at most `limit`. An entry scores by its best single phrase (the message says what
   * a symptom says) blended with how much of the message its whole profile explains (the words are spread over
   * several of its phrases and its description).
   */
  match(terms: readonly string[], limit = 5, boost?: (id: string) => number): SymptomMatch[] {
    const unique = [...new Set(terms)];
    const query = unique.filter((t) => this.idf.has(t));
    if (!query.length) return [];
    // A word the index has never seen is rare by definition: it weighs like the rarest known word, so a message
    // about something else does not match on one shared everyday word.
    const unknownTerms = unique.length - query.length;
    const queryWeight =
      query.reduce((sum, t) => sum + (this.idf.get(t) as number), 0) + unknownTerms * this.maxIdf * 0.6;
    // Summed into arrays kept between calls (in the order first touched), not new maps: this runs for most messages.
    const { overlap, touched } = this.scratch;
    touched.length = 0;
    for (const t of query) {
      const w = this.idf.get(t) as number;
      for (const d of this.postings.get(t) ?? []) {
        if (overlap[d] === 0) touched.push(d);
        overlap[d] = (overlap[d] as number) + w;
      }
    }
    const best = new Map<string, number>();
    for (const d of touched) {
      const shared = overlap[d] as number;
      overlap[d] = 0;
      const doc = this.docs[d] as Doc;
      const score = doc.weight * Math.sqrt((shared / doc.norm) * (shared / queryWeight));
      if (score > (best.get(doc.id) ?? 0)) best.set(doc.id, score);
    }
    const profileQueryWeight = unique.reduce(
      (sum, t) => sum + (this.profileIdf.get(t) ?? Math.log(1 + this.profiles.size) * 0.6),
      0,
    );
    return [...best.entries()]
      .map(([id, phraseScore]) => {
        const profile = this.profiles.get(id) as Set<string>;
        const explained = unique.reduce((sum, t) => sum + (profile.has(t) ? (this.profileIdf.get(t) as number) : 0), 0);
        const score = (0.65 * phraseScore + 0.35 * (explained / profileQueryWeight)) * (boost?.(id) ?? 1);
        return { id, score, evidence: explained };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, limit);
  }
}
