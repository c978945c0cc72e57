/**
 * A message that continues the conversation instead of naming a subject of its own: "how do I fix it?", "why?",
 * "and for the frontend?", "is it a bug in my code?", "can you give an example", "which one should I use". Read
 * after every reader that finds a subject (a code, a name, an error), so "what about 504?" stays a question of its
 * own.
 */
import { readFocus } from './asked-focus';
import { ASKING_VERB, WH_WORD } from './conversational-act';
import type { AskedFocus, ConversationLexicon, Focus, Ordinal, Side } from './conversation-lexicon';
import type { Lexicon } from './lexicon';
import type { Message } from './message';
import { stem } from './text';

/** "and?", "does that apply here too": pointing back with no part asked for counts only in a short message. */
const SHORT_MESSAGE_WORDS = 7;
const HOW_TO_ACT = /^(?:\S+ ){0,2}how (?:do|can|should|would|to) (?:i|we) \S+/;
/** "can i raise the timeout", "should we bump the limit": whether to act on it, which the fix answers. */
const MAY_I_ACT = /^(?:\S+ ){0,2}(?:can|could|should|shall|may) (?:i|we) \S+/;
/** Words of its own a follow-up may carry ("what config do I need to change in *nginx*"); more make a new question. */
export const MAX_SUBJECT_WORDS = 2;

export interface FollowUpReading {
  focus: AskedFocus | Focus;
  /** The message points back ("it", "that one") or continues ("and …", "what about …"). */
  refersBack: boolean;
  /** It is a yes-no question about what it points back to: "is that real", "does it happen a lot". */
  asksYesNo: boolean;
  /** Its words that neither ask for a part nor point back ("keep timing out" in "why does the api keep timing out"). */
  ownWords: string[];
  /** How many of ownWords name something ("path", "right" in "why tho, the path is right"). */
  subjectWords: number;
  /** One of several codes discussed, by its place: "the second one", "the latter", "the other". */
  ordinal?: Ordinal;
}

export interface FollowUpOptions {
  /** The last answer compared codes, so "which one" has something to choose from. */
  choice: boolean;
  /** There is a conversation to follow up on. */
  inConversation: boolean;
  /** The user's side, when known: resolves "on our side", "their end". */
  side?: Side;
  /** The part the last answer was about: "and for plain html pages?" after "which one?" asks which again. */
  lastFocus?: Focus;
}

