/**
 * What a message asks for beyond naming its subject: one part of an answer ("how do I fix …" → fix, "why …" →
 * cause, "is it my fault" → fault, "and for the frontend?" → client), and which side of the API the user is on
 * ("our nginx returns 413" → server, "the GitHub API gives me 403" → client).
 */
import { focusRank, type AskedFocus, type ConversationLexicon, type Side } from './conversation-lexicon';
import type { Message } from './message';

/**
 * The most specific focus the message's words ask for, or null. `which` counts only where there is a choice.
 * "On our side", "my code", "their end" name a side relative to the user: `side` (the user's, when known) resolves
 * them; unknown, "our" reads as the operator's and "my" as the caller's, and "their" as the other one's.
 */
export function readFocus(message: Message, talk: ConversationLexicon, choice: boolean, side?: Side): AskedFocus | null {
  let best: AskedFocus | null = null;
  const consider = (focus: AskedFocus) => {
    if (best === null || focusRank(focus) < focusRank(best)) best = focus;
  };
  for (const hit of talk.focus.find(message.freeStems)) if (hit.value !== 'which' || choice) consider(hit.value);
  const sides = new Set<Side>();
  for (const hit of talk.focus.find(message.freeStems)) if (hit.value === 'server' || hit.value === 'client') sides.add(hit.value);
  for (const hit of talk.sideReference.find(message.freeStems)) {
    const own = hit.value.own ? (side ?? hit.value.unknown) : undefined;
    const named = own ?? (side ? OTHER[side] : 'server');
    sides.add(named);
    consider(named);
  }
  // "is that our code or the provider's side": one side or the other, a question of whose it is.
  if (sides.size === 2 && message.texts.includes('or')) consider('fault');
  return best;
}

const OTHER: Record<Side, Side> = { client: 'server', server: 'client' };

/** The side the user says they are on, when their words name exactly one ("our api", "calling their api"). */
export function readUserSide(message: Message, talk: ConversationLexicon): Side | undefined {
  const sides = new Set(talk.userSide.find(message.freeStems).map((h) => h.value));
  return sides.size === 1 ? [...sides][0] : undefined;
}
