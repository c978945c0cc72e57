/**
 * The Answer model: what the bot will say, as data, before any channel decides how to draw it (Adaptive Card,
 * markdown, JSON, Teams preview). composeAnswer() is pure: an Understanding and the table in, an Answer out.
 */
import { deepFreeze } from './deep-freeze';
import type { Act, ConversationLexicon, Focus, Side } from './conversation-lexicon';
import { relatedEntryId, type ClassInfo, type NetworkError, type StatusEntry } from './entry-schema';
import { likelyFix, type LikelyFix } from './likely-fix';
import { describeFacts, type PastedFactWords } from './pasted-fact-words';
import type { NumberKind, NumberKinds } from './number-kinds';
import type { ProviderError } from './provider-error-schema';
import { secretWarning, type SecretWords } from './secret-warning';
import type { SecretKind } from './secrets';
import { classOf, type StatusClass, type StatusTable } from './status-table';
import { MAX_MESSAGE_LENGTH } from './text';
import { isUnsure, type Clarify, type Understanding } from './understanding';

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

/** A provider's error named in the message, with the provider's display name and a title to show it under. */
export interface ProviderErrorView extends ProviderError {
  providerName: string;
  /** "Amazon S3 SlowDown": the service (or provider) and the name as printed. */
  title: string;
}

/** Credentials found in the message, and the line that tells the user so; every channel shows it first. */
export interface ExposedSecrets {
  kinds: SecretKind[];
  warning: string;
}

interface AnswerBase {
  /** Things the user should know about how the message was read ("your message was cut at 10,000 characters"). */
  notes: string[];
  /** When the message held a credential: what kind, and the warning to rotate it. */
  exposed?: ExposedSecrets;
  /**
   * What the pasted headers and bodies say, one sentence each ("Retry-After: 120 → wait 2 minutes (until 10:42 UTC)").
   */
  pasted?: string[];
  /** Follow-up questions worth offering as buttons. */
  suggestions: string[];
}

export interface LookupAnswer extends AnswerBase {
  intent: 'lookup';
  /** The whole overview, or the part a question or follow-up asked for (the fix, the cause, whose side …). */
  focus: Focus;
  /** The side the user is on, when known: their steps come first. */
  side?: Side;
  entry: EntryView;
  /** The provider's error the message named ("S3 SlowDown"): its meaning leads, the status's entry follows. */
  providerError?: ProviderErrorView;
  /**
   * The steps that fit what the user said (their stack, their side), shown first;
   * absent when nothing failed or a provider's error leads.
   */
  likelyFix?: LikelyFix;
  /** The same number with another vendor's meaning (499 is nginx's and ArcGIS's). */
  otherMeanings: EntryRef[];
  /** Other codes the message may have meant, best first. */
  alternatives: EntryRef[];
  /** True when the engine is not sure: the channel should ask "did you mean …" first. */
  unsure: boolean;
}

export interface CompareAnswer extends AnswerBase {
  intent: 'compare';
  /** `which`: the question was which of them to use; otherwise the overview or one part of each. */
  focus: Focus;
  /** For `which`: the code the user's situation points to, when it points to one. */
  recommended?: EntryRef;
  /** The answer in one sentence: for `which`, the pick or when to use each; otherwise the difference. */
  lead?: string;
  /** The contrast the lead states, which the list of differences then leaves out. */
  difference?: { from: number; to: number; note: string };
  entries: EntryView[];
  /** What the table says about the difference between pairs of the compared codes. */
  contrasts: Array<{ from: number; to: number; note: string }>;
}

export interface ClassAnswer extends AnswerBase {
  intent: 'class';
  class: StatusClass;
  /** A follow-up on the class ("so is it ever my fault?") narrows the answer to that part. */
  focus: Focus;
  side?: Side;
  info: ClassInfo;
  codes: EntryRef[];
  /** The class's codes people meet most, for "give me an example" and "more". */
  common: EntryRef[];
}

/** The common codes a class's follow-up names: a row a phone shows without scrolling. */
const MAX_COMMON_IN_CLASS = 6;

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
}

/** The words the facts read from a paste go under, on every channel. */
export const PASTED_HEADING = 'From what you pasted';

