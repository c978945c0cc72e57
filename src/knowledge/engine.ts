/**
 * The understanding engine as one object: built once from `data/` (table, lexicon, indexes), then answers any
 * number of messages. Pure TypeScript; every channel (CLI, REST, bot) goes through it.
 *
 *   const engine = StatusEngine.load();
 *   const { understanding, answer } = engine.ask('what is 502');
 */
import { composeAnswer, type Answer } from './answer';
import { CodeSearch } from './code-search';
import { contextKey, NO_CONTEXT, type ConversationContext } from './conversation-context';
import { loadConversationLexicon, type ConversationLexicon, type Focus } from './conversation-lexicon';
import { deepFreeze } from './deep-freeze';
import { loadLexicon, type Lexicon } from './lexicon';
import { DEFAULT_DATA_DIR, loadTable } from './load-table';
import { NumberKinds } from './number-kinds';
import { PhraseMatcher } from './phrase-matcher';
import { ProviderErrorFinder } from './provider-errors';
import { RecentCache } from './recent-cache';
import { loadSecretWords, type SecretWords } from './secret-warning';
import { findSecrets } from './secrets';
import type { StatusClass, StatusTable } from './status-table';
import { SymptomIndex } from './symptom-index';
import { loadPastedFactWords, type PastedFactWords } from './pasted-fact-words';
import { readPastedFacts } from './pasted-facts';
import { MAX_MESSAGE_LENGTH, phraseWords } from './text';
import { TypoCorrector } from './typo-corrector';
import { recommendFor, understand, type EngineParts } from './understand';
import { understandingOf, type Understanding } from './understanding';

/**
 * Short messages repeat: the suggested replies ("how do I fix it?", "is it safe to retry?", "more"), the welcome's
 * examples and the everyday questions ("what is 502") arrive again and again, so their understanding is kept.
 * Longer messages (pasted logs, stories) are almost never sent twice and are not.
 */
export const REMEMBERED_UNDERSTANDINGS = 512;
const REMEMBERED_TEXT_LENGTH = 200;

/** Everything the engine is built from, all of it loaded and validated from `data/`. */
export interface EngineData {
  table: StatusTable;
  lexicon: Lexicon;
  talk: ConversationLexicon;
  kinds: NumberKinds;
  secretWords: SecretWords;
  /** How header values and bodies read from a paste are told ("wait 2 minutes (until 10:42 UTC)"). */
  factWords: PastedFactWords;
}

export class StatusEngine {
  private readonly parts: EngineParts;
  /** Understandings of recent short messages, frozen (callers share them), by exact text. */
  readonly understood: RecentCache<string, Understanding>;
  /** Search-as-you-type over the table (REST search, Teams compose-box search). */
  readonly search: CodeSearch;
  /** The answers to frozen understandings, kept as long as the understanding is (most are in `understood`). */
  private readonly answers = new WeakMap<Understanding, Answer>();

  readonly table: StatusTable;
  readonly lexicon: Lexicon;
  readonly talk: ConversationLexicon;
  readonly kinds: NumberKinds;

  /** `remembered`: how many understandings to keep (0 measures the engine's own speed, as bench:engine does). */
  constructor(
    readonly data: EngineData,
    remembered = REMEMBERED_UNDERSTANDINGS,
  ) {
    const { table, lexicon, talk, kinds } = data;
    this.table = table;
    this.lexicon = lexicon;
    this.talk = talk;
    this.kinds = kinds;
    this.understood = new RecentCache(remembered);
    const phrases = new PhraseMatcher(table, lexicon.weakNames);
    const symptoms = new SymptomIndex(table, lexicon);
    this.search = new CodeSearch(table);
    const corrector = buildCorrector(table, lexicon, talk, phrases);
    const vendorWords = new Set(table.vendors.flatMap((v) => v.keywords.filter((k) => /^[a-z0-9-]+$/.test(k))));
    const mentions = {
      lexicon,
      kinds,
      isKnown: (code: number) => table.has(code),
      reasonPhraseFollows: (code: number, following: readonly string[]) => phrases.phraseFollows(code, following),
      askWords: talk.askWords,
      isTableWord: (word: string) => corrector.isKnown(word),
      isMisspelt: (word: string) => corrector.correct(word) !== null,
      isVendorWord: (word: string) => vendorWords.has(word),
    };
    const providers = new ProviderErrorFinder(table.providerErrors, table.named.providers);
    this.parts = {
      table,
      lexicon,
      talk,
      kinds,
      mentions,
      phrases,
      symptoms,
      search: this.search,
      corrector,
      providers,
    };
  }

  /** Loads and validates `data/` (throws DataError naming file, code and field) and builds the indexes. */
  static load(dataDir: string = DEFAULT_DATA_DIR, remembered = REMEMBERED_UNDERSTANDINGS): StatusEngine {
    return new StatusEngine(
      {
        table: loadTable(dataDir),
        lexicon: loadLexicon(dataDir),
        talk: loadConversationLexicon(dataDir),
        kinds: NumberKinds.load(dataDir),
        secretWords: loadSecretWords(dataDir),
        factWords: loadPastedFactWords(dataDir),
      },
      remembered,
    );
  }

