/**
 * Messages said to the bot rather than asked about a status: "hi", "what can you do?", "thank you so much!",
 * "ok cool", "perfect, got it", "bye", "👍". The whole message must be such phrases and filler words; "thanks, and
 * what about 504?" is a question. A thank-you may come with a note of what fixed it ("fixed, it was a giant cookie
 * header. thanks a lot"): a closing act, when nothing in the message asks anything.
 */
import type { Act, ConversationLexicon } from './conversation-lexicon';
import type { Message } from './message';
import type { Word } from './text';

/** Longer messages are never only a greeting or a thank-you. */
const MAX_ACT_WORDS = 12;

/** Where a message holds several acts ("ok thanks, bye"), the reply answers the one that comes first here. */
const ACT_PRECEDENCE: readonly Act[] = ['bye', 'thanks', 'about', 'help', 'ack', 'hello', 'aside'];

/** The acts that may close (or open) a message that otherwise tells what happened. */
const CLOSING_ACTS: ReadonlySet<Act> = new Set(['thanks', 'bye', 'ack']);
/** A sentence with one of these asks something, question mark or not: "what now", "so how do i …". */
export const WH_WORD = /^(?:what|whats|what's|how|why|which|where|when|who|whose)$/;
/** …and so does one that opens with a verb before its subject: "is that good", "will it work", "can we …". */
export const ASKING_VERB = /^(?:is|are|was|were|am|do|does|did|can|could|should|would|will|shall|may|might)$/;
const SUBJECT = /^(?:it|i|you|we|they|he|she|that|this|there|the|my|our|your|a|an|anything|anyone)$/;

export function readAct(message: Message, talk: ConversationLexicon, vague?: ReadonlySet<string>): Act | null {
  const { stems } = message;
  // "👍", "🙏": no words at all, only a sign.
  if (!stems.length) return talk.actSymbols.get(message.original.trim()) ?? null;
  if (stems.length > MAX_ACT_WORDS) return null;
  // "hmm and?", "ok so?": going on, not closing.
  if (/\?\s*$/.test(message.lower) && talk.continuations.at(stems, stems.length - 1)) return null;
  return actOf(message, 0, stems.length, talk) ?? openingOnVague(message, talk, vague) ?? askedOfTheBot(message, talk);
}

/** "what kinds of questions can i ask you", "which errors do you know?": a question to the bot about what it can do. */
function askedOfTheBot(message: Message, talk: ConversationLexicon): Act | null {
  const { addressees, words } = talk.botQuestion;
  // "hey, what errors do you know": a greeting may open it.
  const opening = talk.acts.at(message.bare, 0);
  const from = opening?.value === 'hello' ? opening.length : 0;
  const stems = message.stems.slice(from);
  const texts = message.texts.slice(from);
  if (!stems.some((s) => addressees.has(s))) return null;
  // "so what types of codes do you cover": the asking word may come after an opening word or two.
  const asks = message.lower.includes('?') || texts.slice(0, 3).some((w) => WH_WORD.test(w) || ASKING_VERB.test(w));
  return asks && stems.every((s) => addressees.has(s) || words.has(s) || talk.fillers.has(s)) ? 'help' : null;
}

/**
 * An act among words that tell nothing that happened (`tellsNothing`: no failure, no status name): a question
 * about the bot in any sentence ("hi! I'm on the support team. What kind of questions can I ask you?"), or a
 * greeting, thanks or acknowledgement that opens the message ("hey there! quick one before my meeting", "ok got
 * it. I'll tell the backend team.").
 */
export function readActAmongChatter(
  message: Message,
  talk: ConversationLexicon,
  tellsNothing: (from: number, to: number) => boolean,
): Act | null {
  const breaks = sentenceBreaks(message);
  if (breaks.length < 3 || message.words.length > MAX_CHATTER_WORDS) return null;
  const sentences = breaks.slice(0, -1).map((from, b) => ({
    from,
    to: breaks[b + 1] as number,
    act: actOf(message, from, breaks[b + 1] as number, talk),
  }));
  const restTellsNothing = (except: number) =>
    sentences.every((s, b) => b === except || s.act !== null || tellsNothing(s.from, s.to));
  const asked = sentences.findIndex((s) => s.act === 'help' || s.act === 'about');
  if (asked >= 0 && restTellsNothing(asked)) return sentences[asked]?.act ?? null;
  const first = sentences[0]?.act;
  // "ok got it. how do I fix it when posting with fetch()": a question after the opening is what the message is.
  const restAsks = sentences.some(
    (s, b) => b > 0 && s.act === null && asksSomething(message.texts.slice(s.from, s.to), message.lower.includes('?')),
  );
  return (first === 'hello' || first === 'thanks' || first === 'ack') && restTellsNothing(0) && !restAsks
    ? first
    : null;
}

/** How many words an acknowledgement opening a question takes ("ok which one", "okay so why"), or 0. */
export function ackOpeningQuestion(message: Message, talk: ConversationLexicon): number {
  const opening = talk.acts.at(message.bare, 0);
  if (opening?.value !== 'ack') return 0;
  const next = message.texts.slice(opening.length, opening.length + 2);
  return next.some((w) => WH_WORD.test(w) || ASKING_VERB.test(w)) ? opening.length : 0;
}

/**
 * A sentence that asks: a question word in it, or, in a message with a question mark, a verb before its subject ("is
 * that bad?", "can we …?"). Without one, "was a giant cookie header" tells, its subject left out.
 */
function asksSomething(sentence: readonly string[], questionMark: boolean): boolean {
  return (
    sentence.some((w) => WH_WORD.test(w)) ||
    (questionMark && ASKING_VERB.test(sentence[0] ?? '') && SUBJECT.test(sentence[1] ?? ''))
  );
}

/** Longer messages are telling something, whatever their first words. */
const MAX_CHATTER_WORDS = 30;

/** "can you help me make sense of api errors?": an opening act, then only words that name no problem of its own. */
function openingOnVague(message: Message, talk: ConversationLexicon, vague?: ReadonlySet<string>): Act | null {
  if (!vague) return null;
  const { stems } = message;
  for (let end = stems.length - 1; end > 0; end--) {
    const act = actOf(message, 0, end, talk);
    if (act === 'help' || act === 'hello' || act === 'about') {
      return stems.slice(end).every((s) => vague.has(s) || talk.fillers.has(s) || talk.askWords.has(s)) ? act : null;
    }
  }
  return null;
}

/**
 * "got it working, it was the service name. thanks!": the first or the last sentence is a thank-you, a goodbye or
 * an acknowledgement, and no sentence asks anything (no "?", no question word, no verb before its subject).
 * `goesOnTo(from)` says whether a status or a failure is told from word `from` on: "fixed that, now it's a 525" opens
 * with an acknowledgement but goes on to a new failure, unless what follows says it is resolved too.
 */
export function readClosingAct(
  message: Message,
  talk: ConversationLexicon,
  inConversation: boolean,
  goesOnTo: (from: number) => boolean = () => false,
): Act | null {
  const { stems, words, lower } = message;
  if (stems.length < 2 || lower.includes('?')) return null;
  const breaks = sentenceBreaks(message);
  if (breaks.length < 3) return null; // one sentence: readAct's business
  const { texts } = message;
  for (let b = 0; b < breaks.length - 1; b++) {
    const from = breaks[b] as number;
    if (asksSomething(texts.slice(from, breaks[b + 1]), true)) return null;
  }
  const last = actOf(message, breaks[breaks.length - 2] as number, words.length, talk);
  let first = actOf(message, 0, breaks[1] as number, talk);
  if (first && !last && goesOnTo(breaks[1] as number) && !talk.resolved.has(stems.slice(breaks[1]))) first = null;
  // "understood, will check the proxy" acknowledges an answer; with no answer before it, there is nothing to.
  return (
    ACT_PRECEDENCE.find((a) => CLOSING_ACTS.has(a) && (a !== 'ack' || inConversation) && (a === last || a === first)) ??
    null
  );
}

/** How many words may say what a thank-you is for, after one of these ("for explaining", "with nginx"). */
const THANKS_FOR_WORDS = 5;
const THANKS_FOR = new Set(['for', 'with', 'on', 'about']);

const SENTENCE_BREAK = /[.!?,;:\n]|\s-\s/;

/** The word index where each sentence (or clause) starts, and the word count at the end. */
function sentenceBreaks(message: Message): number[] {
  const { words, lower } = message;
  const breaks = [0];
  for (let i = 1; i < words.length; i++) {
    if (SENTENCE_BREAK.test(lower.slice((words[i - 1] as Word).end, (words[i] as Word).start))) breaks.push(i);
  }
  breaks.push(words.length);
  return breaks;
}

/** The act words [from, to) make up on their own, with fillers, or null. */
function actOf(message: Message, from: number, to: number, talk: ConversationLexicon): Act | null {
  const { stems, bare } = message;
  const found = new Set<Act>();
  for (let i = from; i < to;) {
    const hit = talk.acts.at(bare, i);
    if (hit && hit.at + hit.length <= to) {
      found.add(hit.value);
      i += hit.length;
    } else if (THANKS_FOR.has(bare[i] as string) && found.has('thanks') && to - i <= THANKS_FOR_WORDS + 1) {
      // "thanks for explaining", "thx a lot for the quick help": what the thanks is for is part of it.
      i = to;
    } else if (talk.fillers.has(stems[i] as string)) i++;
    else return null;
  }
  return ACT_PRECEDENCE.find((a) => found.has(a)) ?? null;
}
