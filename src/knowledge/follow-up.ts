/**
 * Follow-ups refer to the code discussed last: "how do I fix it?", "is it safe to retry?", "more",
 * "compare it with 504". detectFollowUp() reads them; the conversation keeps the last code (the bot's state), the
 * engine stays stateless.
 */
import type { Understanding } from './understanding';

export type FollowUpKind = 'fix' | 'retry' | 'more' | 'compare-with';

export interface FollowUp {
  kind: FollowUpKind;
  /** For compare-with: the codes named in the follow-up ("compare it with 504" → [504]). */
  codes: number[];
}

const FIX = /\b(?:how (?:do|can|should|would|to) (?:i |we |you |one )?(?:fix|solve|resolve|handle|debug|troubleshoot|avoid|prevent|stop|get rid of)|fix (?:it|this|that)|how to fix|what (?:do|should|can|could) (?:i|we) do|next steps?|what now|solutions?|remed(?:y|ies)|workarounds?|make it work|get past it|troubleshoot(?:ing)?)\b/;
const RETRY = /\b(?:retry|retries|retrying|retried|try again|try it again|resend|re-send|repeat the request|back ?off)\b/;
const MORE = /^(?:more|tell me more|more info(?:rmation)?|more details?|details|show more|explain(?: more| further| it)?|go on|elaborate|what else|and\??|why|more please)[\s?.!]*$|\b(?:tell me more|more details?|in (?:more )?detail|more about (?:it|this|that)|explain (?:it|this|that) (?:more|further|again))\b/;
const REFERS_BACK = /\b(?:it|this|that|this one|that one|the same|same code)\b/;
const COMPARE_WITH = /\b(?:compare|compared|comparing|vs\.?|versus|differ(?:s|ence)?|different|same as|like)\b/;

/**
 * Reads a message as a follow-up to the last code, or returns null when it stands on its own. `u` is the engine's
 * reading of the same message: a message naming a new code is a new question unless it compares with the old one.
 */
export function detectFollowUp(text: string, u: Understanding): FollowUp | null {
  const lower = text.toLowerCase().trim();
  if (!lower || lower.length > 200) return null;
  const namesCodes = (u.intent === 'lookup' && (u.via === 'code' || u.via === 'name' || u.via === 'corrected-name')) || u.intent === 'compare' || u.intent === 'class' || u.intent === 'triage' || u.intent === 'unknown_code' || u.intent === 'network_error';

  if (u.intent === 'lookup' && u.via === 'code' && u.codes.length === 1 && COMPARE_WITH.test(lower) && (REFERS_BACK.test(lower) || /^(?:vs\.?|versus|compared? (?:to|with)|and how (?:is|does))\b/.test(lower))) {
    return { kind: 'compare-with', codes: [u.codes[0] as number] };
  }
  if (namesCodes) return null;
  if (RETRY.test(lower)) return { kind: 'retry', codes: [] };
  if (FIX.test(lower)) return { kind: 'fix', codes: [] };
  if (MORE.test(lower)) return { kind: 'more', codes: [] };
  return null;
}

/**
 * The part of an answer a question asks for when it names its code: "how do I fix 404?" wants the fix, "is 503
 * safe to retry?" the retry advice; anything else the overview.
 */
export function focusOf(text: string): 'fix' | 'retry' | 'overview' {
  const lower = text.toLowerCase();
  if (lower.length > 200) return 'overview';
  if (RETRY.test(lower)) return 'retry';
  if (FIX.test(lower)) return 'fix';
  return 'overview';
}
