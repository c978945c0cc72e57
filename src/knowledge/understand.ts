/**
 * understand(): one message in, one Understanding out. The order of decisions mirrors how a person reads a
 * question about a status code: a pasted log first (many statuses), then an explicit comparison, then a class,
 * then a code named by number, a network error with no status (ECONNREFUSED), a reason phrase, a greeting, and last
 * a described symptom.
 */
import {
  findCodeMentions,
  MENTION_THRESHOLD_KNOWN,
  MENTION_THRESHOLD_OUT_OF_RANGE,
  MENTION_THRESHOLD_UNKNOWN,
  type CodeMention,
} from './code-mentions';
import { MAX_PATTERN, type CodeSearch } from './code-search';
import type { Lexicon } from './lexicon';
import { findNetworkError, proxyStatusFor } from './network-errors';
import { findClassMention, findVendors, hasCompareCue, isAboutTheWeb, isGreeting, looksLikeLogLine, phrasesCompared } from './message-signals';
import type { PhraseHit, PhraseMatcher } from './phrase-matcher';
import { classOf, type StatusTable } from './status-table';
import type { SymptomIndex } from './symptom-index';
import { toTerms } from './term-analyzer';
import { MAX_MESSAGE_LENGTH, normalize, words as splitWords, type Word } from './text';
import type { TypoCorrector } from './typo-corrector';
import type { Candidate, TriageCount, Understanding } from './understanding';

export interface EngineParts {
  table: StatusTable;
  search: CodeSearch;
  lexicon: Lexicon;
  phrases: PhraseMatcher;
  symptoms: SymptomIndex;
  corrector: TypoCorrector;
}

/** Fuse.js distance (0 perfect, 1 none) under which a short query is taken as a fuzzy name match. */
const FUZZY_THRESHOLD = 0.25;

/** Below this a described symptom is not an answer; the bot says what it can do instead. */
export const SYMPTOM_THRESHOLD = 0.3;
/** A second reading within this share of the first is offered as "did you mean". */
const ALTERNATIVE_SHARE = 0.8;

