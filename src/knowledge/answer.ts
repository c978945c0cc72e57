/**
 * The Answer model: what the bot will say, as data, before any channel decides how to draw it (Adaptive Card,
 * markdown, JSON, Teams preview). composeAnswer() is pure: an Understanding and the table in, an Answer out.
 */
import { relatedEntryId, type ClassInfo, type NetworkError, type StatusEntry } from './entry-schema';
import { classOf, type StatusClass, type StatusTable } from './status-table';
import { MAX_MESSAGE_LENGTH } from './text';
import type { Understanding } from './understanding';

/** A code as a link or a button: enough to name it and explain it in one line. */
export interface EntryRef {
  id: string;
  code: number;
  name: string;
  summary: string;
  vendor?: string;
}

/** A full entry plus the vendor's display name and its class as words. */
export interface EntryView extends StatusEntry {
  vendorName?: string;
  classInfo: ClassInfo;
}

interface AnswerBase {
  /** Things the user should know about how the message was read ("your message was cut at 10,000 characters"). */
  notes: string[];
  /** Follow-up questions worth offering as buttons. */
  suggestions: string[];
}

/** Which part of an entry a lookup answer is about: the whole overview, or a follow-up's part of it. */
export type LookupFocus = 'overview' | 'fix' | 'retry' | 'more';

export interface LookupAnswer extends AnswerBase {
  intent: 'lookup';
  focus: LookupFocus;
  entry: EntryView;
  /** The same number with another vendor's meaning (499 is nginx's and ArcGIS's). */
  otherMeanings: EntryRef[];
  /** Other codes the message may have meant, best first. */
  alternatives: EntryRef[];
  /** True when the engine is not sure: the channel should ask "did you mean …" first. */
  unsure: boolean;
}

export interface CompareAnswer extends AnswerBase {
  intent: 'compare';
  entries: EntryView[];
  /** What the table says about the difference between pairs of the compared codes. */
  contrasts: Array<{ from: number; to: number; note: string }>;
}

export interface ClassAnswer extends AnswerBase {
  intent: 'class';
  class: StatusClass;
  info: ClassInfo;
  codes: EntryRef[];
}

export interface UnknownCodeAnswer extends AnswerBase {
  intent: 'unknown_code';
  code: number;
  /** False for numbers outside 100–599, which are no HTTP status at all. */
  inRange: boolean;
  /** RFC 9110 §15: a client treats an unknown code as the x00 of its class. */
  treatedAs?: EntryRef;
  classInfo?: ClassInfo;
  /** Known codes close to the number, in case of a typo. */
  nearby: EntryRef[];
  /** What a well-known non-status number means instead ("000": no response at all). */
  explanation?: string;
}

/** What every rendering of a network error says first, so no channel passes it off as a status. */
export const NOT_A_STATUS = 'a network error, not an HTTP status';

/** A failure with no HTTP status (refused, reset, DNS, TLS, CORS), and the statuses to compare it with. */
export interface NetworkErrorAnswer extends AnswerBase {
  intent: 'network_error';
  error: NetworkError;
  related: Array<{ ref: EntryRef; note: string }>;
}

export interface TriageAnswer extends AnswerBase {
  intent: 'triage';
  counts: Array<{ code: number; count: number; share: number; ref?: EntryRef }>;
  total: number;
  failures: number;
  /** The most frequent failure, explained in full; absent when everything succeeded. */
  focus?: EntryView;
  /** One line per finding, most important first. */
  story: string[];
}

export interface GreetingAnswer extends AnswerBase {
  intent: 'greeting' | 'none';
  examples: string[];
}

export type Answer = LookupAnswer | CompareAnswer | ClassAnswer | UnknownCodeAnswer | NetworkErrorAnswer | TriageAnswer | GreetingAnswer;

/** The retry verdicts in words, the same on every channel. */
export const RETRY_LABEL: Record<StatusEntry['retry']['when'], string> = {
  now: 'Safe to retry as is',
  later: 'Retry later',
  'after-fix': 'Retry only after a fix',
  never: 'Do not retry',
  'not-needed': 'Nothing to retry',
};

