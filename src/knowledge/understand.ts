/**
 * understand(): one message, read in its conversation, in; one Understanding out. The readers run in the order a
 * person reads a message to a status bot, and the first that finds something decides:
 *
 *   1. a pasted log (several statuses, counted)          7. a number given as a status that no table knows
 *      (then a thank-you after what fixed it)            8. a number that is something else (SMTP, exit status)
 *   2. a comparison ("401 vs 403", "vs 301" after 308)   9. something said to the bot (hi, thanks, ok, bye), or
 *   3. an error a provider prints by name (NoSuchKey)       another world named with nothing of the web (ssh, mqtt)
 *   4. a class ("5xx", "server errors in general")      10. a reason phrase ("bad gateway", "Forbidden")
 *   5. a code by number                                 11. a follow-up on the last answer ("and for the frontend?")
 *   6. a network error with no status (ECONNREFUSED)    12. a short query with a typo ("gatewy timout")
 *                                                       13. a described situation ("the api says I'm too fast")
 *
 * and when none does, the bot asks: for the code or error (a message about the web), for what "it" refers to (a
 * follow-up with nothing before it), or says what it can do (anything else). Every reader after the first asks
 * what the message wants to know (the fix, the cause, whose fault …) and which side the user is on.
 */
import {
  acceptsMention,
  findCodeMentions,
  isForeignWord,
  isWebWord,
  type CodeMention,
  type MentionVocabulary,
} from './code-mentions';
import { MAX_PATTERN, type CodeSearch } from './code-search';
import { readFocus, readUserSide } from './asked-focus';
import { ackOpeningQuestion, readAct, readActAmongChatter, readClosingAct } from './conversational-act';
import { hasSubject, NO_CONTEXT, type ConversationContext } from './conversation-context';
import type { Act, AskedFocus, ConversationLexicon, Focus, Ordinal } from './conversation-lexicon';
import { MAX_SUBJECT_WORDS, readFollowUp } from './follow-up';
import type { Lexicon } from './lexicon';
import { countLogStatuses } from './log-triage';
import { readMessage, type Message } from './message';
import { findClassMention, hasCompareCue, pastedLines } from './message-signals';
import { findNetworkError, findToldNetworkError, proxyStatusFor } from './network-errors';
import { relatedEntryId, type NetworkError } from './entry-schema';
import type { NumberKinds } from './number-kinds';
import type { PhraseHit, PhraseMatcher } from './phrase-matcher';
import { providerErrorLookup, type ProviderErrorFinder } from './provider-errors';
import { comparedWithNeighbour, pickAmongIds, rankPhraseHits, readPhrases } from './reason-phrases';
import { classOf, type StatusTable } from './status-table';
import type { SymptomIndex, SymptomMatch } from './symptom-index';
import { toTerms } from './term-analyzer';
import { stem } from './text';
import type { TypoCorrector } from './typo-corrector';
import { understandingOf, type Candidate, type Understanding } from './understanding';

export interface EngineParts {
  table: StatusTable;
  search: CodeSearch;
  lexicon: Lexicon;
  talk: ConversationLexicon;
  kinds: NumberKinds;
  mentions: MentionVocabulary;
  phrases: PhraseMatcher;
  symptoms: SymptomIndex;
  corrector: TypoCorrector;
  providers: ProviderErrorFinder;
}

/** Fuse.js distance (0 perfect, 1 none) under which a short query is taken as a fuzzy name match. */
const FUZZY_THRESHOLD = 0.25;

/** Below this a described symptom is not an answer; the bot asks for the code or error instead. */
export const SYMPTOM_THRESHOLD = 0.3;
/** The network error of a request that got no response at all (curl's 000, status 0). */
const NO_RESPONSE_ERROR = 'no-response';
/** A described symptom whose best entry explains less than this of the message (SymptomMatch.evidence) is less sure. */
const SYMPTOM_EVIDENCE = 4;
/** A second reading within this share of the first is offered as "did you mean". */
const ALTERNATIVE_SHARE = 0.8;
/** A situation points to one of the compared codes when its match is this much better than the next one's. */
const RECOMMEND_MARGIN = 1.08;
/** A follow-up whose own words match another code at least this well is a new question about that code. */
const DESCRIBES_ANOTHER = 0.6;
/** ...unless the code discussed matches them nearly as well (this share of the other's score). */
const STILL_ABOUT_IT = 0.75;
/** Words no table or lexicon knows that make a message with nothing of the web one about everyday life. */
const EVERYDAY_WORDS = 2;
/** A described symptom in a message whose numbers were all read as something else must be at least this sure. */
const RULED_OUT_NEEDS = 0.75;
/** "other than 200", "besides 404", "except 500": a number named as the exception to a class. */
const EXCEPT =
  /\b(?:other than|besides|except(?: for)?|apart from|aside from|beyond|not just|excluding)\s+(?:plain |the |a |an )?$/;