/** What every rendering of a network error says first, so no channel passes it off as a status. */
export const NOT_A_STATUS = 'a network error, not an HTTP status';

/** A failure with no HTTP status (refused, reset, DNS, TLS, CORS), and the statuses to compare it with. */
export interface NetworkErrorAnswer extends AnswerBase {
  intent: 'network_error';
  focus: Focus;
  side?: Side;
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
  /** The steps for that failure that fit the stack and side the message names. */
  likelyFix?: LikelyFix;
  /** One line per finding, most important first. */
  story: string[];
}

export interface GreetingAnswer extends AnswerBase {
  intent: 'greeting' | 'none';
  /** What the bot says: the reply to a greeting or a thank-you, the question it asks, or what it can do. */
  message: string;
  /** The heading the message goes under; none for a line in kind (thanks, "ok", bye). */
  title?: string;
  /** For greeting: what the user said (hello, thanks, ok, bye …). */
  act?: Act;
  /** For none: what the bot asks for. */
  clarify?: Clarify;
  /** For none: the number in the message that is something else, and what that is. */
  otherWorld?: { text?: string; kind: Pick<NumberKind, 'id' | 'name' | 'explanation' | 'references'> };
  examples: string[];
}

/** Acts that want a short reply in kind, not the whole introduction. */
export const SHORT_ACTS: readonly Act[] = ['thanks', 'ack', 'bye'];

export type Answer =
  LookupAnswer | CompareAnswer | ClassAnswer | UnknownCodeAnswer | NetworkErrorAnswer | TriageAnswer | GreetingAnswer;

/** The retry verdicts in words, the same on every channel. */
export const RETRY_LABEL: Record<StatusEntry['retry']['when'], string> = {
  now: 'Safe to retry as is',
  later: 'Retry later',
  'after-fix': 'Retry only after a fix',
  never: 'Do not retry',
  'not-needed': 'Nothing to retry',
};

/** Starter questions for welcomes and for messages the bot cannot place. */
export const EXAMPLE_QUESTIONS = [
  'what is 502',
  '401 vs 403',
  'the API keeps saying too many requests',
  'what are 5xx errors',
];

/** The RFC 9110 reference for the x00 rule, quoted in unknown-code answers. */
export const UNKNOWN_CODE_RULE = {
  label: 'RFC 9110 §15',
  url: 'https://www.rfc-editor.org/rfc/rfc9110#section-15',
};

export function composeAnswer(
  u: Understanding,
  table: StatusTable,
  talk: ConversationLexicon,
  kinds: NumberKinds,
  secretWords: SecretWords,
  facts?: { words: PastedFactWords; now: Date },
): Answer {
  const answer = composeFor(u, table, talk, kinds);
  const exposed = u.secrets?.length
    ? { exposed: { kinds: u.secrets, warning: secretWarning(secretWords, u.secrets) } }
    : {};
  // What the paste itself says comes with any answer about it, not with a greeting.
  const pasted =
    facts && u.facts?.length && u.intent !== 'greeting'
      ? { pasted: describeFacts(u.facts, facts.now, facts.words) }
      : {};
  return { ...answer, ...exposed, ...pasted };
}

