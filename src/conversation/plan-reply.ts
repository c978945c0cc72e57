/**
 * What to do with one incoming message, decided without any Bot Framework type: the engine's reading of the text,
 * a follow-up on the last code, a button click (card data), or feedback. The bot and its dialogs only carry out
 * the plan; this file is where "a follow-up is understood" lives.
 */
import { entryRef, type Answer, type EntryRef } from '../knowledge/answer';
import type { StatusEngine } from '../knowledge/engine';
import { detectFollowUp, focusOf } from '../knowledge/follow-up';
import type { Understanding } from '../knowledge/understanding';

/** What the conversation remembers between turns (kept in conversation state, so it must stay small and JSON). */
export interface ConversationMemory {
  /** Entry ids of the code(s) discussed last, most relevant first. */
  lastIds: string[];
  /** The network error discussed last ("connection-refused"), when the subject was one rather than a code. */
  lastNetworkError?: string;
}

export const EMPTY_MEMORY: ConversationMemory = { lastIds: [] };

/** Data carried by card buttons (Action.Submit), as the cards in src/cards send it. */
export type CardAction =
  | { action: 'lookup'; id?: string; code?: number }
  | { action: 'feedback'; reaction: 'like' | 'dislike'; id?: string }
  | { action: 'none-of-these' }
  | { action: 'ask'; text: string };

export type ReplyPlan =
  | { kind: 'answer'; understanding: Understanding; answer: Answer; memory: ConversationMemory }
  | { kind: 'did-you-mean'; understanding: Understanding; answer: Answer; candidates: EntryRef[]; memory: ConversationMemory }
  | { kind: 'feedback'; reaction: 'like' | 'dislike'; id?: string }
  | { kind: 'none-of-these' };

/** Below this confidence, with rival readings, the bot asks "Did you mean …" before answering. */
export const DID_YOU_MEAN_BELOW = 0.6;

export function planReply(engine: StatusEngine, text: string, value: unknown, memory: ConversationMemory): ReplyPlan {
  const action = readCardAction(value);
  if (action?.action === 'feedback') return { kind: 'feedback', reaction: action.reaction, id: action.id };
  if (action?.action === 'none-of-these') return { kind: 'none-of-these' };
  if (action?.action === 'lookup') {
    const id = action.id ?? (action.code !== undefined ? engine.table.meaningsOf(action.code)[0]?.id : undefined);
    if (id && engine.table.entry(id)) return answerFor(engine, lookupOf(engine, id), memory);
  }
  const question = action?.action === 'ask' ? action.text : text;

  const understanding = engine.understand(question);
  const last = memory.lastIds[0];
  if (last && engine.table.entry(last)) {
    const followUp = detectFollowUp(question, understanding);
    if (followUp?.kind === 'compare-with') {
      const lastCode = engine.table.entry(last)?.code as number;
      const codes = [lastCode, ...followUp.codes.filter((c) => c !== lastCode)];
      const ids = [last, ...understanding.ids.filter((id) => id !== last)];
      if (codes.length >= 2) return answerFor(engine, { ...understanding, intent: 'compare', codes, ids, confidence: 0.9 }, memory);
    } else if (followUp) {
      const focus = followUp.kind === 'fix' ? 'fix' : followUp.kind === 'retry' ? 'retry' : 'more';
      const u = lookupOf(engine, last);
      return { kind: 'answer', understanding: u, answer: engine.answer(u, focus), memory };
    }
  } else if (memory.lastNetworkError && engine.table.networkError(memory.lastNetworkError)) {
    // "how do I fix it?" after "ECONNREFUSED": the network error's answer holds its steps on both sides.
    const followUp = detectFollowUp(question, understanding);
    if (followUp && followUp.kind !== 'compare-with') return answerFor(engine, networkErrorOf(memory.lastNetworkError), memory);
  }

  // "how do I fix 404?" names its code and asks for one part of the answer.
  const focus = understanding.intent === 'lookup' && understanding.via === 'code' ? focusOf(question) : 'overview';
  const answer = engine.answer(understanding, focus);
  if (answer.intent === 'lookup' && understanding.confidence < DID_YOU_MEAN_BELOW && answer.alternatives.length > 0) {
    const candidates = [entryRef(engine.table, answer.entry.id), ...answer.alternatives].slice(0, 3);
    return { kind: 'did-you-mean', understanding, answer, candidates, memory };
  }
  return { kind: 'answer', understanding, answer, memory: remember(answer, memory) };
}

/** The answer for one entry, as if the user had asked for it by number (a button click, a "did you mean" choice). */
export function lookupOf(engine: StatusEngine, id: string): Understanding {
  const entry = engine.table.entry(id);
  if (!entry) throw new Error(`No entry "${id}" in the status table`);
  return {
    intent: 'lookup',
    codes: [entry.code],
    ids: [id],
    class: entry.class as Understanding['class'],
    code: null,
    confidence: 1,
    alternatives: [],
    vendors: entry.vendor ? [entry.vendor] : [],
    counts: [],
    truncated: false,
    via: 'code',
  };
}

/** The understanding of a network error named by id, as if the user had pasted it again. */
function networkErrorOf(id: string): Understanding {
  return { intent: 'network_error', networkError: id, codes: [], ids: [], class: null, code: null, confidence: 1, alternatives: [], vendors: [], counts: [], truncated: false, via: null };
}

function answerFor(engine: StatusEngine, understanding: Understanding, memory: ConversationMemory): ReplyPlan {
  const answer = engine.answer(understanding);
  return { kind: 'answer', understanding, answer, memory: remember(answer, memory) };
}

/** The code(s) an answer was about become the subject of the next follow-up; greetings and misses keep the old one. */
export function remember(answer: Answer, memory: ConversationMemory): ConversationMemory {
  switch (answer.intent) {
    case 'lookup':
      return { lastIds: [answer.entry.id] };
    case 'compare':
      return { lastIds: answer.entries.map((e) => e.id) };
    case 'triage':
      return answer.focus ? { lastIds: [answer.focus.id] } : memory;
    case 'unknown_code':
      return answer.treatedAs ? { lastIds: [answer.treatedAs.id] } : memory;
    case 'network_error':
      return { lastIds: [], lastNetworkError: answer.error.id }; // "how do I fix it?" is about this, not an older code
    default:
      return memory;
  }
}

export function readCardAction(value: unknown): CardAction | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  switch (v.action) {
    case 'lookup': {
      const id = typeof v.id === 'string' ? v.id : undefined;
      const code = typeof v.code === 'number' ? v.code : typeof v.code === 'string' && /^\d{3}$/.test(v.code) ? Number(v.code) : undefined;
      return id || code !== undefined ? { action: 'lookup', id, code } : null;
    }
    case 'feedback':
      return v.reaction === 'like' || v.reaction === 'dislike' ? { action: 'feedback', reaction: v.reaction, id: typeof v.id === 'string' ? v.id : undefined } : null;
    case 'none-of-these':
      return { action: 'none-of-these' };
    case 'ask':
      return typeof v.text === 'string' ? { action: 'ask', text: v.text } : null;
    default:
      return null;
  }
}