export function understand(
  text: string,
  parts: EngineParts,
  conversation: ConversationContext = NO_CONTEXT,
): Understanding {
  const { table, lexicon, talk } = parts;
  const message = readMessage(text, table, lexicon);
  // "different topic: what's a 207": nothing before it applies.
  const context = hasSubject(conversation) && talk.topicChange.has(message.stems) ? NO_CONTEXT : conversation;
  const { lower, words, texts, vendors } = message;
  const inConversation = hasSubject(context);
  const choice = context.ids.length >= 2;
  const meaningOf = (code: number) => resolveMeaning(table, code, vendors);
  const { truncated } = message;

  if (!words.length) {
    const act = readAct(message, talk); // "👍"
    const said = act ? saidToTheBot(act, 0.9) : { intent: 'none' as const, confidence: 1 };
    return understandingOf({ truncated, vendors, ...said });
  }

  const mentions = findCodeMentions(message, parts.mentions, inConversation);
  const accepted = mentions.filter(acceptsMention(table));

  // === 1. A pasted log: one status per line, counted.
  const triage = countLogStatuses(lower, accepted, table, meaningOf);
  if (triage) {
    const codes = triage.map((t) => t.code);
    const first = table.meaningsOf(codes.find((c) => c < 200 || c > 299) ?? (codes[0] as number))[0];
    const ids = triage.flatMap((t) => (t.id ? [t.id] : []));
    return {
      intent: 'triage',
      codes,
      ids,
      class: first ? classOf(first.code) : null,
      code: null,
      focus: 'overview',
      confidence: 0.9,
      alternatives: [],
      counts: triage,
      via: 'log',
      truncated,
      vendors,
    };
  }

  // The side the user is on: said outright ("our nginx returns …", "calling their api"), else as before. A follow-up
  // asking for the other side's steps ("and for the frontend?") does not change it.
  const sideSaid = readUserSide(message, talk);
  const side = sideSaid ?? context.side;
  // Header lines and curl's trace ask nothing: "Retry-After: 120" is no question about retrying.
  const pasted = pastedLines(lower);
  const asked = readFocus(message, talk, true, side, pasted);
  const focus = newSubjectFocus(asked);
  const result = (u: Partial<Understanding> & Pick<Understanding, 'intent'>): Understanding =>
    understandingOf({
      truncated,
      vendors,
      ...(message.stacks.length ? { stacks: message.stacks } : {}),
      ...(side ? { side } : {}),
      ...u,
    });
  /**
   * A subject the conversation already has, asked about again with a part of the answer, is a follow-up on it;
   * named again alone ("what about the 499 one?" after a log), it is asked about afresh. ("Compare it with 502"
   * after 502 asks for more of it.)
   */
  // "back to the 401 - how do i make it stop": a code of earlier in the conversation, taken up again.
  const returning = inConversation && talk.returnTo.has(message.freeStems);
  const onSubject = (u: Understanding): Understanding => {
    const discussedOne = u.ids.length === 1 && context.ids.includes(u.ids[0] as string);
    // After a comparison, "which should i use for an etag mismatch": the situation names one of the codes compared,
    // so that one is recommended among them.
    if (discussedOne && asked === 'which' && choice) {
      const ids = [...context.ids];
      const codes = ids.map((id) => table.entry(id)?.code as number);
      return { ...u, intent: 'follow_up', focus: 'which', ids, codes, recommended: u.ids[0] as string };
    }
    return (discussedOne || (u.ids.length === 1 && returning)) && (asked || compareCue) && asked !== 'which'
      ? { ...u, intent: 'follow_up', focus: asked ?? 'more' }
      : u;
  };

  // A thank-you after telling what fixed it ("fixed it, the 502 was the old LB config. thanks!") is a thank-you,
  // whatever codes the story names.
  const resolved = talk.resolved.has(message.freeStems);
  const namesCode = (from: number) =>
    accepted.some((m) => table.has(m.code) && m.start >= (words[from]?.start ?? Infinity));
  const closing = resolved ? readClosingAct(message, talk, inConversation, namesCode) : null;
  if (closing) return result({ intent: 'greeting', act: closing, confidence: 0.9 });

  // "returns 404 instead of 200", "expected 200 but got 503": the status that came back is the subject; the one
  // expected is neither compared with it nor answered before it.
  const cameBack = accepted.filter((m) => !m.expected);
  const known = (cameBack.length ? cameBack : accepted).filter((m) => table.has(m.code));
  const classMention = findClassMention(lower, words, lexicon);
  const phrases = readPhrases(message, parts.phrases, parts.corrector, table, lexicon);
  // "ok which one", "okay so why": an acknowledgement opening a question, not the status OK.
  const ackOpening = ackOpeningQuestion(message, talk);
  const phraseHits = phrases.counted.filter((h) => !(h.weak && h.at === 0 && h.length <= ackOpening));
  const compareCue = hasCompareCue(texts, lower, lexicon);

  // === 2. Two or more codes, by number or by name, with a comparison cue: "401 vs 403", "unauthorized or forbidden";
  // in a conversation, one new code against the last one: "how does it differ from 301?" after 308.
  const numbered = distinct(known.filter((m) => !inside(m, classMention)).map((m) => m.code));
  const named = distinct(phraseHits.filter((h, i) => comparedWithNeighbour(phraseHits, i, texts)).map((h) => h.code));
  const comparable = distinct(numbered.length >= 2 || !compareCue ? numbered : [...numbered, ...named]);
  const compareFocus: Focus = asked === 'which' ? 'which' : 'overview';
  if (compareCue && comparable.length >= 2) {
    const ids = comparable.map(meaningOf);
    return result({
      intent: 'compare',
      codes: comparable,
      ids,
      focus: compareFocus,
      ...recommendation(compareFocus, ids, message.texts, parts),
      confidence: numbered.length >= 2 ? 0.95 : 0.8,
      via: numbered.length >= 2 ? 'code' : 'name',
    });
  }
  const lastId = context.ids[0];
  const lastEntry = lastId ? table.entry(lastId) : undefined;
  // New: none of the codes discussed ("the right fix for that 504?" after 502 vs 504 is about the 504).
  const discussed = new Set(context.ids.map((id) => table.entry(id)?.code));
  const newOne = distinct([...numbered, ...phraseHits.filter((h) => !h.weak).map((h) => h.code)]).filter(
    (c) => !discussed.has(c),
  );
  // "whats the standard code for that, 401?", "would 308 help here": a new code set against what was discussed.
  // A message that opens with "what about 504, …" turns to that code, whatever "that one" it says later.
  const pointsBack =
    talk.backReferences.has(message.freeStems) ||
    (words.length <= 6 && message.stems.some((st) => talk.pronouns.has(st)));
  const setAgainst =
    (compareCue || (pointsBack && talk.continuations.at(message.stems, 0) === null)) &&
    !talk.newState.has(message.stems) &&
    !returning;
  if (lastEntry && setAgainst && newOne.length === 1 && !classMention) {
    const ids = [lastEntry.id, meaningOf(newOne[0] as number)];
    return result({
      intent: 'compare',
      codes: [lastEntry.code, newOne[0] as number],
      ids,
      focus: compareFocus,
      ...recommendation(compareFocus, ids, message.texts, parts),
      confidence: 0.9,
      via: numbered.length ? 'code' : 'name',
    });
  }

  // === 3. An error a provider prints by name: "(NoSuchBucket) when calling …", "StatusCode.UNAVAILABLE", "Error 1020".
  // Its status leads unless the message gives another status outside the error's own text, which then wins.
  // Web words beyond a span ("on our site"), or a word of the web within it ("HTTP Error 500.19").
  const webAround = (start: number, end: number) =>
    words.some((w, i) =>
      w.start >= start && w.end <= end
        ? lexicon.webWords.has(texts[i] as string)
        : lexicon.domainWords.has(texts[i] as string),
    );
  const printed = parts.providers.read(message.original, lower, webAround);
  const agrees = (m: CodeMention) =>
    m.code === printed?.best.error.status ||
    (m.start >= (printed?.best.start ?? 0) && m.end <= (printed?.best.end ?? 0));
  // "ERROR 1016 (HY000)" is MySQL's, not Cloudflare's: a number in the error's text placed in another world (unless
  // that world is the provider's own: a gRPC status number) takes the error with it.
  const foreign = (m: CodeMention) =>
    m.otherKind !== undefined &&
    m.otherKind.id !== printed?.best.error.provider &&
    m.start >= (printed?.best.start ?? 0) &&
    m.end <= (printed?.best.end ?? 0);
  const printedHere = printed !== null && !mentions.some(foreign);
  if (printed && printedHere && known.every(agrees)) {
    // The error and the rest of its line are pasted output; the question is in the words around them.
    const lineEnd = lower.indexOf('\n', printed.best.start);
    const askedAround = readFocus(message, talk, true, side, [
      ...pasted,
      { start: printed.best.start, end: lineEnd < 0 ? lower.length : lineEnd },
    ]);
    return onSubject(result(providerErrorLookup(printed, newSubjectFocus(askedAround))));
  }

  // A word only the web uses ("api", "curl", "nginx"), looked for once when a reader asks.
  let webWordRead: boolean | undefined;
  const webSaid = () => (webWordRead ??= texts.some((w) => isWebWord(w, parts.mentions)));
  let worldRead: ReturnType<NumberKinds['worldOf']> | undefined;
  const worldNamed = () =>
    worldRead === undefined
      ? (worldRead = parts.kinds.worldOf(message, (w) => isWebWord(w, parts.mentions)))
      : worldRead;

  // === 4. A class: "5xx", "the 500 range", "server errors in general", "success codes other than plain 200"; not
  // when the message pastes a failure with no status at all ("ERR_CERT_DATE_INVALID … is that some kind of 4xx?").
  let networkErrorRead: { error: ReturnType<typeof findNetworkError>; told: boolean } | undefined;
  const readNetworkError = () => {
    if (!networkErrorRead) {
      const printed = findNetworkError(lower, table.networkErrors);
      networkErrorRead = printed
        ? { error: printed, told: false }
        : { error: findToldNetworkError(message.stems, table.networkErrors), told: true };
    }
    return networkErrorRead.error;
  };
  const onlyExcepted =
    numbered.length > 0 && known.every((m) => EXCEPT.test(lower.slice(Math.max(0, m.start - 24), m.start)));
  if (
    classMention &&
    !(!numbered.length && readNetworkError()) &&
    (classMention.explicit || ((!numbered.length || onlyExcepted) && !phraseHits.some((h) => !h.weak)))
  ) {
    return result({ intent: 'class', class: classMention.class, confidence: classMention.explicit ? 0.95 : 0.75 });
  }

  // === 5. A code by number.
  if (known.length) {
    const best = bestMention(known);
    const id = meaningOf(best.code);
    const others = distinct(known.map((m) => m.code).filter((c) => c !== best.code));
    const alternatives: Candidate[] = [
      ...otherMeanings(table, best.code, id),
      ...others.map((c) => ({ id: meaningOf(c), code: c, score: 0.5, via: 'code' as const })),
    ];
    const confidence = best.strong ? 0.98 : best.score >= 3.5 ? 0.95 : best.score >= 2.5 ? 0.85 : 0.75;
    // "code = Unimplemented desc = unexpected HTTP status code received from server: 404": the status answered, the
    // provider's error beside it (what its client reports for a proxy's 404).
    const aside = printed && printedHere ? { alsoNamed: printed.best.error.id } : {};
    return onSubject(
      result({
        intent: 'lookup',
        codes: [best.code, ...others],
        ids: [id],
        class: classOf(best.code),
        focus,
        confidence,
        alternatives,
        via: 'code',
        ...aside,
      }),
    );
  }

  // === 6. No status at all, but a network failure pasted as if it were one: "ECONNREFUSED", "curl: (60) SSL …".
  // Before unknown numbers, so "000" next to curl's error gets the error explained. In nginx's error log the client
  // got nginx's status for it (502, 504); a vendor named with a status of its own for the failure (Cloudflare's 521
  // for a refused origin) gets that status when the message describes it.
  const networkError = readNetworkError();
  const statusFor = (id: string, code: number) =>
    onSubject(
      result({
        intent: 'lookup',
        codes: [code],
        ids: [id],
        class: classOf(code),
        focus,
        confidence: 0.85,
        via: 'symptom',
      }),
    );
  const proxyStatus = networkError && proxyStatusFor(lower, networkError);
  if (proxyStatus) return statusFor(String(proxyStatus), proxyStatus);
  // Told in words in another world ("mosquitto: connection refused, not authorised") it is that world's refusal.
  const toldElsewhere = networkErrorRead?.told === true && worldNamed() !== null;
  if (networkError && !toldElsewhere) {
    const vendorStatus = vendorStatusDescribed(networkError, vendors, phrases.corrected, parts);
    if (vendorStatus) return statusFor(vendorStatus.id, vendorStatus.code);
    const sameError = networkError.id === context.networkError && focus !== 'overview';
    // Told in words ("the connection was refused") is less sure than the error as printed.
    return result({
      intent: sameError ? 'follow_up' : 'network_error',
      networkError: networkError.id,
      focus,
      confidence: networkErrorRead?.told ? 0.8 : 0.9,
    });
  }

  // === 7. A number given as a status that no table knows: RFC 9110's x00 rule, or "not an HTTP status at all".
  const unknown = accepted.filter((m) => !table.has(m.code) && !inside(m, classMention));
  // "HTTP/1.1 366 OK": on a status line, the number is the status, whatever phrase follows it.
  if (unknown.length && (!phraseHits.length || unknown.some((m) => m.strong))) {
    const best = bestMention(unknown);
    // curl's 000, XHR's status 0: no response at all, a network failure rather than a status.
    if (best.code === 0) return result({ intent: 'network_error', networkError: NO_RESPONSE_ERROR, confidence: 0.8 });
    // "Error 1020" with nothing of the web around it: not an HTTP status,
    // but say what it is if a provider's page showed it.
    const maybe =
      best.code > 599 && !printed ? parts.providers.read(message.original, lower)?.best.error.id : undefined;
    return result({
      intent: 'unknown_code',
      code: best.code,
      class: classOf(best.code),
      confidence: best.score >= 4 ? 0.9 : 0.75,
      ...(maybe ? { alsoNamed: maybe } : {}),
    });
  }

  // === 8. A number that belongs to another world: "smtp 554 5.7.1", "exited with status 143", "MSI error 1603".
  const other = mentions.find((m) => m.otherKind);
  if (other?.otherKind) {
    return result({
      intent: 'none',
      otherWorld: { text: numberAsWritten(lower, other), kind: other.otherKind.id },
      confidence: 0.9,
    });
  }
  // "Windows Update error 0x80070005": a number no HTTP status is written as.
  const shaped = known.length ? null : parts.mentions.kinds.shapedIn(lower);
  if (shaped)
    return result({ intent: 'none', otherWorld: { text: shaped.text, kind: shaped.kind.id }, confidence: 0.85 });

  // === 9. Said to the bot rather than asked: "hi", "thank you so much!", "perfect, got it", "bye". In a
  // conversation, "examples?" asks for an example of what was just discussed, not for help with the bot.
  // A question to the bot, or a greeting, among words that name no failure.
  // Words that tell of a failure: a status's name, or a word of failure ("fails", "timed out").
  const tellsOfFailure = (from: number, to: number) =>
    phraseHits.some((h) => !h.weak && h.at >= from && h.at < to) ||
    lexicon.failureWords.has(message.freeStems.slice(from, to));
  const goesOnTo = (from: number) => namesCode(from) || tellsOfFailure(from, words.length);
  const act =
    readAct(message, talk, lexicon.vagueWords) ??
    readClosingAct(message, talk, inConversation, goesOnTo) ??
    readActAmongChatter(message, talk, (from, to) => !tellsOfFailure(from, to));
  const followUp = readFollowUp(message, talk, lexicon, { choice, inConversation, side, lastFocus: context.focus });
  // In a conversation "lol is that real" asks about what was discussed, though each of its words could be chatter.
  const asksAboutIt = inConversation && (act === 'aside' || act === 'ack') && followUp?.asksYesNo === true;
  if (act && !(act === 'help' && inConversation && asked) && !asksAboutIt) return result(saidToTheBot(act, 0.95));

  // In a conversation, "ok and?" goes on about the subject: an everyday word that is also a name does not change it.
  const goesOn = inConversation && followUp?.refersBack === true && phraseHits.every((h) => h.weak);

  // Another world named and nothing of the web: "git@github.com: Permission denied (publickey)", "mqtt connack:
  // not authorized". What its words share with a status ("denied", "not authorized") is no status.
  const world = followUp && inConversation ? null : worldNamed();
  if (world) return result({ intent: 'none', otherWorld: { kind: world.id }, confidence: 0.8 });

  // "my kids have too many requests for snacks today": a name written as plain words (no capitals, quotes or status
  // verb), and the words around it say nothing of the web nor of anything the named status is about.
  const aboutSomethingElse = () => {
    if (inConversation || phrases.cued || phrases.webBeyondNames) return false;
    const rest = texts.filter(
      (w, i) =>
        !phrases.named.has(i) &&
        !/^\d/.test(w) &&
        !lexicon.stopWords.has(w.replace(/'/g, '')) &&
        !lexicon.vagueWords.has(message.stems[i] as string) &&
        !lexicon.hedges.has(w),
    );
    const terms = toTerms(rest, lexicon);
    const ids = phraseHits.flatMap((h) => h.ids);
    return rest.length >= 2 && !terms.some((t) => ids.some((id) => parts.symptoms.profileSays(id, t)));
  };
  // "the furniture store says payment required before they deliver the sofa": words of another life (two or more no
  // table or lexicon knows) and nothing of the web; a status name among them is an everyday phrase.
  const everyday = () =>
    !inConversation && !webSaid() && texts.filter((w) => isForeignWord(w, parts.mentions)).length >= EVERYDAY_WORDS;
  if (phraseHits.length && (everyday() || aboutSomethingElse())) return result({ intent: 'none', confidence: 0.75 });

  // === 10. A reason phrase or an old name: "bad gateway", "Request Entity Too Large", "forbiden".
  if (phraseHits.length && !goesOn) {
    const ranked = rankPhraseHits(phraseHits);
    const top = ranked[0] as PhraseHit;
    const id = pickAmongIds(table, top.ids, vendors);
    const alternatives: Candidate[] = [
      ...top.ids.filter((i) => i !== id).map((i) => candidateFor(table, i, 0.6, 'name')),
      ...otherMeanings(table, top.code, id).filter((c) => !top.ids.includes(c.id)),
      ...distinct(ranked.slice(1).map((h) => h.code))
        .filter((c) => c !== top.code)
        .map((c) => ({ id: meaningOf(c), code: c, score: 0.5, via: 'name' as const })),
    ];
    return onSubject(
      result({
        intent: 'lookup',
        codes: distinct([top.code, ...alternatives.map((a) => a.code)]),
        ids: [id],
        class: classOf(top.code),
        focus,
        confidence: top.corrected ? 0.75 : top.weak ? 0.7 : 0.9,
        alternatives,
        via: top.corrected ? 'corrected-name' : 'name',
      }),
    );
  }

  // === 11. A follow-up on the last answer, in any words: "what config do I change", "and for the frontend?".
  // A follow-up's words that describe another code's situation make a new question about the web, said or not
  // (unless it names one of the codes discussed by its place: "the first one").
  // A part asked for with a word or two of its own that tell of no event ("why tho, the path is right") stays on
  // the subject; "why does the api keep timing out" tells of another failure.
  const briefAsk =
    followUp !== null &&
    followUp.focus !== 'more' &&
    followUp.subjectWords <= MAX_SUBJECT_WORDS &&
    !lexicon.eventWords.has(followUp.ownWords.map(stem));
  const another = Boolean(
    followUp &&
    inConversation &&
    followUp.focus !== 'which' &&
    !followUp.ordinal &&
    !briefAsk &&
    describesAnother(followUp.ownWords, context, parts),
  );
  if (followUp && inConversation && !another) {
    // After a comparison, "which one?" is about all of them; "how do I fix it?" about the one its words point to,
    // else the first, the likeliest.
    const byPlace = followUp.ordinal && pickByPlace(followUp.ordinal, context);
    const pointed =
      followUp.focus === 'which'
        ? undefined
        : (byPlace ?? recommendation('which', context.ids, followUp.ownWords, parts).recommended);
    const ids =
      followUp.focus === 'which'
        ? [...context.ids]
        : [pointed ?? context.about ?? (context.ids[0] as string)].filter(Boolean);
    const sideKept = sideSaid ?? context.side;
    return result({
      intent: 'follow_up',
      codes: ids.map((id) => table.entry(id)?.code as number),
      ids,
      side: sideKept,
      ...(context.networkError ? { networkError: context.networkError } : {}),
      ...(context.class && !ids.length ? { class: context.class } : {}),
      ...(context.providerError && ids[0] === context.ids[0] ? { providerError: context.providerError } : {}),
      focus: followUp.focus,
      ...recommendation(followUp.focus, ids, followUp.ownWords, parts),
      confidence: 0.85,
    });
  }
  // The same words with no conversation before them: ask what they refer to rather than guess ("does that show up in
  // access logs"), unless they say it ("this endpoint isn't implemented on the server yet"): read on.
  const saysWhat = () => !followUp?.asksYesNo && situationOf(followUp?.ownWords ?? [], parts, false) !== null;
  if (followUp?.refersBack && !inConversation && !saysWhat())
    return result({ intent: 'none', clarify: 'referent', confidence: 0.8 });

  // === 12. A short query nothing else placed, with a word we do not know ("bad gat", "gatewy tmeout"): fuzzy
  // search over names and aliases. Fuse.js costs a few milliseconds per new pattern, so only when a word looks
  // misspelt or cut.
  const oddWord = () =>
    texts.some((w, i) => /^[a-z]{3,}$/.test(w) && !parts.corrector.isKnown(w) && !phrases.correctedFlags[i]);
  if (message.original.length <= MAX_PATTERN && words.length <= 5 && oddWord()) {
    const hit = parts.search.searchNames(message.original)[0];
    if (hit && hit.distance <= FUZZY_THRESHOLD) {
      return result({
        intent: 'lookup',
        codes: [hit.code],
        ids: [hit.id],
        class: classOf(hit.code),
        focus,
        confidence: round(0.7 - hit.distance),
        via: 'corrected-name',
      });
    }
  }

  // A described symptom only counts in a message about the web at all: "what time is it in tokyo" shares a word with a
  // timeout, but is not a question for this bot; nor does a corrected word make it one ("heater" is not a typo of
  // "header" in a question about a hotel room), nor a status name used as an everyday word ("the door is locked").
  if (!phrases.webBeyondNames && !another) return result({ intent: 'none', confidence: 0.8 });
  // "the site is broken", "login doesn't work": that something fails, not how. A dozen codes fit; ask instead.
  if (isVague(message, lexicon)) return result({ intent: 'none', clarify: 'codeOrError', confidence: 0.8 });
  // "how do I set up nginx as a reverse proxy": web things named, but nothing that happened or came back.
  if (isHowTo(message, lexicon)) return result({ intent: 'none', confidence: 0.75 });

  // === 13. A described situation: "the api says I'm calling it too often".
  const unplacedStatus = mentions.find(
    (m) => !m.elsewhere && !m.otherKind && m.code >= 100 && m.code <= 599 && !table.has(m.code),
  );
  const unplacedAnswer = (m: CodeMention) =>
    result({ intent: 'unknown_code', code: m.code, class: classOf(m.code), confidence: 0.6 });
  const tellsOfEvent = lexicon.eventWords.has(message.freeStems) || lexicon.failureWords.has(message.freeStems);
  const vendorBoost = unhintedVendorPenalty(table, vendors);
  // An SDK's error names its failure ("ThrottlingException: Rate exceeded when calling …"): its own words first.
  const errorMatches = message.errorWords.length
    ? parts.symptoms.match(toTerms(message.errorWords, lexicon), 5, vendorBoost)
    : [];
  // An everyday word that is a status name but had no cue ("we accepted the design") is no evidence here either.
  // Several everyday words ("not allowed") still describe the situation.
  const uncued = new Set(phrases.all.filter((h) => h.length === 1 && !phrases.counted.includes(h)).map((h) => h.at));
  // Hedges ("kinda", "acting weird") say nothing of what happened.
  const symptomWords = phrases.corrected.filter((w, i) => !uncued.has(i) && !lexicon.hedges.has(w));
  const terms = toTerms(symptomWords, lexicon);
  const matches =
    (errorMatches[0]?.score ?? 0) >= SYMPTOM_THRESHOLD ? errorMatches : parts.symptoms.match(terms, 5, vendorBoost);
  // "error in my build": one plain word of its own that the table uses (no concept such as "too often", no vendor) is
  // too thin to name a status from; ask. Words no phrase of the table uses ("python") add nothing to it.
  const matchedTerms = terms.filter((t) => parts.symptoms.knows(t));
  const thin =
    matches !== errorMatches &&
    matchedTerms.length === 1 &&
    !(matchedTerms[0] as string).startsWith('~') &&
    !vendors.length;
  if (thin && !another) return result({ intent: 'none', clarify: 'codeOrError', confidence: 0.7 });
  const top = matches[0];
  if (top && top.score >= SYMPTOM_THRESHOLD) {
    const entry = table.entry(top.id);
    // Only readings nearly as good as the first are offered: each has the message's own words behind it.
    const close = matches
      .slice(1)
      .filter(
        (m) =>
          m.score >= top.score * ALTERNATIVE_SHARE &&
          m.score >= SYMPTOM_THRESHOLD &&
          table.entry(m.id)?.code !== entry?.code,
      );
    const alternatives = close.map((m) => candidateFor(table, m.id, m.score, 'symptom'));
    const confidence =
      Math.min(0.9, 0.35 + top.score * 0.6) * (close.length ? 0.75 : 1) * (top.evidence < SYMPTOM_EVIDENCE ? 0.85 : 1);
    // "standup moved to room 404", "port 443 is open on the firewall", "the dashboard shows 14 unavailable": the
    // message's numbers were read as something else (a room, a port) or as no status; only a sure match outweighs that.
    // A time or a size ("retry after 30 s") is part of the story, not another one, in a message of the web; without a
    // word only the web uses, a status-shaped measure is the story ("our deploy pipeline took 502 seconds lol").
    const measuredStatus = (m: CodeMention) => m.measured && !webSaid() && m.code >= 100 && m.code <= 599;
    const placed = mentions.filter((m) => m.elsewhere || !m.measured || measuredStatus(m));
    if (
      confidence < RULED_OUT_NEEDS &&
      placed.length > 0 &&
      placed.every((m) => m.elsewhere || measuredStatus(m) || (!accepted.includes(m) && (m.code < 100 || m.code > 599)))
    )
      return result({ intent: 'none', confidence: 0.7 });
    // "the load balancer logged 472": a status-shaped number nothing ruled out is what was asked about, unless the
    // rest of the message is a sure match on its own.
    if (confidence < RULED_OUT_NEEDS && unplacedStatus) return unplacedAnswer(unplacedStatus);
    // "is TLS 1.2 or 1.3 better for our api", "we run django 4.2": things named but nothing that happened, and only an
    // unsure match on their names: a guess, so ask.
    if (confidence < RULED_OUT_NEEDS && !tellsOfEvent && !another)
      return result({ intent: 'none', clarify: 'codeOrError', confidence: 0.7 });
    return onSubject(
      result({
        intent: 'lookup',
        codes: distinct([entry?.code as number, ...alternatives.map((a) => a.code)]),
        ids: [top.id],
        class: entry ? classOf(entry.code) : null,
        focus,
        confidence: round(confidence),
        alternatives,
        via: 'symptom',
      }),
    );
  }

  // Nothing placed it. About the web: ask for the code or the error text rather than guess.
  if (unplacedStatus) return unplacedAnswer(unplacedStatus);
  return result({ intent: 'none', clarify: 'codeOrError', confidence: top ? round(1 - top.score) : 0.9 });
}

// === Helpers

/**
 * A greeting, thanks, "ok" or goodbye gets its short reply;
 * an aside ("hmm", "lol") acknowledges nothing and asks nothing.
 */
function saidToTheBot(act: Act, confidence: number): Pick<Understanding, 'intent' | 'act' | 'confidence'> {
  return { intent: act === 'aside' ? 'none' : 'greeting', act, confidence };
}

/** On a new subject, the question's own kind (fix, cause, fault, retry, example) picks the part of the answer. */
function newSubjectFocus(asked: AskedFocus | null): Focus {
  return asked === 'fix' || asked === 'cause' || asked === 'fault' || asked === 'retry' || asked === 'example'
    ? asked
    : 'overview';
}

/** A vendor's code matches better when the message names that vendor, worse when it names none of its words. */
/**
 * The status a vendor named in the message gives the failure ("cloudflare says my origin refused the connection" →
 * 521), when the message's words describe it best; a status the vendor only logs is not what its client saw.
 */
function vendorStatusDescribed(
  error: NetworkError,
  vendors: readonly string[],
  words: readonly string[],
  parts: EngineParts,
): { id: string; code: number } | undefined {
  const statuses = error.related.filter((r) => r.vendor !== undefined && vendors.includes(r.vendor) && !r.loggedOnly);
  if (!statuses.length) return undefined;
  const top = parts.symptoms.match(toTerms(words, parts.lexicon), 1, unhintedVendorPenalty(parts.table, vendors))[0];
  const status = top && top.score >= SYMPTOM_THRESHOLD ? statuses.find((r) => relatedEntryId(r) === top.id) : undefined;
  return status && { id: relatedEntryId(status), code: status.code };
}

function unhintedVendorPenalty(table: StatusTable, vendors: readonly string[]): (id: string) => number {
  return (id) => {
    const vendor = table.entry(id)?.vendor;
    if (!vendor) return 1;
    return vendors.includes(vendor) ? 1.1 : 0.85;
  };
}

/** How far into a message a how-to question's opening may stand: "which http library should I use". */
const HOW_TO_OPENS_BY = 4;

/** A question about how to do something, whose rest (after the opening and its verb) tells of no event. */
function isHowTo(message: Message, lexicon: Lexicon): boolean {
  const { freeStems } = message;
  const opener = lexicon.howToOpeners.find(freeStems).find((h) => h.at <= HOW_TO_OPENS_BY);
  if (!opener) return false;
  const from = opener.at + opener.length + 1;
  // A goal is no event: "I need to send X-Tenant-Id", "I want to pick one" (a word after "to", or before it).
  const rest = freeStems
    .slice(from)
    .map((st, i) => (freeStems[from + i - 1] === 'to' || freeStems[from + i + 1] === 'to' ? '' : st));
  return !lexicon.eventWords.has(rest);
}

/** Every word of the message is a stop word or says only that something fails, and where. */
function isVague(message: Message, lexicon: Lexicon): boolean {
  return message.texts.every(
    (w, i) =>
      lexicon.stopWords.has(w.replace(/'/g, '')) ||
      lexicon.vagueWords.has(message.stems[i] as string) ||
      lexicon.hedges.has(w),
  );
}

/** "The second one", "the latter", "the other": one of the codes discussed, by its place in the last answer. */
function pickByPlace(ordinal: Ordinal, context: ConversationContext): string | undefined {
  const { ids } = context;
  switch (ordinal) {
    case 'first':
      return ids[0];
    case 'second':
      return ids[1];
    case 'third':
      return ids[2];
    case 'middle':
      return ids.length === 3 ? ids[1] : undefined;
    case 'last':
      return ids[ids.length - 1];
    case 'other':
      return ids.length === 2 ? ids.find((id) => id !== (context.about ?? ids[0])) : undefined;
  }
}

/**
 * "why does the api keep timing out" after a 404: a follow-up's words, but they describe a situation of their own
 * that points clearly at another code, so it is a new question.
 */
/**
 * The entries a message's own words describe as a situation, when they match one well and name one of the lexicon's
 * concepts ("too often", "timing out"), or without `conceptNeeded` two words the table uses ("implemented", "yet"):
 * loose words describe nothing. `concepts`: the concepts named.
 */
function situationOf(
  ownWords: readonly string[],
  parts: EngineParts,
  conceptNeeded = true,
): { matches: ReturnType<SymptomIndex['match']>; concepts: string[] } | null {
  if (ownWords.length < 2) return null;
  // In a conversation, "the upload fails" only says that the thing discussed fails; on its own, it is the subject.
  const terms = toTerms(
    conceptNeeded ? ownWords.filter((w) => !parts.lexicon.vagueWords.has(stem(w))) : ownWords,
    parts.lexicon,
  );
  const concepts = terms.filter((t) => t.startsWith('~'));
  if (conceptNeeded ? !concepts.length : terms.filter((t) => parts.symptoms.knows(t)).length < 2) return null;
  const matches = parts.symptoms.match(terms, 10, unhintedVendorPenalty(parts.table, []));
  return (matches[0]?.score ?? 0) >= DESCRIBES_ANOTHER ? { matches, concepts } : null;
}

function describesAnother(ownWords: readonly string[], context: ConversationContext, parts: EngineParts): boolean {
  if (!context.ids.length) return false;
  const situation = situationOf(ownWords, parts);
  if (!situation) return false;
  const { matches, concepts } = situation;
  // Every situation it names is one the code discussed has: "can i raise the timeout" after a 524. (Of several
  // codes discussed, the one meant is chosen below by how well it matches.)
  const only = context.ids.length === 1 ? (context.ids[0] as string) : undefined;
  if (only && concepts.every((c) => parts.symptoms.saysOf(only, c))) return false;
  const top = matches[0] as SymptomMatch;
  const codeOf = (id: string) => parts.table.entry(id)?.code;
  const discussed = new Set(context.ids.map(codeOf));
  if (discussed.has(codeOf(top.id))) return false;
  // The code discussed fits these words nearly as well: still about it ("can i bump the timeout" after a 504).
  return !matches.some((m) => discussed.has(codeOf(m.id)) && m.score >= top.score * STILL_ABOUT_IT);
}

/**
 * "Which one should I use for expired sessions?": the situation the message describes, matched against the
 * symptoms of the compared codes only; one of them is recommended when it matches clearly better than the others.
 */
function recommendation(
  focus: Focus | AskedFocus,
  ids: readonly string[],
  situation: readonly string[],
  parts: EngineParts,
): { recommended?: string } {
  if (focus !== 'which' || ids.length < 2) return {};
  const among = new Set(ids);
  const matches = parts.symptoms
    .match(toTerms(situation, parts.lexicon), 40, (id) => (among.has(id) ? 1 : 0))
    .filter((m) => among.has(m.id) && m.score > 0);
  const [first, second] = matches;
  if (!first || first.score < SYMPTOM_THRESHOLD / 2 || (second && first.score < second.score * RECOMMEND_MARGIN))
    return {};
  return { recommended: first.id };
}

/** "Which one for …?" about codes already chosen (the MCP compare tool): the entry the situation points to, if any. */
export function recommendFor(ids: readonly string[], situation: string, parts: EngineParts): string | undefined {
  return recommendation('which', ids, readMessage(situation, parts.table, parts.lexicon).texts, parts).recommended;
}

/** The number as it stands in the message, with an enhanced mail status after it: "554 5.7.1". */
function numberAsWritten(lower: string, m: CodeMention): string {
  const enhanced = /^[\s:-]*([245]\.\d{1,3}\.\d{1,3})/.exec(lower.slice(m.end, m.end + 16));
  return enhanced ? `${m.digits} ${enhanced[1]}` : m.digits;
}

function bestMention(list: CodeMention[]): CodeMention {
  return list.reduce((best, m) => (m.score > best.score ? m : best));
}

function inside(m: CodeMention, span: { start: number; end: number } | null): boolean {
  return span !== null && m.start >= span.start && m.end <= span.end;
}

function distinct<T>(list: T[]): T[] {
  return [...new Set(list)];
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * The meaning of a number for this message: the vendor named in it, else the registry meaning, else the most common.
 */
export function resolveMeaning(table: StatusTable, code: number, vendors: readonly string[]): string {
  const meanings = table.meaningsOf(code);
  const byVendor = meanings.find((e) => e.vendor && vendors.includes(e.vendor));
  return (byVendor ?? meanings[0])?.id ?? String(code);
}

function otherMeanings(table: StatusTable, code: number, chosen: string): Candidate[] {
  return table
    .meaningsOf(code)
    .filter((e) => e.id !== chosen)
    .map((e) => ({ id: e.id, code: e.code, score: 0.6, via: 'code' as const }));
}

function candidateFor(table: StatusTable, id: string, score: number, via: Candidate['via']): Candidate {
  return { id, code: table.entry(id)?.code ?? Number.parseInt(id, 10), score: round(score), via };
}