function composeFor(u: Understanding, table: StatusTable, talk: ConversationLexicon, kinds: NumberKinds): Answer {
  const notes = u.truncated
    ? [
        `Your message was longer than ${MAX_MESSAGE_LENGTH.toLocaleString('en-US')} characters; ` +
          `I read only the first ${MAX_MESSAGE_LENGTH.toLocaleString('en-US')}.`,
      ]
    : [];
  const view = (id: string) => entryView(table, id);
  const ref = (id: string) => entryRef(table, id);
  const side = u.side ? { side: u.side } : {};
  // A follow-up is answered as the answer it follows, narrowed to what it asks.
  const intent =
    u.intent === 'follow_up'
      ? u.networkError
        ? 'network_error'
        : !u.ids.length && u.class
          ? 'class'
          : u.ids.length >= 2
            ? 'compare'
            : 'lookup'
      : u.intent;

  switch (intent) {
    case 'lookup': {
      const entry = view(u.ids[0] as string);
      const focus = u.focus === 'which' ? 'overview' : u.focus;
      const otherMeanings = table
        .meaningsOf(entry.code)
        .filter((e) => e.id !== entry.id)
        .map((e) => ref(e.id));
      const alternatives = u.alternatives.filter((a) => a.code !== entry.code).map((a) => ref(a.id));
      const named = u.providerError ? providerErrorView(table, u.providerError, entry.id) : undefined;
      const beside = u.alsoNamed ? table.providerError(u.alsoNamed) : undefined;
      if (beside?.note)
        notes.push(
          `Your message also names ${beside.service ?? providerName(table, beside)} ${beside.name}, ` +
            `which comes with ${beside.status} on its own: ${beside.note}`,
        );
      // The likely fix leads the overview and the fix; asked for one side's steps, it is that side's.
      const sideAsked = focus === 'server' || focus === 'client' ? focus : undefined;
      const fix =
        named || (focus !== 'overview' && focus !== 'fix' && !sideAsked)
          ? undefined
          : likelyFixFor(table, entry, u, sideAsked);
      return {
        intent: 'lookup',
        focus,
        ...side,
        entry,
        ...(named ? { providerError: named } : {}),
        ...(fix ? { likelyFix: fix } : {}),
        otherMeanings,
        alternatives: dedupe(alternatives),
        unsure: isUnsure(u) && alternatives.length > 0,
        notes,
        suggestions: lookupSuggestions(entry, focus),
      };
    }
    case 'compare': {
      const entries = u.ids.map(view);
      const pick = u.recommended ? ref(u.recommended) : undefined;
      const recommended = pick ? { recommended: pick } : {};
      // The difference in one sentence leads; "which one?" leads with the pick, or with when to use each.
      const all = contrasts(entries);
      const difference = u.focus === 'which' ? undefined : all[0];
      const lead =
        u.focus === 'which'
          ? {
              lead: pick
                ? `For what you describe, use ${pick.code} ${pick.name}: ${pick.summary}`
                : 'It depends on the situation: ' +
                  entries.map((e) => `${e.code} ${e.name} when ${lowerFirst(e.summary)}`).join(' '),
            }
          : difference
            ? {
                lead:
                  `${difference.to} ${entries.find((e) => e.code === difference.to)?.name ?? ''}, ` +
                  `unlike ${difference.from}: ${lowerFirst(difference.note)}`,
                difference,
              }
            : {};
      const suggestions =
        u.focus === 'which'
          ? entries.slice(0, 2).map((e) => `what is ${e.code}`)
          : ['which one should I use?', ...entries.slice(0, 2).map((e) => `how do I fix ${e.code}?`)];
      return {
        intent: 'compare',
        focus: u.focus,
        ...recommended,
        ...lead,
        entries,
        contrasts: all,
        notes,
        suggestions,
      };
    }
    case 'class': {
      const cls = u.class as StatusClass;
      const codes = table.codesInClass(cls).map((e) => ref(e.id));
      const focus = u.focus === 'which' ? 'overview' : u.focus;
      const common = codes.filter((c) => isCommon(table, c.id));
      return {
        intent: 'class',
        class: cls,
        focus,
        ...side,
        info: table.classInfo(cls),
        codes,
        common: common.slice(0, MAX_COMMON_IN_CLASS),
        notes,
        suggestions:
          focus === 'overview'
            ? common.slice(0, 3).map((c) => `what is ${c.code}`)
            : followUpSuggestions(focus, cls === '4xx' || cls === '5xx').slice(0, 2),
      };
    }
    case 'unknown_code': {
      const code = u.code as number;
      const cls = classOf(code);
      const base = cls ? table.meaningsOf(Math.floor(code / 100) * 100)[0] : undefined;
      const nearby = nearbyCodes(table, code).map((e) => ref(e.id));
      const maybe = u.alsoNamed ? table.providerError(u.alsoNamed) : undefined;
      if (maybe)
        notes.push(
          `If ${providerName(table, maybe)} showed it, ${maybe.name} comes with HTTP ${maybe.status}: ${maybe.summary}`,
        );
      return {
        intent: 'unknown_code',
        code,
        inRange: cls !== null,
        treatedAs: base ? ref(base.id) : undefined,
        classInfo: cls ? table.classInfo(cls) : undefined,
        nearby,
        notes,
        suggestions: nearby.slice(0, 3).map((n) => `what is ${n.code}`),
      };
    }
    case 'network_error': {
      const error = table.networkError(u.networkError as string);
      if (!error) throw new Error(`No network error "${u.networkError}" in data/network-errors.json`);
      const related = error.related.map((r) => ({ ref: ref(relatedEntryId(r)), note: r.note }));
      const focus = u.focus === 'which' ? 'overview' : u.focus;
      const suggestions =
        focus === 'overview'
          ? [
              'how do I fix it?',
              'whose side is it?',
              ...related.slice(0, 1).map((r) => `what is ${r.ref.code}${r.ref.vendor ? ` ${r.ref.vendor}` : ''}`),
            ]
          : followUpSuggestions(focus, true);
      return { intent: 'network_error', focus, ...side, error, related, notes, suggestions };
    }
    case 'triage':
      return composeTriage(u, table, notes);
    case 'greeting': {
      const act = u.act ?? 'hello';
      const short = SHORT_ACTS.includes(act);
      const title = talk.actTitles[act];
      // The examples once: as the card's buttons (which Teams channels show too), not again as suggested replies.
      return {
        intent: 'greeting',
        act,
        ...(title ? { title } : {}),
        message: talk.actReplies[act],
        examples: short ? [] : EXAMPLE_QUESTIONS,
        notes,
        suggestions: [],
      };
    }
    case 'none': {
      const kind = u.otherWorld && kinds.kind(u.otherWorld.kind);
      if (u.otherWorld && kind) {
        const { id, name, explanation, references } = kind;
        const { text } = u.otherWorld;
        // A number ("554 5.7.1 looks like …"), or only the world's own words ("Permission denied (publickey)").
        const message = text
          ? talk.notHttp.replace('{text}', text).replace('{kind}', name)
          : talk.notHttpWorld.replace('{world}', kind.world?.about ?? name);
        return {
          intent: 'none',
          message,
          otherWorld: { ...(text ? { text } : {}), kind: { id, name, explanation, references } },
          examples: EXAMPLE_QUESTIONS,
          notes,
          suggestions: [],
        };
      }
      // An aside ("hmm", "lol") gets its own short reply, without the examples.
      if (u.act) return { intent: 'none', message: talk.actReplies[u.act], examples: [], notes, suggestions: [] };
      const message = u.clarify ? talk.clarify[u.clarify] : talk.outOfScope;
      return {
        intent: 'none',
        message,
        ...(u.clarify ? { clarify: u.clarify } : {}),
        examples: EXAMPLE_QUESTIONS,
        notes,
        suggestions: [],
      };
    }
  }
}

