/**
 * The words of conversation (`data/conversation.json`): acts such as hello, thanks, ok and bye with the reply to
 * each; the words that ask for one part of an answer (the fix, the server's side, why, an example); the words that
 * say which side of an API the user is on; and what the bot says when it cannot place a message.
 */
import { z } from 'zod/v4';
import { loadDataFile } from './data-file';
import { sentence } from './entry-schema';
import { phraseStems } from './text';
import { WordPhrases } from './word-phrases';

export const ACTS = ['hello', 'help', 'about', 'thanks', 'ack', 'aside', 'bye'] as const;
/**
 * Something said to the bot rather than asked about a status: a greeting, thanks, "ok", goodbye,
 * or an aside ("hmm", "lol").
 */
export type Act = (typeof ACTS)[number];

/**
 * The part of an answer a message asks for: the whole overview, or (mostly in follow-ups) one part of it. `server`
 * and `client` are one side's steps, `fault` whose side has to act, `which` the code to use after a comparison.
 */
export const FOCUSES = [
  'overview',
  'fix',
  'server',
  'client',
  'cause',
  'fault',
  'retry',
  'more',
  'example',
  'which',
] as const;
export type Focus = (typeof FOCUSES)[number];
/** The focuses a message can ask for by its words, in the order they are tried: the most specific first. */
const ASKED_FOCUSES = ['which', 'fault', 'retry', 'example', 'cause', 'server', 'client', 'fix', 'more'] as const;
export type AskedFocus = (typeof ASKED_FOCUSES)[number];

/** "the first one", "the latter", "the other": one of several codes just discussed, by its place. */
export const ORDINALS = ['first', 'second', 'third', 'middle', 'last', 'other'] as const;
export type Ordinal = (typeof ORDINALS)[number];

export const SIDES = ['client', 'server'] as const;
/** Which end of an API the user is on: calling it, or running it. */
export type Side = (typeof SIDES)[number];

const phrases = z.array(
  z
    .string()
    .trim()
    .min(1)
    .regex(/^[^A-Z]+$/, 'must be lower case'),
);

export const conversationSchema = z
  .object({
    comment: z.string().optional(),
    acts: z
      .array(
        z
          .object({
            act: z.enum(ACTS),
            title: z.string().trim().min(2).max(60).optional(),
            phrases: phrases.min(1),
            /** Emoji and signs that are the act on their own ("👍", "🙏"), for a message with no words. */
            symbols: z.array(z.string().trim().min(1).max(8)).default([]),
            reply: sentence,
          })
          .strict(),
      )
      .refine(
        (list) => ACTS.every((a) => list.some((x) => x.act === a)),
        `needs one entry for each act: ${ACTS.join(', ')}`,
      ),
    fillers: phrases,
    focus: z
      .object(Object.fromEntries(ASKED_FOCUSES.map((f) => [f, phrases.min(1)])) as Record<AskedFocus, typeof phrases>)
      .strict(),
    askWords: phrases,
    backReferences: phrases.min(1),
    pronouns: phrases.min(1),
    /** The user's words for themselves ("i", "my", "we"): a question with one asks about them, not others. */
    firstPerson: phrases.min(1),
    /** Words that ask what to do ("should", "fix", "handle"): no question about what others do. */
    adviceWords: phrases.min(1),
    ordinals: z
      .object(Object.fromEntries(ORDINALS.map((o) => [o, phrases.min(1)])) as Record<Ordinal, typeof phrases>)
      .strict(),
    continuations: phrases.min(1),
    userSide: z.object({ server: phrases.min(1), client: phrases.min(1) }).strict(),
    /** "on our side", "my code": the user's own side, whichever it is (the key says which to assume when unknown). */
    ownSide: z.object({ server: phrases.min(1), client: phrases.min(1) }).strict(),
    /** "their end", "tell them": the side the user is not on. */
    otherSide: phrases.min(1),
    /** "fixed it", "works now": a note that the problem is solved, which makes a closing thank-you a thank-you. */
    resolved: phrases.min(1),
    /** "different topic: …": what follows is not about what was discussed. */
    topicChange: phrases.min(1),
    /** "now it says 403", "changed to 525": the failure turned into another, which is no comparison with the last. */
    newState: phrases.min(1),
    /** "back to the 401": a code discussed earlier, taken up again. */
    returnTo: phrases.min(1),
    clarify: z.object({ codeOrError: sentence, referent: sentence }).strict(),
    outOfScope: sentence,
    /** After 👎 on an answer: an apology and an offer to rephrase or to see the other readings offered as buttons. */
    dislikeReply: sentence,
    /** After "none of these" in a did-you-mean: what to give instead. */
    noneOfTheseReply: sentence,
    notHttp: z
      .string()
      .includes('{text}', { message: 'must contain {text}' })
      .includes('{kind}', { message: 'must contain {kind}' }),
    notHttpWorld: z.string().includes('{world}', { message: 'must contain {world}' }),
    /**
     * "what kinds of questions can i ask you", "which errors do you know": a question to the bot (one of `addressees`)
     * about what it can do, in no other words than `words`, fillers and stop words.
     */
    botQuestion: z.object({ addressees: phrases.min(1), words: phrases.min(1) }).strict(),
  })
  .strict();