export function understand(text: string, parts: EngineParts): Understanding {
  const truncated = text.length > MAX_MESSAGE_LENGTH;
  const original = truncated ? text.slice(0, MAX_MESSAGE_LENGTH) : text;
  const lower = normalize(original);
  const words = splitWords(lower);
  const texts = words.map((w) => w.text);
  const { table, lexicon } = parts;
  const base = { truncated, vendors: findVendors(lower, table) };
  const result = (u: Partial<Understanding> & Pick<Understanding, 'intent'>): Understanding => ({
    codes: [],
    ids: [],
    class: null,
    code: null,
    confidence: 0,
    alternatives: [],
    counts: [],
    via: null,
    ...base,
    ...u,
  });

  if (!words.length) return result({ intent: 'none', confidence: 1 });

  // "api", "curl", "nginx", a vendor: the message is about the web. Numbers in it are likelier codes, and a
  // described symptom is worth matching.
  const aboutTheWeb = isAboutTheWeb(texts, lexicon, base.vendors);
  const mentions = findCodeMentions(lower, words, lexicon, (c) => table.has(c), (c, f) => parts.phrases.phraseFollows(c, f), aboutTheWeb);
  const accepted = mentions.filter(isAccepted(table));

  // === A pasted log: one status per line, counted.
  const triage = countLogStatuses(lower, accepted, table, base.vendors);
  if (triage) {
    const codes = triage.map((t) => t.code);
    const first = table.meaningsOf(codes.find((c) => c < 200 || c > 299) ?? (codes[0] as number))[0];
    return result({
      intent: 'triage',
      codes,
      ids: triage.flatMap((t) => (t.id ? [t.id] : [])),
      class: first ? classOf(first.code) : null,
      confidence: 0.9,
      counts: triage,
      via: 'log',
    });
  }

  const known = accepted.filter((m) => table.has(m.code));
  const classMention = findClassMention(lower, words, lexicon);
  const { corrected, correctedFlags } = correctWords(texts, parts.corrector);
  const allHits = onePerPlace(parts.phrases.match(corrected, correctedFlags), table, base.vendors);
  // Everyday words that are names ("found"), and vendor names said without the vendor ("retry with", "page
  // expired"), count only with a cue: quotes, capitals, a status verb before them, or a comparison.
  const needsCue = (h: PhraseHit) => h.weak || h.ids.every((id) => isUnhintedVendor(table, id, base.vendors));
  const phraseHits = allHits.filter((h, i) => !needsCue(h) || hasCue(h, words, original, lower) || comparedWithNeighbour(allHits, i, texts));
  const compareCue = hasCompareCue(texts, lower, lexicon);

  // === Two or more codes, by number or by name, with a comparison cue: "401 vs 403", "unauthorized or forbidden".
  const numbered = distinct(known.filter((m) => !inside(m, classMention)).map((m) => m.code));
  const named = distinct(phraseHits.filter((h, i) => comparedWithNeighbour(phraseHits, i, texts)).map((h) => h.code));
  const comparable = distinct(numbered.length >= 2 || !compareCue ? numbered : [...numbered, ...named]);
  if (compareCue && comparable.length >= 2) {
    return result({
      intent: 'compare',
      codes: comparable,
      ids: comparable.map((c) => resolveMeaning(table, c, base.vendors)),
      class: null,
      confidence: numbered.length >= 2 ? 0.95 : 0.8,
      via: numbered.length >= 2 ? 'code' : 'name',
    });
  }

  // === A class: "5xx", "the 500 range", "server errors in general".
  if (classMention && (classMention.explicit || (!numbered.length && !phraseHits.some((h) => !h.weak)))) {
    return result({ intent: 'class', class: classMention.class, confidence: classMention.explicit ? 0.95 : 0.75 });
  }

  // === A code by number.
  if (known.length) {
    const best = bestMention(known);
    const id = resolveMeaning(table, best.code, base.vendors);
    const others = distinct(known.map((m) => m.code).filter((c) => c !== best.code));
    const alternatives: Candidate[] = [
      ...otherMeanings(table, best.code, id),
      ...others.map((c) => ({ id: resolveMeaning(table, c, base.vendors), code: c, score: 0.5, via: 'code' as const })),
    ];
    return result({
      intent: 'lookup',
      codes: [best.code, ...others],
      ids: [id],
      class: classOf(best.code),
      confidence: best.strong ? 0.98 : best.score >= 3.5 ? 0.95 : 0.85,
      alternatives,
      via: 'code',
    });
  }

  // === No status at all, but a network failure pasted as if it were one: "ECONNREFUSED", "curl: (60) SSL …".
  // Before unknown numbers, so "000" next to curl's error gets the error explained. In nginx's error log the client
  // got nginx's status for it (502, 504). A vendor named with a status of its own for the failure (Cloudflare's 521
  // for a refused origin) is left to the symptom match, which finds that status.
  const networkError = findNetworkError(lower, table.networkErrors);
  const proxyStatus = networkError && proxyStatusFor(lower, networkError);
  if (proxyStatus) return result({ intent: 'lookup', codes: [proxyStatus], ids: [String(proxyStatus)], class: classOf(proxyStatus), confidence: 0.85, via: 'symptom' });
  const vendorStatus = networkError?.related.some((r) => r.vendor !== undefined && base.vendors.includes(r.vendor));
  if (networkError && !vendorStatus) return result({ intent: 'network_error', networkError: networkError.id, confidence: 0.9 });

  // === A number given as a status that no table knows: RFC 9110's x00 rule, or "not an HTTP status at all".
  const unknown = accepted.filter((m) => !table.has(m.code) && !inside(m, classMention));
  if (unknown.length && !phraseHits.length) {
    const best = bestMention(unknown);
    return result({ intent: 'unknown_code', code: best.code, class: classOf(best.code), confidence: best.score >= 4 ? 0.9 : 0.75 });
  }

  // === A reason phrase or an old name: "bad gateway", "Request Entity Too Large", "forbiden".
  if (phraseHits.length) {
    const ranked = rankPhraseHits(phraseHits);
    const top = ranked[0] as PhraseHit;
    const id = pickAmongIds(table, top.ids, base.vendors);
    const alternatives: Candidate[] = [
      ...top.ids.filter((i) => i !== id).map((i) => candidateFor(table, i, 0.6, 'name')),
      ...otherMeanings(table, top.code, id).filter((c) => !top.ids.includes(c.id)),
      ...distinct(ranked.slice(1).map((h) => h.code))
        .filter((c) => c !== top.code)
        .map((c) => ({ id: resolveMeaning(table, c, base.vendors), code: c, score: 0.5, via: 'name' as const })),
    ];
    return result({
      intent: 'lookup',
      codes: distinct([top.code, ...alternatives.map((a) => a.code)]),
      ids: [id],
      class: classOf(top.code),
      confidence: top.corrected ? 0.75 : top.weak ? 0.7 : 0.9,
      alternatives,
      via: top.corrected ? 'corrected-name' : 'name',
    });
  }

  if (isGreeting(texts, lexicon)) return result({ intent: 'greeting', confidence: 0.9 });

  // A described symptom only counts in a message about the web at all: "what time is it in tokyo" shares a word
  // with a timeout, but is not a question for this bot.
  // A short query nothing else placed, with a word we do not know ("bad gat", "gatewy tmeout"): fuzzy search over
  // names and aliases. Fuse.js costs a few milliseconds per new pattern, so only when a word looks misspelt or cut.
  const oddWord = () => texts.some((w, i) => /^[a-z]{3,}$/.test(w) && !parts.corrector.isKnown(w) && !correctedFlags[i]);
  if (original.length <= MAX_PATTERN && words.length <= 5 && oddWord()) {
    const hit = parts.search.searchNames(original)[0];
    if (hit && hit.distance <= FUZZY_THRESHOLD) {
      return result({ intent: 'lookup', codes: [hit.code], ids: [hit.id], class: classOf(hit.code), confidence: round(0.7 - hit.distance), via: 'corrected-name' });
    }
  }

  // Corrected words do not count here: "heater" is not a typo of "header" in a question about a hotel room.
  if (!aboutTheWeb && !allHits.length) return result({ intent: 'none', confidence: 0.8 });

  // === A described situation: "the api says I'm calling it too often".
  const vendorBoost = (id: string) => {
    const vendor = table.entry(id)?.vendor;
    if (!vendor) return 1;
    return base.vendors.includes(vendor) ? 1.1 : 0.85;
  };
  const matches = parts.symptoms.match(toTerms(corrected, lexicon), 5, vendorBoost);
  const top = matches[0];
  if (top && top.score >= SYMPTOM_THRESHOLD) {
    const entry = table.entry(top.id);
    const close = matches.slice(1).filter((m) => m.score >= top.score * ALTERNATIVE_SHARE && table.entry(m.id)?.code !== entry?.code);
    const alternatives = matches.slice(1).map((m) => candidateFor(table, m.id, m.score, 'symptom'));
    const confidence = Math.min(0.9, 0.35 + top.score * 0.6) * (close.length ? 0.75 : 1);
    return result({
      intent: 'lookup',
      codes: distinct([entry?.code as number, ...alternatives.map((a) => a.code)]),
      ids: [top.id],
      class: entry ? classOf(entry.code) : null,
      confidence: round(confidence),
      alternatives,
      via: 'symptom',
    });
  }

  return result({ intent: 'none', confidence: top ? round(1 - top.score) : 0.9 });
}