/** Starter questions for welcomes and for messages the bot cannot place. */
export const EXAMPLE_QUESTIONS = ['what is 502', '401 vs 403', 'the API keeps saying too many requests', 'what are 5xx errors'];

/**
 * "000" / status 0: curl's and browsers' way of saying no HTTP response arrived, which users paste as if it were a
 * status.
 */
export const NO_RESPONSE =
  'No HTTP response arrived at all: curl prints 000 and browsers report status 0 when the connection was refused or reset, timed out, failed in DNS or TLS, or was blocked before reaching the page (CORS, an extension, a firewall). Look at the network error (curl\'s exit code, the browser console) rather than for a status.';

/** The RFC 9110 reference for the x00 rule, quoted in unknown-code answers. */
export const UNKNOWN_CODE_RULE = {
  label: 'RFC 9110 §15',
  url: 'https://www.rfc-editor.org/rfc/rfc9110#section-15',
};

export function composeAnswer(u: Understanding, table: StatusTable, focus: LookupFocus = 'overview'): Answer {
  const notes = u.truncated ? [`Your message was longer than ${MAX_MESSAGE_LENGTH.toLocaleString('en-US')} characters; I read only the first ${MAX_MESSAGE_LENGTH.toLocaleString('en-US')}.`] : [];
  const view = (id: string) => entryView(table, id);
  const ref = (id: string) => entryRef(table, id);

  switch (u.intent) {
    case 'lookup': {
      const entry = view(u.ids[0] as string);
      const otherMeanings = table.meaningsOf(entry.code).filter((e) => e.id !== entry.id).map((e) => ref(e.id));
      const alternatives = u.alternatives.filter((a) => a.code !== entry.code).map((a) => ref(a.id));
      return {
        intent: 'lookup',
        focus,
        entry,
        otherMeanings,
        alternatives: dedupe(alternatives),
        unsure: u.confidence < 0.6 && alternatives.length > 0,
        notes,
        suggestions: lookupSuggestions(entry, focus),
      };
    }
    case 'compare': {
      const entries = u.ids.map(view);
      return { intent: 'compare', entries, contrasts: contrasts(entries), notes, suggestions: entries.slice(0, 3).map((e) => `how do I fix ${e.code}?`) };
    }
    case 'class': {
      const cls = u.class as StatusClass;
      const codes = table.codesInClass(cls).map((e) => ref(e.id));
      return { intent: 'class', class: cls, info: table.classInfo(cls), codes, notes, suggestions: codes.filter((c) => isCommon(table, c.id)).slice(0, 3).map((c) => `what is ${c.code}`) };
    }
    case 'unknown_code': {
      const code = u.code as number;
      const cls = classOf(code);
      const base = cls ? table.meaningsOf(Math.floor(code / 100) * 100)[0] : undefined;
      const nearby = nearbyCodes(table, code).map((e) => ref(e.id));
      return {
        intent: 'unknown_code',
        code,
        inRange: cls !== null,
        treatedAs: base ? ref(base.id) : undefined,
        classInfo: cls ? table.classInfo(cls) : undefined,
        nearby,
        ...(code === 0 ? { explanation: NO_RESPONSE } : {}),
        notes,
        suggestions: nearby.slice(0, 3).map((n) => `what is ${n.code}`),
      };
    }
    case 'network_error': {
      const error = table.networkError(u.networkError as string);
      if (!error) throw new Error(`No network error "${u.networkError}" in data/network-errors.json`);
      const related = error.related.map((r) => ({ ref: ref(relatedEntryId(r)), note: r.note }));
      return { intent: 'network_error', error, related, notes, suggestions: related.slice(0, 3).map((r) => `what is ${r.ref.code}${r.ref.vendor ? ` ${r.ref.vendor}` : ''}`) };
    }
    case 'triage':
      return composeTriage(u, table, notes);
    case 'greeting':
    case 'none':
      return { intent: u.intent, examples: EXAMPLE_QUESTIONS, notes, suggestions: EXAMPLE_QUESTIONS.slice(0, 3) };
  }
}