  /**
   * One message, read in its conversation (what the last answer was about); without one, on its own. Credentials in
   * it are named (`secrets`) but do not change the reading, and a message with one is not remembered.
   */
  understand(text: string, context: ConversationContext = NO_CONTEXT): Understanding {
    if (text.length > REMEMBERED_TEXT_LENGTH || this.understood.capacity === 0) return this.read(text, context);
    const key = contextKey(context);
    return this.understood.getOrAdd(
      key ? `${key}\u0000${text}` : text,
      () => deepFreeze(this.read(text, context)),
      (u) => !u.secrets,
    );
  }

  private read(text: string, context: ConversationContext): Understanding {
    const understanding = understand(text, this.parts, context);
    const secrets = findSecrets(text);
    const facts = readPastedFacts(understanding.truncated ? text.slice(0, MAX_MESSAGE_LENGTH) : text);
    return { ...understanding, ...(secrets.length ? { secrets } : {}), ...(facts.length ? { facts } : {}) };
  }

  /**
   * `now` dates what a pasted Retry-After or rate-limit reset means ("until 10:42 UTC"). The answer to a remembered
   * understanding (frozen, shared) is made once and shared, frozen too, unless it tells pasted facts against `now`.
   */
  answer(understanding: Understanding, now: Date = new Date()): Answer {
    const compose = () =>
      composeAnswer(understanding, this.table, this.talk, this.kinds, this.data.secretWords, {
        words: this.data.factWords,
        now,
      });
    if (!Object.isFrozen(understanding) || understanding.facts?.length) return compose();
    let answer = this.answers.get(understanding);
    if (!answer) this.answers.set(understanding, (answer = deepFreeze(compose())));
    return answer;
  }

  ask(text: string, context: ConversationContext = NO_CONTEXT): { understanding: Understanding; answer: Answer } {
    const understanding = this.understand(text, context);
    return { understanding, answer: this.answer(understanding) };
  }

  /** The understanding of one entry, as if the user had asked for it by number (a button, a "did you mean" choice). */
  lookup(id: string, focus: Focus = 'overview'): Understanding {
    const entry = this.table.entry(id);
    if (!entry) throw new Error(`No entry "${id}" in the status table`);
    return chosen({
      intent: 'lookup',
      codes: [entry.code],
      ids: [id],
      class: entry.class as StatusClass,
      focus,
      vendors: entry.vendor ? [entry.vendor] : [],
    });
  }

  /**
   * The understanding of a comparison of entries, as if the user had asked "401 vs 403";
   * for `which`, as if they had then asked "which one should I use for <situation>?" (the entry it points to is
   * `recommended`, when it points to one).
   */
  compare(ids: readonly string[], focus: 'overview' | 'which' = 'overview', situation = ''): Understanding {
    const entries = ids.map((id) => {
      const entry = this.table.entry(id);
      if (!entry) throw new Error(`No entry "${id}" in the status table`);
      return entry;
    });
    const recommended = focus === 'which' && situation.trim() ? recommendFor(ids, situation, this.parts) : undefined;
    const vendors = [...new Set(entries.flatMap((e) => (e.vendor ? [e.vendor] : [])))];
    return chosen({
      intent: 'compare',
      codes: entries.map((e) => e.code),
      ids: [...ids],
      focus,
      ...(recommended ? { recommended } : {}),
      vendors,
    });
  }
}

/**
 * A reading the caller chose outright (an entry by id, entries to compare): certain, found by its code,
 * nothing else in it.
 */
function chosen(
  fields: Pick<Understanding, 'intent' | 'codes' | 'ids' | 'focus' | 'vendors'> &
    Pick<Partial<Understanding>, 'class' | 'recommended'>,
): Understanding {
  return understandingOf({ ...fields, class: fields.class ?? null, confidence: 1, via: 'code' });
}

/**
 * Known words are every word the table and lexicon use; a word outside them may be a typo of a word that matters
 * for matching (names and aliases weigh most, then symptom and vendor words).
 */
function buildCorrector(
  table: StatusTable,
  lexicon: Lexicon,
  talk: ConversationLexicon,
  phrases: PhraseMatcher,
): TypoCorrector {
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
    for (const s of [
      e.summary,
      e.description,
      ...e.causes,
      ...e.nextSteps.client,
      ...e.nextSteps.server,
      e.retry.advice,
    ])
      addAll(s);
  }
  for (const v of table.vendors) for (const k of v.keywords) addAll(k, 2);
  for (const w of phrases.vocabulary()) {
    known.add(w);
    if (w.length >= 4) targets.set(w, 3);
  }
  for (const w of [
    ...lexicon.stopWords,
    ...lexicon.notStatusAfter,
    ...lexicon.notStatusBefore,
    ...lexicon.statusBefore,
    ...lexicon.statusAfter,
  ])
    known.add(w);
  for (const key of [
    ...lexicon.compareWords,
    ...lexicon.classCueWords,
    ...lexicon.classWords.keys(),
    ...lexicon.approximators,
    ...lexicon.mathWords,
    ...lexicon.operators,
    ...lexicon.webWords,
    ...talk.words,
  ])
    addAll(key);
  // Synonym words are matching words too ("throtled" → "throttled"); only longer ones, to leave everyday words alone.
  for (const key of lexicon.synonymSources) addAll(key, key.length >= 6 ? 1 : 0);
  return new TypoCorrector(known, targets);
}