// === Helpers

function isAccepted(table: StatusTable) {
  return (m: CodeMention) => {
    if (table.has(m.code)) return m.score >= MENTION_THRESHOLD_KNOWN;
    const inRange = m.code >= 100 && m.code <= 599;
    return m.score >= (inRange ? MENTION_THRESHOLD_UNKNOWN : MENTION_THRESHOLD_OUT_OF_RANGE);
  };
}

/**
 * Several lines that each carry a status (an access log, a curl loop) are a log to triage: one status per line
 * (the best-placed number on it), counted, most frequent first.
 */
function countLogStatuses(lower: string, accepted: CodeMention[], table: StatusTable, vendors: readonly string[]): TriageCount[] | null {
  const statusMentions = accepted.filter((m) => table.has(m.code));
  const perLine = new Map<number, CodeMention>();
  for (const m of statusMentions) {
    const current = perLine.get(m.line);
    if (!current || m.score > current.score) perLine.set(m.line, m);
  }
  if (perLine.size < 2) return null;
  const lines = lower.split('\n');
  const logLines = [...perLine.keys()].filter((l) => looksLikeLogLine(lines[l] ?? '')).length;
  if (perLine.size < 3 && logLines < 2) return null;
  if (perLine.size < 4 && logLines < 2 && distinct([...perLine.values()].map((m) => m.code)).length < 2) return null;
  preferStatusColumn(lower, statusMentions, perLine);

  const counts = new Map<number, number>();
  const order: number[] = [];
  for (const m of [...perLine.values()].sort((a, b) => a.line - b.line)) {
    if (!counts.has(m.code)) order.push(m.code);
    counts.set(m.code, (counts.get(m.code) ?? 0) + 1);
  }
  return order
    .map((code) => ({ code, count: counts.get(code) as number, id: resolveMeaning(table, code, vendors) }))
    .sort((a, b) => b.count - a.count || order.indexOf(a.code) - order.indexOf(b.code));
}

/**
 * Log formats put the status in the same field of every line; a byte count or a timing that happens to look like
 * a status sits in another field. When most lines have a status candidate in the same field, that field wins.
 */
