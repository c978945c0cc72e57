/**
 * What to do with one incoming message, decided without any Bot Framework type: a click on one of our cards (read by
 * readCardSubmit, the cards' own contract), feedback (counted only for an answer given in this conversation), or a
 * message the engine reads in its conversation (what the last answer was about, and the user's side). The bot and its
 * dialogs only carry out the plan; the engine decides what a message means.
 */
import { readCardSubmit } from '../cards/card-submit-data';
import { entryRef, type Answer, type EntryRef } from '../knowledge/answer';
import { relatedEntryId } from '../knowledge/entry-schema';
import { lookupQuestion } from '../knowledge/lookup-question';
import { NOTHING_ANSWERED, wasAnswered, type AnsweredSubjects } from './answered-subjects';
import type { ConversationContext } from '../knowledge/conversation-context';
import type { Focus, Side } from '../knowledge/conversation-lexicon';
import type { StatusEngine } from '../knowledge/engine';
import { isUnsure, type Understanding } from '../knowledge/understanding';
import type { StatusClass } from '../knowledge/status-table';

/** What the conversation remembers between turns (kept in conversation state, so it must stay small and JSON). */
export interface ConversationMemory {
  /** Entry ids of the code(s) discussed last, most relevant first. */
  lastIds: string[];
  /** The network error discussed last ("connection-refused"), when the subject was one rather than a code. */
  lastNetworkError?: string;
  /** The class discussed last ("5xx"), when the subject was a class rather than a code. */
  lastClass?: StatusClass;
  /** The provider's error the last answer led with ("s3-slowdown"); its status is `lastIds[0]`. */
  lastProviderError?: string;
  /** The side of the API the user said they are on ("our nginx returns 413" → server). */
  side?: Side;
  /** The part of the answer the last turn asked for, when not the overview ("which" after "which one?"). */
  lastFocus?: Focus;
  /** Of several codes discussed, the one the last follow-up was about ("the second one"). */
  lastAbout?: string;
}

export const EMPTY_MEMORY: ConversationMemory = { lastIds: [] };

export type ReplyPlan =
  | { kind: 'answer'; understanding: Understanding; answer: Answer; memory: ConversationMemory }
  | {
      kind: 'did-you-mean';
      understanding: Understanding;
      answer: Answer;
      candidates: EntryRef[];
      memory: ConversationMemory;
    }
  /**
   * `counted`: the vote is for an answer given in this conversation; any other is not recorded. After 👎, `offers`:
   * the other readings of what was rated (its number's other meanings, its related codes) as questions to tap.
   */
  | { kind: 'feedback'; reaction: 'like' | 'dislike'; id?: string; counted: boolean; offers?: string[] }
  | { kind: 'none-of-these' };

/**
 * `value`: the activity's value; a click on one of our cards (card-submit-data.ts) is
 * acted on, anything else is ignored.
 */
export function planReply(
  engine: StatusEngine,
  text: string,
  value: unknown,
  memory: ConversationMemory,
  answered: AnsweredSubjects = NOTHING_ANSWERED,
): ReplyPlan {
  const click = readCardSubmit(value);
  if (click?.action === 'feedback')
    return feedbackPlan(engine, click.reaction, click.id, wasAnswered(answered, click.id));
  if (click?.action === 'none-of-these') return { kind: 'none-of-these' };
  if (click?.action === 'lookup' && engine.table.entry(click.id)) return lookupPlan(engine, click.id, memory);
  const question = click?.action === 'ask' ? click.text : text;

  const understanding = engine.understand(question, contextOf(engine, memory));
  const answer = engine.answer(understanding);
  // Not sure: ask "did you mean …" among the readings with evidence in the message, rather than answer a guess.
  if (answer.intent === 'lookup' && understanding.intent === 'lookup' && isUnsure(understanding)) {
    const candidates = [entryRef(engine.table, answer.entry.id), ...answer.alternatives].slice(0, 3);
    // The candidates offered become the subject, as a comparison's codes do: "why?" is about the likeliest one,
    // "the second one" about the second.
    return {
      kind: 'did-you-mean',
      understanding,
      answer,
      candidates,
      memory: { lastIds: candidates.map((c) => c.id), ...(memory.side ? { side: memory.side } : {}) },
    };
  }
  return { kind: 'answer', understanding, answer, memory: remember(answer, memory, understanding) };
}

/** The answer about one entry of the table, chosen rather than typed (a code's button, a "did you mean" choice). */
export function lookupPlan(
  engine: StatusEngine,
  id: string,
  memory: ConversationMemory,
): ReplyPlan & { kind: 'answer' } {
  const understanding = engine.lookup(id);
  const answer = engine.answer(understanding);
  return { kind: 'answer', understanding, answer, memory: remember(answer, memory, understanding) };
}