function composeTriage(u: Understanding, table: StatusTable, notes: string[]): TriageAnswer {
  const total = u.counts.reduce((sum, c) => sum + c.count, 0);
  const isFailure = (code: number) => code >= 400;
  const failures = u.counts.filter((c) => isFailure(c.code)).reduce((sum, c) => sum + c.count, 0);
  const counts = u.counts.map((c) => ({ code: c.code, count: c.count, share: c.count / total, ref: c.id ? entryRef(table, c.id) : undefined }));
  const failing = u.counts.filter((c) => isFailure(c.code) && c.id);
  const top = failing[0];
  const focus = top?.id ? entryView(table, top.id) : undefined;
  const story: string[] = [];
  const pct = (n: number) => `${Math.round((100 * n) / total)}%`;
  if (!focus) {
    story.push(`All ${total} responses are successes or redirects; nothing here failed.`);
  } else {
    story.push(`${failures} of ${total} responses failed (${pct(failures)}); the most frequent failure is ${focus.code} ${focus.name} (${top?.count} of ${total}).`);
    story.push(focus.summary);
    if (focus.causes[0]) story.push(`Likely cause: ${lowerFirst(focus.causes[0])}`);
    const second = failing[1];
    if (second) {
      const link = focus.related.find((r) => r.code === second.code);
      const secondRef = second.id ? entryRef(table, second.id) : undefined;
      story.push(link ? `Also ${second.code} ${secondRef?.name ?? ''} (${second.count}×): ${link.note}` : `Also ${second.code} ${secondRef?.name ?? ''} (${second.count}×): ${secondRef?.summary ?? ''}`);
    }
  }
  return { intent: 'triage', counts, total, failures, focus, story, notes, suggestions: focus ? [`how do I fix ${focus.code}?`] : [] };
}

// === Helpers

export function entryRef(table: StatusTable, id: string): EntryRef {
  const e = table.entry(id);
  if (!e) throw new Error(`No entry "${id}" in the status table`);
  return { id: e.id, code: e.code, name: e.name, summary: e.summary, ...(e.vendor ? { vendor: table.vendor(e.vendor)?.name ?? e.vendor } : {}) };
}

export function entryView(table: StatusTable, id: string): EntryView {
  const e = table.entry(id);
  if (!e) throw new Error(`No entry "${id}" in the status table`);
  return { ...e, vendorName: e.vendor ? table.vendor(e.vendor)?.name : undefined, classInfo: table.classInfo(e.class as StatusClass) };
}

function contrasts(entries: EntryView[]): CompareAnswer['contrasts'] {
  const out: CompareAnswer['contrasts'] = [];
  for (const a of entries) {
    for (const rel of a.related) {
      if (entries.some((b) => b !== a && b.code === rel.code) && !out.some((c) => c.from === rel.code && c.to === a.code)) {
        out.push({ from: a.code, to: rel.code, note: rel.note });
      }
    }
  }
  return out;
}

function nearbyCodes(table: StatusTable, code: number): StatusEntry[] {
  const digits = String(code);
  return table.codes
    .filter((c) => {
      const d = String(c);
      if (d.length !== digits.length) return false;
      let diff = 0;
      for (let i = 0; i < d.length; i++) if (d[i] !== digits[i]) diff++;
      return diff === 1;
    })
    .map((c) => table.meaningsOf(c)[0] as StatusEntry)
    .filter((e) => e.prevalence !== 'rare')
    .slice(0, 4);
}

function lookupSuggestions(entry: StatusEntry, focus: LookupFocus): string[] {
  const out: string[] = [];
  if (entry.code >= 400 && focus !== 'fix') out.push('how do I fix it?');
  if (entry.code >= 400 && focus !== 'retry') out.push('is it safe to retry?');
  if (focus !== 'more') out.push('more');
  const related = entry.related[0];
  if (related) out.push(`${entry.code} vs ${related.code}`);
  return out.slice(0, 3);
}

function isCommon(table: StatusTable, id: string): boolean {
  return table.entry(id)?.prevalence === 'common';
}

function dedupe(refs: EntryRef[]): EntryRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