function preferStatusColumn(lower: string, mentions: CodeMention[], perLine: Map<number, CodeMention>): void {
  if (perLine.size < 3) return;
  const lineStarts = [0];
  for (let i = lower.indexOf('\n'); i !== -1; i = lower.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const fieldOf = (m: CodeMention) => {
    const before = lower.slice(lineStarts[m.line] ?? 0, m.start).trim();
    return before ? before.split(/\s+/).length : 0;
  };
  const linesByField = new Map<number, Set<number>>();
  for (const m of mentions) {
    const f = fieldOf(m);
    const set = linesByField.get(f) ?? new Set<number>();
    set.add(m.line);
    linesByField.set(f, set);
  }
  let bestField = -1;
  let bestLines = 0;
  for (const [field, set] of linesByField) {
    if (set.size > bestLines || (set.size === bestLines && field < bestField)) {
      bestField = field;
      bestLines = set.size;
    }
  }
  if (bestLines < perLine.size * 0.6) return;
  for (const m of mentions) if (fieldOf(m) === bestField) perLine.set(m.line, m);
}

function bestMention(list: CodeMention[]): CodeMention {
  return list.reduce((best, m) => (m.score > best.score ? m : best));
}

function inside(m: CodeMention, span: { start: number; end: number } | null): boolean {
  return span !== null && m.start >= span.start && m.end <= span.end;
}

function distinct<T>(list: T[]): T[] {
  return [...new Set(list)];
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The meaning of a number for this message: the vendor named in it, else the registry meaning, else the most common. */
export function resolveMeaning(table: StatusTable, code: number, vendors: readonly string[]): string {
  const meanings = table.meaningsOf(code);
  const byVendor = meanings.find((e) => e.vendor && vendors.includes(e.vendor));
  return (byVendor ?? meanings[0])?.id ?? String(code);
}

function pickAmongIds(table: StatusTable, ids: string[], vendors: readonly string[]): string {
  const byVendor = ids.find((id) => {
    const v = table.entry(id)?.vendor;
    return v !== undefined && vendors.includes(v);
  });
  return byVendor ?? ids.find((id) => !table.entry(id)?.vendor) ?? (ids[0] as string);
}

function otherMeanings(table: StatusTable, code: number, chosen: string): Candidate[] {
  return table
    .meaningsOf(code)
    .filter((e) => e.id !== chosen)
    .map((e) => ({ id: e.id, code: e.code, score: 0.6, via: 'code' as const }));
}

function candidateFor(table: StatusTable, id: string, score: number, via: Candidate['via']): Candidate {
  return { id, code: table.entry(id)?.code ?? Number.parseInt(id, 10), score: round(score), via };
}

function correctWords(texts: readonly string[], corrector: TypoCorrector): { corrected: string[]; correctedFlags: boolean[] } {
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

/** Where one phrase names several entries of different numbers ("unauthorized": 401 and AWS's 561), keep the one this message means. */
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

function comparedWithNeighbour(hits: readonly PhraseHit[], i: number, texts: readonly string[]): boolean {
  const hit = hits[i] as PhraseHit;
  const prev = hits[i - 1];
  const next = hits[i + 1];
  return (prev !== undefined && phrasesCompared(prev, hit, texts)) || (next !== undefined && phrasesCompared(hit, next, texts));
}

/** Strong phrases first, then longer ones, then the earliest. */
function rankPhraseHits(hits: PhraseHit[]): PhraseHit[] {
  return [...hits].sort((a, b) => Number(a.weak) - Number(b.weak) || Number(a.corrected) - Number(b.corrected) || b.length - a.length || a.at - b.at);
}

const CUE_BEFORE = new Set(['returns', 'returned', 'return', 'returning', 'got', 'get', 'getting', 'says', 'said', 'answered', 'answers', 'response', 'status', 'with', 'back', 'gives', 'gave', 'throws', 'sends', 'sent', 'shows', 'showing', 'replied', 'responds', 'responded']);

/** An everyday word counts as a status name when quoted, capitalised mid-sentence, next to a status verb, or alone. */
function hasCue(hit: PhraseHit, words: readonly Word[], original: string, lower: string): boolean {
  if (words.length <= 2) return true;
  const first = words[hit.at] as Word;
  const last = words[hit.at + hit.length - 1] as Word;
  const before = lower[first.start - 1] ?? '';
  const after = lower[last.end] ?? '';
  if (/['"]/.test(before) && /['"]/.test(after)) return true;
  const written = original.length === lower.length ? original.slice(first.start, last.end) : '';
  const sentenceStart = /(^|[.!?\n]\s*)$/.test(lower.slice(0, first.start));
  if (written && !sentenceStart && /^[A-Z]/.test(written)) return true;
  if (written.length > 1 && written === written.toUpperCase() && /[A-Z]/.test(written)) return true;
  const prev = words[hit.at - 1]?.text;
  if (prev !== undefined && CUE_BEFORE.has(prev)) return true;
  // A message that opens with the name and says when it happens: "Conflict when two people edit the same record".
  const next = words[hit.at + hit.length]?.text;
  return hit.at === 0 && next !== undefined && CUE_AFTER_OPENING.has(next);
}

const CUE_AFTER_OPENING = new Set(['when', 'whenever', 'on', 'after', 'while', 'during', 'error', 'response', 'status', 'returned', 'from', 'for']);
