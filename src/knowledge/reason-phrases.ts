/**
 * Reason phrases and old names in a message ("bad gateway", "Request Entity Too Large", "forbiden"), after typo
 * correction. Everyday words that are names ("found", "ok", "gone") and vendor names said without their vendor
 * ("retry with", "page expired") count only with evidence: quotes, capitals, a status verb before them, a
 * comparison, or the name being the whole message.
 */
import type { Lexicon } from './lexicon';
import type { Message } from './message';
import { isDomainWord, phrasesCompared } from './message-signals';
import type { PhraseHit, PhraseMatcher } from './phrase-matcher';
import type { StatusTable } from './status-table';
import type { Word } from './text';
import type { TypoCorrector } from './typo-corrector';

export interface PhraseReading {
  /** Every phrase found, one per place. */
  all: PhraseHit[];
  /** The ones with evidence enough to count as a status name. */
  counted: PhraseHit[];
  /** The message's words after typo correction, and which were corrected. */
  corrected: string[];
  correctedFlags: boolean[];
  /** A word of the web outside every status name: "the door is locked" has none, "the page says locked" has one. */
  webBeyondNames: boolean;
  /** Whether a counted phrase was written as a name: quoted, capitalised, after a status verb, or alone. */
  cued: boolean;
  /** The word positions inside a status name found (counted or not). */
  named: ReadonlySet<number>;
}

export function readPhrases(
  message: Message,
  phrases: PhraseMatcher,
  corrector: TypoCorrector,
  table: StatusTable,
  lexicon: Lexicon,
): PhraseReading {
  const { corrected, correctedFlags } = correctWords(message.texts, corrector);
  // A phrase that ends or starts inside a hyphenated token is no name: "no content" in "no content-length".
  // Nor is one inside a path or an identifier ("CREATED_AT", "/api/not-found/x").
  const all = onePerPlace(phrases.match(corrected, correctedFlags), table, message.vendors).filter(
    (h) => !inCompound(h, message) && message.freeStems[h.at] !== '',
  );
  const named = new Set(all.flatMap((h) => Array.from({ length: h.length }, (_, k) => h.at + k)));
  // "the meeting conflicts with my appointment": a weak name's inflection is an everyday word too.
  const webBeyondNames = message.texts.some(
    (w, i) => !named.has(i) && isDomainWord(w, lexicon) && !lexicon.weakNameStems.has(message.stemAt(i)),
  );
  // One word that is a status name ("forbidden", "gone") in a sentence with nothing of the web is an everyday word:
  // "pets are forbidden in the building".
  const needsCue = (h: PhraseHit) =>
    h.weak || h.ids.every((id) => isUnhintedVendor(table, id, message.vendors)) || (h.length === 1 && !webBeyondNames);
  const counted = all.filter(
    (h, i) => !needsCue(h) || hasCue(h, message, lexicon) || comparedWithNeighbour(all, i, message.texts),
  );
  const cued = counted.some((h) => hasCue(h, message, lexicon));
  return { all, counted, corrected, correctedFlags, webBeyondNames, cued, named };
}

/** The meaning of ids this message means: the vendor named in it, else the registry meaning, else the first. */
export function pickAmongIds(table: StatusTable, ids: string[], vendors: readonly string[]): string {
  const byVendor = ids.find((id) => {
    const v = table.entry(id)?.vendor;
    return v !== undefined && vendors.includes(v);
  });
  return byVendor ?? ids.find((id) => !table.entry(id)?.vendor) ?? (ids[0] as string);
}

export function comparedWithNeighbour(hits: readonly PhraseHit[], i: number, texts: readonly string[]): boolean {
  const hit = hits[i] as PhraseHit;
  const prev = hits[i - 1];
  const next = hits[i + 1];
  return (
    (prev !== undefined && phrasesCompared(prev, hit, texts)) ||
    (next !== undefined && phrasesCompared(hit, next, texts))
  );
}

/** Strong phrases first, then longer ones, then the earliest. */
export function rankPhraseHits(hits: PhraseHit[]): PhraseHit[] {
  return [...hits].sort(
    (a, b) =>
      Number(a.weak) - Number(b.weak) ||
      Number(a.corrected) - Number(b.corrected) ||
      b.length - a.length ||
      a.at - b.at,
  );
}

