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
export function readFocus(
  message: Message,
  talk: ConversationLexicon,
  choice: boolean,
  side?: Side,
  pasted: ReadonlyArray<{ start: number; end: number }> = [],
): AskedFocus | null {
  let best: AskedFocus | null = null;
  const consider = (focus: AskedFocus) => {
    if (best === null || focusRank(focus) < focusRank(best)) best = focus;
  };
  // Words of pasted output ask nothing: "(reached max retries: 4)" is no question about retrying.
  const outside = (list: readonly string[]) =>
    pasted.length
      ? list.map((w, i) => (pasted.some((span) => within(message.words[i]?.start ?? -1, span)) ? '' : w))
      : list;
  const freeStems = outside(message.freeStems);
  const texts = outside(message.texts);
  // "i don't own the api": a side said with a negation before it is the other one.
  const negated = (at: number) => NEGATION.test(texts[at - 1] ?? '') || NEGATION.test(texts[at - 2] ?? '');
  const sidesAt: Array<{ side: Side; at: number }> = [];
  // "a user whose role lacks access": "whose" after a word it describes asks nobody's fault.
  const relative = (at: number) => texts[at] === 'whose' && at > 0 && !talk.fillers.has(texts[at - 1] as string);
  const hits = talk.focus.find(freeStems).filter((h) => !(h.value === 'fault' && relative(h.at)));
  // "which one is my fault": after a comparison, "which" asks whose fault it is, of both.
  const whoseFault = choice && hits.some((h) => h.value === 'fault');
  for (const hit of hits) {
    if (hit.value === 'which' && (!choice || whoseFault)) continue;
    if (hit.value === 'server' || hit.value === 'client') {
      const named = negated(hit.at) ? OTHER[hit.value] : hit.value;
      sidesAt.push({ side: named, at: hit.at });
      consider(named);
    } else consider(hit.value);
  }
  for (const hit of talk.sideReference.find(freeStems)) {
    const own = hit.value.own ? (side ?? hit.value.unknown) : undefined;
    const named = own ?? (side ? OTHER[side] : 'server');
    sidesAt.push({ side: named, at: hit.at });
    consider(named);
  }
  // After a comparison, a message that opens with "which" asks which, whatever follows: "which for a DELETE".
  if (choice && !whoseFault && texts.find((w) => !talk.fillers.has(w) && !talk.continuations.has([w])) === 'which')
    consider('which');
  // "how do i unlock it", "how can we get rid of this": how to act on what was discussed asks for the fix.
  if (best === null && HOW_TO_ACT_ON_IT.test(texts.join(' '))) consider('fix');
  // "is that our code or the provider's side": one side, "or", the other: a question of whose it is.
  const or = texts.indexOf('or');
  if (
    or > 0 &&
    sidesAt.some((s) => s.at < or) &&
    sidesAt.some((s) => s.at > or && sidesAt.some((t) => t.at < or && t.side !== s.side))
  )
    consider('fault');
  return best;
}

function within(at: number, span: { start: number; end: number }): boolean {
  return at >= span.start && at < span.end;
}

const OTHER: Record<Side, Side> = { client: 'server', server: 'client' };
const HOW_TO_ACT_ON_IT =
  /^(?:\S+ ){0,2}how (?:do|can|should|would|to) (?:(?:i|we|you) )?(?:\S+ ){1,3}(?:it|this|that|them)\b/;
const NEGATION = /^(?:not|don't|dont|doesn't|doesnt|isn't|isnt|no|never|neither|nor)$/;

/** The side the user says they are on, when their words name exactly one ("our api", "calling their api"). */
export function readUserSide(message: Message, talk: ConversationLexicon): Side | undefined {
  const sides = new Set(talk.userSide.find(message.freeStems).map((h) => h.value));
  return sides.size === 1 ? [...sides][0] : undefined;
}