/** A failed response in a triage: 4xx and 5xx. Successes, redirects and interim responses did not fail. */
export function isFailure(code: number): boolean {
  return code >= 400;
}

function composeTriage(u: Understanding, table: StatusTable, notes: string[]): TriageAnswer {
  const total = u.counts.reduce((sum, c) => sum + c.count, 0);
  const failures = u.counts.filter((c) => isFailure(c.code)).reduce((sum, c) => sum + c.count, 0);
  const counts = u.counts.map((c) => ({
    code: c.code,
    count: c.count,
    share: c.count / total,
    ref: c.id ? entryRef(table, c.id) : undefined,
  }));
  const failing = u.counts.filter((c) => isFailure(c.code) && c.id);
  const top = failing[0];
  const focus = top?.id ? entryView(table, top.id) : undefined;
  const story: string[] = [];
  const pct = (n: number) => `${Math.round((100 * n) / total)}%`;
  if (!focus) {
    story.push(`All ${total} responses are successes or redirects; nothing here failed.`);
  } else {
    story.push(
      `${failures} of ${total} responses failed (${pct(failures)}); ` +
        `the most frequent failure is ${focus.code} ${focus.name} (${top?.count} of ${total}).`,
    );
    story.push(focus.summary);
    if (focus.causes[0]) story.push(`Likely cause: ${lowerFirst(focus.causes[0])}`);
    const second = failing[1];
    if (second) {
      const link = focus.related.find((r) => r.code === second.code);
      const secondRef = second.id ? entryRef(table, second.id) : undefined;
      story.push(
        link
          ? `Also ${second.code} ${secondRef?.name ?? ''} (${second.count}×): ${link.note}`
          : `Also ${second.code} ${secondRef?.name ?? ''} (${second.count}×): ${secondRef?.summary ?? ''}`,
      );
    }
  }
  const fix = focus ? likelyFixFor(table, focus, u) : undefined;
  return {
    intent: 'triage',
    counts,
    total,
    failures,
    focus,
    ...(fix ? { likelyFix: fix } : {}),
    story,
    notes,
    suggestions: focus ? [`how do I fix ${focus.code}?`] : [],
  };
}