export interface ConversationLexicon {
  acts: WordPhrases<Act>;
  actReplies: Record<Act, string>;
  /** The heading an act's reply is shown under (introductions only: thanks, "ok" and bye get a line, no heading). */
  actTitles: Partial<Record<Act, string>>;
  /** Stems of the words that may surround acts without changing them ("oh", "so", "mate"). */
  fillers: Set<string>;
  focus: WordPhrases<AskedFocus>;
  /** Stems of each focus's words: in "how long do i wait", "wait" asks about retrying, it names no new subject. */
  focusWords: Record<AskedFocus, Set<string>>;
  /** Stems of the words that ask about a thing without naming another subject ("info", "docs", "explain", "eli5"). */
  askWords: Set<string>;
  /** Words that point back at the last answer ("that", "this one", "the same"). */
  backReferences: WordPhrases<true>;
  /** "it", "them": they point back only in a short message; in a longer one they mostly name its own subject. */
  pronouns: Set<string>;
  /** As written, lower case. */
  firstPerson: Set<string>;
  /** As written, lower case. */
  adviceWords: Set<string>;
  continuations: WordPhrases<true>;
  userSide: WordPhrases<Side>;
  /** The user's own side (the value: which to assume when it is not known yet) or the other one. */
  sideReference: WordPhrases<{ own: true; unknown: Side } | { own: false }>;
  /** Symbols that are an act by themselves. */
  actSymbols: Map<string, Act>;
  resolved: WordPhrases<true>;
  topicChange: WordPhrases<true>;
  ordinals: WordPhrases<Ordinal>;
  newState: WordPhrases<true>;
  returnTo: WordPhrases<true>;
  clarify: { codeOrError: string; referent: string };
  outOfScope: string;
  dislikeReply: string;
  noneOfTheseReply: string;
  notHttp: string;
  /** For a message about another world with no number in it: "That is about {world}, not HTTP …". */
  notHttpWorld: string;
  /**
   * Stems of the words that address the bot ("you", "this bot") and of those that ask what it can do ("ask", "kinds").
   */
  botQuestion: { addressees: Set<string>; words: Set<string> };
  /** Every phrase above as written, so the typo corrector knows them ("thx" is not a typo of anything). */
  words: string[];
}

export function loadConversationLexicon(dataDir: string): ConversationLexicon {
  return compileConversationLexicon(loadDataFile(dataDir, 'conversation.json', conversationSchema));
}

const stems = (list: readonly string[]) => new Set(list.flatMap(phraseStems));

export function compileConversationLexicon(data: z.output<typeof conversationSchema>): ConversationLexicon {
  return {
    acts: new WordPhrases(
      data.acts.flatMap((a) => a.phrases.map((p) => [p, a.act] as const)),
      { exact: true },
    ),
    actReplies: Object.fromEntries(data.acts.map((a) => [a.act, a.reply])) as Record<Act, string>,
    actTitles: Object.fromEntries(data.acts.flatMap((a) => (a.title ? [[a.act, a.title]] : []))) as Partial<
      Record<Act, string>
    >,
    fillers: stems(data.fillers),
    // Order matters where phrases collide: the list is built most specific focus first, and WordPhrases keeps the
    // first of equal length.
    focus: new WordPhrases(ASKED_FOCUSES.flatMap((f) => data.focus[f].map((p) => [p, f] as const))),
    focusWords: Object.fromEntries(ASKED_FOCUSES.map((f) => [f, stems(data.focus[f])])) as Record<
      AskedFocus,
      Set<string>
    >,
    askWords: stems(data.askWords),
    backReferences: new WordPhrases(data.backReferences.map((p) => [p, true] as const)),
    pronouns: stems(data.pronouns),
    firstPerson: new Set(data.firstPerson),
    adviceWords: new Set(data.adviceWords),
    continuations: new WordPhrases(data.continuations.map((p) => [p, true] as const)),
    userSide: new WordPhrases(SIDES.flatMap((s) => data.userSide[s].map((p) => [p, s] as const))),
    sideReference: new WordPhrases<{ own: true; unknown: Side } | { own: false }>([
      ...SIDES.flatMap((s) => data.ownSide[s].map((p) => [p, { own: true as const, unknown: s }] as const)),
      ...data.otherSide.map((p) => [p, { own: false as const }] as const),
    ]),
    actSymbols: new Map(data.acts.flatMap((a) => a.symbols.map((sym) => [sym, a.act] as const))),
    resolved: new WordPhrases(data.resolved.map((p) => [p, true] as const)),
    topicChange: new WordPhrases(data.topicChange.map((p) => [p, true] as const)),
    newState: new WordPhrases(data.newState.map((p) => [p, true] as const)),
    returnTo: new WordPhrases(data.returnTo.map((p) => [p, true] as const)),
    ordinals: new WordPhrases(ORDINALS.flatMap((o) => data.ordinals[o].map((p) => [p, o] as const))),
    clarify: data.clarify,
    outOfScope: data.outOfScope,
    dislikeReply: data.dislikeReply,
    noneOfTheseReply: data.noneOfTheseReply,
    notHttp: data.notHttp,
    notHttpWorld: data.notHttpWorld,
    botQuestion: { addressees: stems(data.botQuestion.addressees), words: stems(data.botQuestion.words) },
    words: [
      ...data.acts.flatMap((a) => a.phrases),
      ...data.fillers,
      ...Object.values(data.focus).flat(),
      ...data.askWords,
      ...data.backReferences,
      ...data.pronouns,
      ...data.firstPerson,
      ...data.adviceWords,
      ...data.continuations,
      ...data.userSide.server,
      ...data.userSide.client,
      ...data.ownSide.server,
      ...data.ownSide.client,
      ...data.otherSide,
      ...data.resolved,
      ...data.topicChange,
      ...data.newState,
      ...data.returnTo,
      ...Object.values(data.ordinals).flat(),
    ],
  };
}

/** The rank of a focus among the asked ones: lower is more specific and wins when a message has several. */
export function focusRank(focus: AskedFocus): number {
  return ASKED_FOCUSES.indexOf(focus);
}