/** The follow-up a message asks, or null when it has a subject of its own. */
export function readFollowUp(
  message: Message,
  talk: ConversationLexicon,
  lexicon: Lexicon,
  options: FollowUpOptions,
): FollowUpReading | null {
  const { stems } = message;
  if (!stems.length) return null;
  const asked = readFocus(message, talk, options.choice, options.side);
  // "does the browser cache it forever?", "do all browsers support it": a yes-no question about what browsers and
  // caches do asks more about the code, not for the caller's steps ("does nginx support it" is the operator's).
  const focus = asked === 'client' && asksAboutOthers(message.texts, talk) ? 'more' : asked;
  const short = stems.length <= SHORT_MESSAGE_WORDS;
  // "and?", "hmm and?", "ok so what about …": a continuation, after any "ok" or "hmm".
  let start = 0;
  while (
    start < stems.length - 1 &&
    (talk.fillers.has(stems[start] as string) || talk.acts.at(message.bare, start)?.value === 'ack') &&
    !talk.continuations.at(stems, start)
  )
    start++;
  const continues = talk.continuations.at(stems, start) !== null;
  const covered = new Set<number>();
  for (const set of [
    talk.focus,
    talk.backReferences,
    talk.continuations,
    talk.userSide,
    talk.sideReference,
    talk.ordinals,
  ] as Array<{ find(s: readonly string[]): Array<{ at: number; length: number }> }>) {
    for (const hit of set.find(message.freeStems)) for (let k = hit.at; k < hit.at + hit.length; k++) covered.add(k);
  }
  // "why does it happen" points back; in "the website says it's down", "it" is the website.
  const named = (i: number) =>
    !covered.has(i) &&
    !lexicon.stopWords.has((message.texts[i] as string).replace(/'/g, '')) &&
    !talk.askWords.has(stems[i] as string) &&
    !talk.fillers.has(stems[i] as string);
  // So does "is that normal?" after "the delete worked but the response has no body", and "lol is that real": an
  // opening "ok" or "lol" names nothing.
  const opener = (i: number) => {
    const act = talk.acts.at(message.bare, i)?.value;
    return act === 'ack' || act === 'aside';
  };
  const unanchored = (at: number) => !stems.slice(0, at).some((_, i) => named(i) && !(i === 0 && opener(i)));
  const pronounAt = stems.findIndex((s) => talk.pronouns.has(s));
  // "who uses that", "who decides to send it", "who even uses that code": a short wh-question whose last words are the
  // thing discussed.
  const last = message.texts[message.texts.length - 1] as string;
  const endsOnIt =
    short &&
    WH_WORD.test(message.texts[0] as string) &&
    (talk.pronouns.has(last) ||
      last === 'that' ||
      last === 'this' ||
      talk.backReferences.find(stems).some((h) => h.at + h.length === stems.length));
  // "does google drop it from the index?": after a yes-no question's own subject, a pronoun is its object, and points
  // back whatever stands before it.
  const askedAt = message.texts.findIndex((w, i) => i <= 2 && ASKING_VERB.test(w));
  const objectBack = short && askedAt >= 0 && pronounAt > askedAt + 2;
  const pointsBack =
    objectBack ||
    (short && pronounAt >= 0 && unanchored(pronounAt)) ||
    talk.backReferences.find(stems).some((h) => unanchored(h.at)) ||
    endsOnIt;
  const ordinal = options.choice ? talk.ordinals.find(stems)[0]?.value : undefined;
  const refersBack = continues || pointsBack || ordinal !== undefined;
  // Stop words stay in: "too often" is a phrase of its own. The asked part's own words ask, they name no subject.
  const asking = (i: number) =>
    focus !== null &&
    talk.focusWords[focus].has(stems[i] as string) &&
    !lexicon.stopWords.has(message.texts[i] as string);
  const ownWords = message.texts.filter((_, i) => !covered.has(i) && !asking(i));
  // Words of its own, beyond saying only that something fails ("api"), make a new question.
  const subject = ownWords.filter((w) => {
    const s = stem(w);
    return (
      !lexicon.stopWords.has(w.replace(/'/g, '')) &&
      !talk.askWords.has(s) &&
      !talk.fillers.has(s) &&
      !lexicon.vagueWords.has(s)
    );
  }).length;
  // "is it ever used for real?", "does that happen on http/2 too": a yes-no question whose subject is the one discussed
  // (after an opening "ok", "so", "lol").
  const yesNo =
    askedAt >= 0 &&
    (objectBack || talk.pronouns.has(stems[askedAt + 1] ?? '') || talk.backReferences.at(stems, askedAt + 1) !== null);
  const reading = (f: AskedFocus | Focus): FollowUpReading => ({
    focus: f,
    refersBack,
    asksYesNo: yesNo,
    ownWords,
    subjectWords: subject,
    ...(ordinal ? { ordinal } : {}),
  });
  // "Which one should I return when the token is fine but the user is no admin?": the situation is the point.
  if (focus === 'which') return reading(focus);
  if (options.inConversation) {
    // In a conversation, a part asked for is about what was discussed, whatever else the message says; whether it
    // describes another code instead is the caller's to check.
    if (focus) return reading(focus);
    // "how do i get access", "how can we undo a bad one": how to act, in a short message, after an answer.
    if (short && HOW_TO_ACT.test(message.texts.join(' '))) return reading('fix');
    if (short && subject <= MAX_SUBJECT_WORDS && MAY_I_ACT.test(message.texts.join(' '))) return reading('fix');
    const last = options.lastFocus;
    if (continues && last && last !== 'overview' && (last !== 'which' || options.choice)) return reading(last);
  }
  if (focus && subject <= MAX_SUBJECT_WORDS) return reading(focus);
  // "and?", "what about the rest?", "does that apply here too": pointing back with nothing more specific to ask.
  if (!focus && refersBack && (short || ordinal) && subject <= (ordinal ? MAX_SUBJECT_WORDS : 1))
    return reading('more');
  // Its subject (or object) is the pronoun, so a word or two of its own may say what is asked ("ever", "used",
  // "decides to send").
  if (!focus && yesNo && pointsBack && short && subject <= MAX_SUBJECT_WORDS + 1) return reading('more');
  if (!focus && endsOnIt && subject <= MAX_SUBJECT_WORDS) return reading('more');
  return null;
}

/**
 * A yes-no question near the start ("teh first one, does the browser cache it?") with no one of the user's in it and
 * no advice asked ("should the client retry?", "can the users do anything").
 */
function asksAboutOthers(texts: readonly string[], talk: ConversationLexicon): boolean {
  const verbAt = texts.findIndex((w, i) => i <= 4 && ASKING_VERB.test(w));
  return (
    verbAt >= 0 &&
    !texts.slice(0, verbAt).some((w) => WH_WORD.test(w)) &&
    !texts.some((w, i) => talk.firstPerson.has(w) || talk.adviceWords.has(w) || (i > verbAt && w === 'do'))
  );
}
