/**
 * What a message asks for beyond naming its subject: one part of an answer ("how do I fix …" → fix, "why …" →
 * cause, "is it my fault" → fault, "and for the frontend?" → client), and which side of the API the user is on
 * ("our nginx returns 413" → server, "the GitHub API gives me 403" → client).
 */
import { focusRank, type AskedFocus, type ConversationLexicon, type Side } from './conversation-lexicon';
import type { Message } from './message';

/** The most specific focus the message's words ask for, or null. `which` counts only where there is a choice. */
export function readFocus(message: Message, talk: ConversationLexicon, choice: boolean): AskedFocus | null {
  let best: AskedFocus | null = null;
  for (const hit of talk.focus.find(message.freeStems)) {
    if (hit.value === 'which' && !choice) continue;
    if (best === null || focusRank(hit.value) < focusRank(best)) best = hit.value;
  }
  return best;
}

/** The side the user says they are on, when their words name exactly one ("our api", "calling their api"). */
export function readUserSide(message: Message, talk: ConversationLexicon): Side | undefined {
  const sides = new Set(talk.userSide.find(message.freeStems).map((h) => h.value));
  return sides.size === 1 ? [...sides][0] : undefined;
}