function inCompound(hit: PhraseHit, message: Message): boolean {
  const { lower, words } = message;
  const first = words[hit.at] as Word;
  const last = words[hit.at + hit.length - 1] as Word;
  const letter = (c: string | undefined) => c !== undefined && c >= 'a' && c <= 'z';
  return (
    (lower[last.end] === '-' && letter(lower[last.end + 1])) ||
    (lower[first.start - 1] === '-' && letter(lower[first.start - 2]))
  );
}

function correctWords(
  texts: readonly string[],
  corrector: TypoCorrector,
): { corrected: string[]; correctedFlags: boolean[] } {
  const corrected: string[] = [];
  const correctedFlags: boolean[] = [];
  for (const raw of texts) {
    const w = raw.replace(/'/g, '');
    const fix = corrector.correct(w);
    corrected.push(fix ?? w);
    correctedFlags.push(fix !== null);
  }
  return { corrected, correctedFlags };
}

/**
 * Where one phrase names several entries of different numbers ("unauthorized": 401 and AWS's 561),
 * keep the one this message means.
 */
function onePerPlace(hits: PhraseHit[], table: StatusTable, vendors: readonly string[]): PhraseHit[] {
  const out: PhraseHit[] = [];
  for (const hit of hits) {
    const same = out.findIndex((h) => h.at === hit.at && h.length === hit.length);
    if (same < 0) {
      out.push(hit);
      continue;
    }
    const current = out[same] as PhraseHit;
    const chosen = pickAmongIds(table, [...current.ids, ...hit.ids], vendors);
    if (hit.ids.includes(chosen)) out[same] = hit;
  }
  return out;
}

function isUnhintedVendor(table: StatusTable, id: string, vendors: readonly string[]): boolean {
  const vendor = table.entry(id)?.vendor;
  return vendor !== undefined && !vendors.includes(vendor);
}

const CUE_BEFORE = new Set([
  'returns',
  'returned',
  'return',
  'returning',
  'got',
  'get',
  'getting',
  'says',
  'said',
  'answered',
  'answers',
  'response',
  'status',
  'with',
  'back',
  'gives',
  'gave',
  'throws',
  'sends',
  'sent',
  'shows',
  'showing',
  'replied',
  'responds',
  'responded',
]);
const CUE_AFTER_OPENING = new Set([
  'when',
  'whenever',
  'on',
  'after',
  'while',
  'during',
  'error',
  'response',
  'status',
  'returned',
  'from',
  'for',
]);

/**
 * An everyday word counts as a status name when quoted, capitalised mid-sentence, next to a status verb, or when
 * the message is only the name and words that ask about it ("gone?", "what does conflict mean").
 */
function hasCue(hit: PhraseHit, message: Message, lexicon: Lexicon): boolean {
  const { words, original, lower, texts } = message;
  const outside = texts.filter((_, i) => i < hit.at || i >= hit.at + hit.length);
  if (outside.every((w) => lexicon.stopWords.has(w.replace(/'/g, '')))) return true;
  const first = words[hit.at] as Word;
  const last = words[hit.at + hit.length - 1] as Word;
  const before = lower[first.start - 1] ?? '';
  const after = lower[last.end] ?? '';
  if (/['"]/.test(before) && /['"]/.test(after)) return true;
  const written = original.length === lower.length ? original.slice(first.start, last.end) : '';
  const sentenceStart = /(^|[.!?\n]\s*)$/.test(lower.slice(0, first.start));
  if (written && !sentenceStart && /^[A-Z]/.test(written)) return true;
  // "Bad Gateway right after we redeployed": a name of several words, each capitalised, even where a sentence starts.
  if (hit.length > 1 && /^[A-Z][^\s-]*(?:[\s-]+[A-Z][^\s-]*)+$/.test(written)) return true;
  if (written.length > 1 && written === written.toUpperCase() && /[A-Z]/.test(written)) return true;
  const prev = words[hit.at - 1]?.text;
  if (prev !== undefined && CUE_BEFORE.has(prev)) return true;
  // A message that opens with the name and says when it happens: "Conflict when two people edit the same record".
  const next = words[hit.at + hit.length]?.text;
  return hit.at === 0 && next !== undefined && CUE_AFTER_OPENING.has(next);
}