// === Helpers

export function entryRef(table: StatusTable, id: string): EntryRef {
  const e = table.entry(id);
  if (!e) throw new Error(`No entry "${id}" in the status table`);
  return {
    id: e.id,
    code: e.code,
    name: e.name,
    summary: e.summary,
    ...(e.vendor ? { vendor: table.vendor(e.vendor)?.name ?? e.vendor } : {}),
  };
}

/** The likely fix for what the message names (its vendors and stacks) and the side it is on, or the side asked for. */
function likelyFixFor(table: StatusTable, entry: StatusEntry, u: Understanding, only?: Side): LikelyFix | undefined {
  const stackName = (id: string) => table.vendor(id)?.name ?? table.stacks.find((s) => s.id === id)?.name ?? id;
  return likelyFix(entry, [...u.vendors, ...(u.stacks ?? [])], only ?? u.side, stackName, only);
}

function providerName(table: StatusTable, error: ProviderError): string {
  return table.provider(error.provider)?.name ?? error.provider;
}

/** The provider's error, when it is one of this entry's status (a follow-up may have moved on to another code). */
function providerErrorView(table: StatusTable, id: string, entryId: string): ProviderErrorView | undefined {
  const error = table.providerError(id);
  if (!error || error.statusId !== entryId) return undefined;
  const name = providerName(table, error);
  return { ...error, providerName: name, title: `${error.service ?? name} ${error.name}` };
}

/**
 * One view per entry of a table, made once and shared by every answer (frozen: answers are never changed). Copying
 * an entry's twenty fields for each answer cost more than the copy: V8 kept the copies through young collections.
 */
const views = new WeakMap<StatusTable, Map<string, EntryView>>();

export function entryView(table: StatusTable, id: string): EntryView {
  let byId = views.get(table);
  if (!byId) views.set(table, (byId = new Map()));
  let view = byId.get(id);
  if (!view) {
    const e = table.entry(id);
    if (!e) throw new Error(`No entry "${id}" in the status table`);
    view = deepFreeze({
      ...e,
      vendorName: e.vendor ? table.vendor(e.vendor)?.name : undefined,
      classInfo: table.classInfo(e.class as StatusClass),
    });
    byId.set(id, view);
  }
  return view;
}

function contrasts(entries: EntryView[]): CompareAnswer['contrasts'] {
  const out: CompareAnswer['contrasts'] = [];
  for (const a of entries) {
    for (const rel of a.related) {
      if (
        entries.some((b) => b !== a && b.code === rel.code) &&
        !out.some((c) => c.from === rel.code && c.to === a.code)
      ) {
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

/** The follow-ups worth offering as buttons, in the order people ask them. */
const FOLLOW_UP_QUESTIONS: ReadonlyArray<[Focus, string]> = [
  ['fix', 'how do I fix it?'],
  ['cause', 'why does it happen?'],
  ['fault', 'is it my fault?'],
  ['retry', 'is it safe to retry?'],
  ['example', 'show me an example'],
];

function followUpSuggestions(focus: Focus, failure: boolean): string[] {
  return FOLLOW_UP_QUESTIONS.filter(([f]) => f !== focus && (failure || f === 'cause' || f === 'example')).map(
    ([, q]) => q,
  );
}

function lookupSuggestions(entry: StatusEntry, focus: Focus): string[] {
  const failure = entry.code >= 400;
  const related = entry.related[0];
  if (focus === 'overview')
    return [
      ...followUpSuggestions(focus, failure).slice(0, 2),
      ...(related ? [`${entry.code} vs ${related.code}`] : []),
    ];
  return followUpSuggestions(focus, failure).slice(0, 3);
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