/** Feedback on an answer; after 👎, what else the rated subject could have been, as questions to tap. */
export function feedbackPlan(
  engine: StatusEngine,
  reaction: 'like' | 'dislike',
  id: string | undefined,
  counted: boolean,
): ReplyPlan {
  const entry = id ? engine.table.entry(id) : undefined;
  if (reaction === 'like' || !entry) return { kind: 'feedback', reaction, id, counted };
  const others = [
    ...engine.table
      .meaningsOf(entry.code)
      .filter((e) => e.id !== entry.id)
      .map((e) => e.id),
    ...entry.related.map(relatedEntryId),
  ];
  const offers = [...new Set(others)]
    .slice(0, MAX_OFFERS)
    .map((other) => lookupQuestion({ code: engine.table.entry(other)?.code ?? entry.code, id: other }));
  return { kind: 'feedback', reaction, id, counted, offers };
}

/** As many as a row of suggested actions holds. */
const MAX_OFFERS = 3;

/** What the engine reads a message against: the remembered subject, where the table still has it, and the side. */
export function contextOf(engine: StatusEngine, memory: ConversationMemory): ConversationContext {
  const ids = memory.lastIds.filter((id) => engine.table.entry(id));
  const networkError =
    memory.lastNetworkError && engine.table.networkError(memory.lastNetworkError) ? memory.lastNetworkError : undefined;
  const about = memory.lastAbout && ids.includes(memory.lastAbout) ? { about: memory.lastAbout } : {};
  const named = memory.lastProviderError ? engine.table.providerError(memory.lastProviderError) : undefined;
  const providerError = named && named.statusId === ids[0] ? { providerError: named.id } : {};
  return {
    ids,
    ...(networkError ? { networkError } : {}),
    ...(memory.lastClass && !ids.length ? { class: memory.lastClass } : {}),
    ...providerError,
    ...(memory.side ? { side: memory.side } : {}),
    ...(memory.lastFocus ? { focus: memory.lastFocus } : {}),
    ...about,
  };
}

/**
 * The code(s) an answer was about become the subject of the next follow-up; greetings and misses keep the old one.
 * The user's side is kept once said, until they say the other.
 */
export function remember(
  answer: Answer,
  memory: ConversationMemory,
  understanding?: Understanding,
): ConversationMemory {
  const sideSaid = understanding?.side ?? memory.side;
  const focus = understanding && understanding.focus !== 'overview' ? { lastFocus: understanding.focus } : {};
  const side = { ...(sideSaid ? { side: sideSaid } : {}), ...focus };
  // A follow-up on one of several codes discussed keeps them all, in their order: "and the other one?" comes next.
  const one =
    understanding?.intent === 'follow_up' && understanding.ids.length === 1
      ? (understanding.ids[0] as string)
      : undefined;
  if (one && memory.lastIds.length > 1 && memory.lastIds.includes(one))
    return { lastIds: memory.lastIds, lastAbout: one, ...side };
  switch (answer.intent) {
    case 'lookup':
      return {
        lastIds: [answer.entry.id],
        ...(answer.providerError ? { lastProviderError: answer.providerError.id } : {}),
        ...side,
      };
    case 'compare':
      return { lastIds: answer.entries.map((e) => e.id), ...side };
    case 'triage': {
      // The most frequent failure first, then the others: "are the 499s our fault?" is about one of them.
      const failures = answer.counts.flatMap((c) =>
        c.ref && c.code >= 400 && c.ref.id !== answer.focus?.id ? [c.ref.id] : [],
      );
      return answer.focus ? { lastIds: [answer.focus.id, ...failures], ...side } : { ...memory, ...side };
    }
    case 'unknown_code':
      return answer.treatedAs ? { lastIds: [answer.treatedAs.id], ...side } : { ...memory, ...side };
    case 'network_error':
      // "how do I fix it?" is about this, not an older code
      return { lastIds: [], lastNetworkError: answer.error.id, ...side };
    case 'class':
      // So is "give me an example" after "explain 3xx".
      return { lastIds: [], lastClass: answer.class, ...side };
    case 'none':
      // A mail server's reply or an exit status became the subject: "how do I fix it?" is not about the older code.
      return answer.otherWorld ? { lastIds: [], ...side } : { ...memory, ...side };
    default:
      // A greeting or a thank-you keeps the subject and the side; the part asked last no longer applies.
      return {
        lastIds: memory.lastIds,
        ...(memory.lastNetworkError ? { lastNetworkError: memory.lastNetworkError } : {}),
        ...(memory.lastClass ? { lastClass: memory.lastClass } : {}),
        ...(memory.lastProviderError ? { lastProviderError: memory.lastProviderError } : {}),
        ...(sideSaid ? { side: sideSaid } : {}),
      };
  }
}
