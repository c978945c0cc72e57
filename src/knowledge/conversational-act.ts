/**
 * Messages said to the bot rather than asked about a status: "hi", "what can you do?", "thank you so much!",
 * "ok cool", "perfect, got it", "bye". The whole message must be such phrases and filler words; "thanks, and what
 * about 504?" is a question.
 */
import type { Act, ConversationLexicon } from './conversation-lexicon';
import type { Message } from './message';

/** Longer messages are never only a greeting or a thank-you. */
const MAX_ACT_WORDS = 12;

/** Where a message holds several acts ("ok thanks, bye"), the reply answers the one that comes first here. */
const ACT_PRECEDENCE: readonly Act[] = ['bye', 'thanks', 'about', 'help', 'ack', 'hello'];

export function readAct(message: Message, talk: ConversationLexicon): Act | null {
  const { stems } = message;
  if (!stems.length || stems.length > MAX_ACT_WORDS) return null;
  const found = new Set<Act>();
  for (let i = 0; i < stems.length; ) {
    const hit = talk.acts.at(stems, i);
    if (hit) {
      found.add(hit.value);
      i += hit.length;
    } else if (talk.fillers.has(stems[i] as string)) i++;
    else return null;
  }
  return ACT_PRECEDENCE.find((a) => found.has(a)) ?? null;
}
