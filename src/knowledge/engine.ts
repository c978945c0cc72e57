/**
 * The understanding engine as one object: built once from `data/` (table, lexicon, indexes), then answers any
 * number of messages. Pure TypeScript; every channel (CLI, REST, bot) goes through it.
 *
 *   const engine = StatusEngine.load();
 *   const { understanding, answer } = engine.ask('what is 502');
 */
import { composeAnswer, type Answer, type LookupFocus } from './answer';
import { CodeSearch } from './code-search';
import { deepFreeze } from './deep-freeze';
import { loadLexicon, type Lexicon } from './lexicon';
import { DEFAULT_DATA_DIR, loadTable } from './load-table';
import { PhraseMatcher } from './phrase-matcher';
import { RecentCache } from './recent-cache';
import type { StatusTable } from './status-table';
import { SymptomIndex } from './symptom-index';
import { phraseWords } from './text';
import { TypoCorrector } from './typo-corrector';
import { understand, type EngineParts } from './understand';
import type { Understanding } from './understanding';

/**
 * Short messages repeat: the suggested replies ("how do I fix it?", "is it safe to retry?", "more"), the welcome's
 * examples and the everyday questions ("what is 502") arrive again and again, so their understanding is kept.
 * Longer messages (pasted logs, stories) are almost never sent twice and are not.
 */
export const REMEMBERED_UNDERSTANDINGS = 512;
const REMEMBERED_TEXT_LENGTH = 200;

export class StatusEngine {
  private readonly parts: EngineParts;
  /** Understandings of recent short messages, frozen (callers share them), by exact text. */
  readonly understood: RecentCache<string, Understanding>;
  /** Search-as-you-type over the table (REST search, Teams compose-box search). */
  readonly search: CodeSearch;

  /** `remembered`: how many understandings to keep (0 measures the engine's own speed, as bench:engine does). */
  constructor(
    readonly table: StatusTable,
    readonly lexicon: Lexicon,
    remembered = REMEMBERED_UNDERSTANDINGS,
  ) {
    this.understood = new RecentCache(remembered);
    const phrases = new PhraseMatcher(table, lexicon.weakNames);
    const symptoms = new SymptomIndex(table, lexicon);
    this.search = new CodeSearch(table);
    this.parts = { table, lexicon, phrases, symptoms, search: this.search, corrector: buildCorrector(table, lexicon, phrases) };
  }

  /** Loads and validates `data/` (throws DataError naming file, code and field) and builds the indexes. */
  static load(dataDir: string = DEFAULT_DATA_DIR, remembered = REMEMBERED_UNDERSTANDINGS): StatusEngine {
    return new StatusEngine(loadTable(dataDir), loadLexicon(dataDir), remembered);
  }

  understand(text: string): Understanding {
    if (text.length > REMEMBERED_TEXT_LENGTH || this.understood.capacity === 0) return understand(text, this.parts);
    return this.understood.getOrAdd(text, () => deepFreeze(understand(text, this.parts)));
  }

  answer(understanding: Understanding, focus?: LookupFocus): Answer {
    return composeAnswer(understanding, this.table, focus);
  }

  ask(text: string): { understanding: Understanding; answer: Answer } {
    const understanding = this.understand(text);
    return { understanding, answer: this.answer(understanding) };
  }
}

/**
 * Known words are every word the table and lexicon use; a word outside them may be a typo of a word that matters
 * for matching (names and aliases weigh most, then symptom and vendor words).
 */
function buildCorrector(table: StatusTable, lexicon: Lexicon, phrases: PhraseMatcher): TypoCorrector {
  const known = new Set<string>();
  const targets = new Map<string, number>();
  const addAll = (text: string, weight = 0) => {
    for (const w of phraseWords(text)) {
      known.add(w);
      if (weight && w.length >= 4) targets.set(w, Math.max(targets.get(w) ?? 0, weight));
    }
  };
  for (const e of table.entries) {
    for (const s of e.symptoms) addAll(s);
    for (const s of [e.summary, e.description, ...e.causes, ...e.nextSteps.client, ...e.nextSteps.server, e.retry.advice]) addAll(s);
  }
  for (const v of table.vendors) for (const k of v.keywords) addAll(k, 2);
  for (const w of phrases.vocabulary()) {
    known.add(w);
    if (w.length >= 4) targets.set(w, 3);
  }
  for (const w of [...lexicon.stopWords, ...lexicon.notStatusAfter, ...lexicon.notStatusBefore, ...lexicon.statusBefore, ...lexicon.statusAfter]) known.add(w);
  for (const key of [...lexicon.greetings, ...lexicon.compareWords, ...lexicon.classCueWords, ...lexicon.classWords.keys()]) addAll(key);
  // Synonym words are matching words too ("throtled" → "throttled"); only longer ones, to leave everyday words alone.
  for (const key of lexicon.synonymSources) addAll(key, key.length >= 6 ? 1 : 0);
  return new TypoCorrector(known, targets);
}
