/**
 * The engine's vocabulary beyond the entries (`data/lexicon.json`): stop words, synonym groups, and the words that
 * make a number around them look like a status code or like something else (a count, a port, a flight).
 */
import { z } from 'zod/v4';
import { loadDataFile } from './data-file';
import { CLASSES, type StatusClass } from './status-table';
import { phraseStems, phraseWords, stem } from './text';
import { WordPhrases } from './word-phrases';

const words = z.array(z.string().min(1));

export const lexiconSchema = z
  .object({
    comment: z.string().optional(),
    stopWords: words,
    synonymGroups: z.array(words.min(2, 'needs a canonical word and at least one synonym')),
    notStatusBefore: words,
    notStatusAfter: words,
    /** "about", "over", "up to": before a number they make it an amount when a count or unit follows it. */
    approximators: words,
    /** Units of time and size ("503 ms", "404 MB"): the number is a measure, often within an HTTP story. */
    measureUnits: words,
    /** "503 new signups", "200 active users": between a number and what it counts. */
    countAdjectives: words,
    /** "square root of", "half", "twice": arithmetic on the number, before it or before "of" it. */
    mathWords: words,
    /** "plus", "divided by": between two numbers, arithmetic ("404 divided by 2"); before a word, just "and". */
    operators: words,
    statusBefore: words,
    statusAfter: words,
    compareWords: words,
    classWords: z.record(z.enum(CLASSES), words),
    classCueWords: words,
    /** Single-word names that are also everyday words ("found", "ok"); they count only with a cue such as quotes. */
    weakNames: words,
    /**
     * Words that place a message in the world of HTTP; without one, a bare number or a loose symptom match is doubtful.
     */
    domainWords: words,
    /** Words only the web uses ("api", "curl", "nginx"): near a number they outweigh another world's words. */
    webWords: words,
    /**
     * Words that say that something fails, and where, but not how ("the site is broken", "login doesn't work"): a
     * message of only these fits a dozen codes, and the bot asks rather than picks one.
     */
    vagueWords: words,
    /**
     * Words that hedge ("kinda", "weird", "acting off"): they say nothing of what happened, so symptoms ignore them.
     */
    hedges: words,
    /** Words of degree that a slip writes after "to" for "too" ("to many requests", "to large"). */
    degreeWords: words,
    /** The words before such a "to" that make it "too" ("is to large", "way to fast"; not "talking to many"). */
    degreeLinks: words,
    /** Verbs that say what came back ("returns", "gives", "got"): "returns 404 instead of 200" expected the 200. */
    cameBackWords: words,
    /** Verbs of receiving ("got", "getting"): what came back, whoever says it. */
    receivedWords: words,
    /** Words before a verb of sending that make it a choice ("we return", "should return"), not what came back. */
    choosingWords: words,
    /** Words that say something happened or came back ("refused", "returns", "too many", "stuck"). */
    eventWords: words,
    /**
     * Openings of a question about how to do something ("how do I", "which … should I use", "write me"): with no
     * event after its verb ("how do I set up nginx as a reverse proxy"), nothing went wrong to look up.
     */
    howToOpeners: words,
    /**
     * HTTP header names of one word ("host", "server", "allow"): "Server: 500" is a header's value, while "ELI5: 408"
     * asks about a code. A name with a hyphen ("content-length") is a header anyway.
     */
    headerNames: words,
    /** Words that tell something failed ("fails", "timed out", "not found"): a sentence with one tells a problem. */
    failureWords: words,
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
  approximators: Set<string>;
  measureUnits: Set<string>;
  countAdjectives: Set<string>;
  mathWords: Set<string>;
  operators: Set<string>;
  statusBefore: Set<string>;
  statusAfter: Set<string>;
  compareWords: Set<string>;
  classWords: Map<string, StatusClass>;
  classCueWords: Set<string>;
  weakNames: Set<string>;
  /** The stems of one-word weak names ("conflict" for "conflicts"): everyday words, whatever else they are. */
  weakNameStems: Set<string>;
  domainWords: Set<string>;
  webWords: Set<string>;
  /** Stems of the vague words. */
  vagueWords: Set<string>;
  hedges: Set<string>;
  degreeWords: Set<string>;
  degreeLinks: Set<string>;
  cameBackWords: Set<string>;
  receivedWords: Set<string>;
  choosingWords: Set<string>;
  eventWords: WordPhrases<true>;
  howToOpeners: WordPhrases<true>;
  headerNames: Set<string>;
  failureWords: WordPhrases<true>;
}

export function loadLexicon(dataDir: string): Lexicon {
  return compileLexicon(loadDataFile(dataDir, 'lexicon.json', lexiconSchema));
}

const joinWords = (phrase: string) => phraseWords(phrase).join(' ');

export function compileLexicon(data: z.output<typeof lexiconSchema>): Lexicon {
  const synonyms = new Map<string, string>();
  let longestSynonym = 1;
  for (const group of data.synonymGroups) {
    const canonical = `~${stem(joinWords(group[0] as string).replace(/ /g, ''))}`;
    for (const member of group) {
      const key = phraseStems(member).join(' ');
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
  for (const [cls, list] of Object.entries(data.classWords))
    for (const w of list) classWords.set(joinWords(w), cls as StatusClass);
  const set = (list: string[]) => new Set(list.map((w) => w.toLowerCase()));
  return {
    stopWords: new Set(data.stopWords.map((w) => w.replace(/'/g, ''))),
    synonyms,
    synonymsByFirstStem,
    synonymSources: data.synonymGroups.flat().map(joinWords),
    longestSynonym,
    notStatusBefore: set(data.notStatusBefore),
    notStatusAfter: set(data.notStatusAfter),
    approximators: new Set(data.approximators.map(joinWords)),
    measureUnits: set(data.measureUnits),
    countAdjectives: set(data.countAdjectives),
    mathWords: new Set(data.mathWords.map(joinWords)),
    operators: new Set(data.operators.map(joinWords)),
    statusBefore: set(data.statusBefore),
    statusAfter: set(data.statusAfter),
    compareWords: new Set(data.compareWords.map(joinWords)),
    classWords,
    classCueWords: new Set(data.classCueWords.map(joinWords)),
    weakNames: new Set(data.weakNames.map(joinWords)),
    weakNameStems: new Set(
      data.weakNames
        .map(joinWords)
        .filter((w) => !w.includes(' '))
        .map(stem),
    ),
    domainWords: set(data.domainWords),
    webWords: new Set(data.webWords.map(joinWords)),
    vagueWords: new Set(data.vagueWords.flatMap(phraseStems)),
    hedges: set(data.hedges),
    degreeWords: set(data.degreeWords),
    degreeLinks: set(data.degreeLinks),
    cameBackWords: set(data.cameBackWords),
    receivedWords: set(data.receivedWords),
    choosingWords: set(data.choosingWords),
    eventWords: new WordPhrases(data.eventWords.map((w) => [w, true] as const)),
    howToOpeners: new WordPhrases(data.howToOpeners.map((w) => [w, true] as const)),
    headerNames: set(data.headerNames),
    failureWords: new WordPhrases(data.failureWords.map((w) => [w, true] as const)),
  };
}
