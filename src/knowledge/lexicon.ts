/**
 * The engine's vocabulary beyond the entries (`data/lexicon.json`): stop words, synonym groups, and the words that
 * make a number around them look like a status code or like something else (a count, a port, a flight).
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod/v4';
import { DataError } from './data-error';
import { CLASSES, type StatusClass } from './status-table';
import { phraseWords, stem } from './text';

const words = z.array(z.string().min(1));

export const lexiconSchema = z
  .object({
    comment: z.string().optional(),
    stopWords: words,
    synonymGroups: z.array(words.min(2, 'needs a canonical word and at least one synonym')),
    notStatusBefore: words,
    notStatusAfter: words,
    statusBefore: words,
    statusAfter: words,
    compareWords: words,
    classWords: z.record(z.enum(CLASSES), words),
    classCueWords: words,
    greetings: words,
    /** Single-word names that are also everyday words ("found", "ok"); they count only with a cue such as quotes. */
    weakNames: words,
    /** Words that place a message in the world of HTTP; without one, a bare number or a loose symptom match is doubtful. */
    domainWords: words,
  })
  .strict();

export interface Lexicon {
  stopWords: Set<string>;
  /** Multi-word and single-word synonyms → the canonical term of their group (a stem). */
  synonyms: Map<string, string>;
  /** The same synonyms indexed by their first stem, longest phrase first, so matching needs no string joins. */
  synonymsByFirstStem: Map<string, Array<{ stems: string[]; canonical: string }>>;
  /** The synonym phrases as written (for typo correction). */
  synonymSources: string[];
  /** Longest synonym phrase, in words, so phrase look-ups know how far to look. */
  longestSynonym: number;
  notStatusBefore: Set<string>;
  notStatusAfter: Set<string>;
  statusBefore: Set<string>;
  statusAfter: Set<string>;
  compareWords: Set<string>;
  classWords: Map<string, StatusClass>;
  classCueWords: Set<string>;
  greetings: Set<string>;
  weakNames: Set<string>;
  domainWords: Set<string>;
}

export function loadLexicon(dataDir: string): Lexicon {
  const path = join(dataDir, 'lexicon.json');
  const file = relative(join(dataDir, '..'), path);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new DataError(file, undefined, '(file)', `could not be read as JSON: ${(err as Error).message}`);
  }
  const parsed = lexiconSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DataError(file, undefined, issue?.path.join('.') || '(file)', issue?.message ?? 'is invalid');
  }
  return compileLexicon(parsed.data);
}

const joinWords = (phrase: string) => phraseWords(phrase).join(' ');

export function compileLexicon(data: z.output<typeof lexiconSchema>): Lexicon {
  const synonyms = new Map<string, string>();
  let longestSynonym = 1;
  for (const group of data.synonymGroups) {
    const canonical = `~${stem(joinWords(group[0] as string).replace(/ /g, ''))}`;
    for (const member of group) {
      const key = phraseWords(member).map(stem).join(' ');
      if (!key) continue;
      if (!synonyms.has(key)) synonyms.set(key, canonical);
      longestSynonym = Math.max(longestSynonym, key.split(' ').length);
    }
  }
  const synonymsByFirstStem = new Map<string, Array<{ stems: string[]; canonical: string }>>();
  for (const [key, canonical] of synonyms) {
    const stems = key.split(' ');
    const list = synonymsByFirstStem.get(stems[0] as string) ?? [];
    list.push({ stems, canonical });
    synonymsByFirstStem.set(stems[0] as string, list);
  }
  for (const list of synonymsByFirstStem.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  const classWords = new Map<string, StatusClass>();
  for (const [cls, list] of Object.entries(data.classWords)) for (const w of list) classWords.set(joinWords(w), cls as StatusClass);
  const set = (list: string[]) => new Set(list.map((w) => w.toLowerCase()));
  return {
    stopWords: new Set(data.stopWords.map((w) => w.replace(/'/g, ''))),
    synonyms,
    synonymsByFirstStem,
    synonymSources: data.synonymGroups.flat().map(joinWords),
    longestSynonym,
    notStatusBefore: set(data.notStatusBefore),
    notStatusAfter: set(data.notStatusAfter),
    statusBefore: set(data.statusBefore),
    statusAfter: set(data.statusAfter),
    compareWords: new Set(data.compareWords.map(joinWords)),
    classWords,
    classCueWords: new Set(data.classCueWords.map(joinWords)),
    greetings: new Set(data.greetings.map(joinWords)),
    weakNames: new Set(data.weakNames.map(joinWords)),
    domainWords: set(data.domainWords),
  };
}
