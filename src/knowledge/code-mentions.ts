/**
 * Finds the numbers in a message that are HTTP status codes, and only those. A number the table knows is a status
 * by default, whatever words surround it ("lookup 410", "410 docs", "ELI5 410"); evidence against it removes it:
 * units and money ("503 ms", "$404"), identifiers ("bus 503", "order #404"), counts ("200 grapes"), ports, versions,
 * times, and another world's numbers ("smtp 554 5.7.1", "exit status 143", "MSI error 1603"). A number the table does
 * not know needs evidence for it ("http 299", "status 471", a short question about it). Each candidate gets a score
 * from its surroundings; the caller decides with a threshold. Pure and linear in the message length.
 */
import type { Lexicon } from './lexicon';
import type { Message } from './message';
import { looksLikeLogLine } from './message-signals';
import type { NumberKind, NumberKinds } from './number-kinds';
import type { StatusTable } from './status-table';
import { stem, type Word } from './text';

export interface CodeMention {
  code: number;
  /** The digits as written ("0404" is never a code; "404" is). */
  digits: string;
  start: number;
  end: number;
  /** Zero-based line of the message the number is on. */
  line: number;
  score: number;
  /**
   * Set when the number sits where only a status can be: a status line, a JSON status field,
   * or before its reason phrase.
   */
  strong: boolean;
  /** Set when the words around it say the number is something else: an SMTP reply, an exit status. */
  otherKind?: NumberKind;
  /**
   * Set when that world is named right before the number or by its shape ("SIP/2.0 180", "smtp 554"), not only near it.
   */
  otherKindFirm?: true;
  /** Set when something says the number belongs elsewhere than HTTP: a room, a price, a count of things, a kind. */
  elsewhere?: true;
  /** Set when a unit or a count follows it ("503 ms", "200 users"). */
  measured?: true;
  /** Set when it is what a test or the user expected, not what came back: "expected 200 but got 503". */
  expected?: true;
}

/** Says whether the reason phrase (or an alias) of `code` starts with the given words. */
export type ReasonPhraseCheck = (code: number, followingWords: readonly string[]) => boolean;

/**
 * A known code scores enough to count before any context, more in a message about HTTP at all ("api", "curl"); a
 * number that is no code needs context to count ("code 298", "error 601").
 */
const BASE_KNOWN = 1.5;
const BASE_UNKNOWN_IN_RANGE = 0.5;
const BASE_OUT_OF_RANGE = -2;
const DOMAIN_BONUS = 1;
export const MENTION_THRESHOLD_KNOWN = 1.5;
export const MENTION_THRESHOLD_UNKNOWN = 2.5;
export const MENTION_THRESHOLD_OUT_OF_RANGE = 0.5;
/** "area code 415", "promo code 200": a code, but not an HTTP one. */
const OTHER_KINDS_OF_CODE = new Set([
  'area',
  'zip',
  'postal',
  'post',
  'country',
  'dialing',
  'dialling',
  'promo',
  'discount',
  'coupon',
  'voucher',
  'source',
  'tax',
  'airport',
  'bank',
  'sort',
  'dress',
  'exit',
]);

const STRONG_BEFORE = new Set(['http', 'https', 'status', 'statuscode', 'code', 'error', 'err', 'httperror']);
const STRONG_AFTER = new Set(['error', 'errors', 'status', 'response', 'code', 'page']);

// Key-value forms: "status": 429, status=404, statusCode: 500, http_code=000, "code": 401.
const STATUS_KEY_BEFORE = new RegExp(
  String.raw`(?:status(?:[_-]?code)?|response[_-]?code|code|error|sc-status|elb_status_code|target_status_code)` +
    String.raw`["']?\s*[:=]\s*["']?$`,
);
// Status lines and access logs: "HTTP/1.1 503", "< HTTP/2 404", `"GET / HTTP/1.1" 502`.
const STATUS_LINE_BEFORE = /http\/\d(?:\.\d)?["']?\s+$/;
// Squid's access log joins its result code and the status: "TCP_DENIED/407", "TCP_MISS/200", "NONE_NONE/400".
const SQUID_RESULT = /(?:^|[\s"])(?:tcp|udp|none|tag)_[a-z_]+\/$/;
const LETTER = /\p{L}/u;
// A header line: the number is a header's value ("content-length: 500"), not a status, unless the header is one.
const HEADER_LINE = /^\s*[<>]?\s*([a-z][a-z0-9-]*):\s*$/;
const STATUS_KEY_NAME = /status|code|error|^http$|^response$/;
const ARITHMETIC = /[+*=×÷]/;
const DIGIT = /\d/;

/** Enough for the status a test got ("got 503", "status 503") to come before the one it expected. */
const EXPECTED_PENALTY = 2;
// chai's "expected 500 to equal 200" names what came back first: "expected" marks an expectation only when "but" or
// "got" follows it.
const EXPECTED_BEFORE = /\bexpected:?\s*(?:status(?: code)?:?\s*)?["'(]?$/;
const GOT_AFTER = /^[^\n]*?\b(?:but|got|received|actual|instead)\b/;
const WANTED_BEFORE =
  /(?:\bto (?:equal|be|have status|have http status)|\btobe|\btoequal|\bshould (?:be|return))[\s(:"']*$/;
/**
 * k6 prints each check by its name after a mark: "✗ status is 200" is a check that failed (a smoke test's
 * "✗ GET /api -> 500" is what came back).
 */
const CHECK_BEFORE =
  /[✓✔✗✘]\s+(?:http\s+|response\s+)?(?:status(?:\s*code)?|code)\s+(?:is|was|==|equals?|should be)\s*$/;

/** "returns 404 instead of 200": after what came back, the number "instead of" which is the one expected. */
const INSTEAD_BEFORE = /\b(?:instead of|rather than|and not|not)\s+(?:(?:a|an|the|plain|http|status|code)\s+)*$/;

function isExpectation(lower: string, textBefore: string, end: number, cameBackBefore: () => boolean): boolean {
  return (
    WANTED_BEFORE.test(textBefore) ||
    (EXPECTED_BEFORE.test(textBefore) && GOT_AFTER.test(lower.slice(end, end + 80))) ||
    CHECK_BEFORE.test(textBefore) ||
    (INSTEAD_BEFORE.test(textBefore) && cameBackBefore())
  );
}

/** Words and a closing parenthesis after "(<number>: ", as nginx logs an errno: "(104: Connection reset by peer)". */
const ERRNO_TEXT = /^[a-z][a-z ]+\)/;

/** What the reader needs beyond the message: the vocabulary and the table, built once per engine. */
export interface MentionVocabulary {
  lexicon: Lexicon;
  isKnown: (code: number) => boolean;
  reasonPhraseFollows: ReasonPhraseCheck;
  kinds: NumberKinds;
  /** Stems of the words that ask about a thing ("info", "docs", "eli5"): next to a number they make it the topic. */
  askWords: ReadonlySet<string>;
  /** Words the table uses anywhere: a plural after a number that is none of them is a count ("200 grapes"). */
  isTableWord: (word: string) => boolean;
  /** A slip for a word we know ("dose" for "does"): no word of another world. */
  isMisspelt: (word: string) => boolean;
  /** A word that names a vendor ("activesync", "cloudflare"): the web's world, like "api" or "curl". */
  isVendorWord: (word: string) => boolean;
}

/** "npm ERR! code E404": npm prefixes the registry's HTTP status with an E. */
const PACKAGE_MANAGER_CODE = /^e[1-5]\d\d$/;

/** How many words from the number a word of another world may stand, in a message about the web. */
const NEAR_KIND_WORDS = 4;

/** The score of a number the words around it place in another world: below every threshold. */
const RULED_OUT = -1;
/** A message of at most this many words, all of them asking about the number, makes the number its topic. */
const TOPIC_MESSAGE_WORDS = 6;

/** `inConversation`: the message continues a conversation about HTTP, so a number in it is likelier a code. */
export function findCodeMentions(
  message: Message,
  vocabulary: MentionVocabulary,
  inConversation = false,
): CodeMention[] {
  const reader = new NumberReader(message, vocabulary, inConversation);
  const mentions: CodeMention[] = [];
  message.words.forEach((word, index) => {
    const first = word.text.charCodeAt(0);
    if (first === 101 && message.texts[index - 1] === 'code' && PACKAGE_MANAGER_CODE.test(word.text))
      mentions.push(reader.prefixed(index));
    if (first < 48 || first > 57) return; // not a digit: no number
    const mention = reader.read(index);
    if (mention) mentions.push(mention);
  });
  reader.shareFirmKinds(mentions);
  penaliseByteCounts(mentions, message.lower, vocabulary.isKnown);
  setAsideInterimResponses(mentions);
  supportListedCodes(mentions, message.lower, vocabulary.isKnown);
  measureAlike(mentions, message.lower);
  return mentions;
}

/** The reading of every number of one message: what it needs from the whole message, found once. */
class NumberReader {
  private readonly lexicon: Lexicon;
  private readonly inDomain: boolean;
  private readonly isTopic: boolean;
  private kindWords?: ReturnType<NumberKinds['wordsIn']>;
  private webWordsAt?: number[];

  constructor(
    private readonly message: Message,
    private readonly vocabulary: MentionVocabulary,
    private readonly inConversation: boolean,
  ) {
    this.lexicon = vocabulary.lexicon;
    this.inDomain = message.aboutTheWeb;
    const { words } = message;
    // "what is 299", "455 - is that a thing?", "lookup 410": a short message about one number and nothing else.
    this.isTopic =
      words.length <= TOPIC_MESSAGE_WORDS &&
      words.filter((w) => /^\d/.test(w.text)).length === 1 &&
      words.every(
        (w, i) =>
          /^\d/.test(w.text) ||
          vocabulary.askWords.has(message.stemAt(i)) ||
          this.lexicon.stopWords.has(w.text.replace(/'/g, '')),
      );
  }

  /** npm's "code E401": the registry's HTTP status, prefixed with an E. */
  prefixed(index: number): CodeMention {
    const word = this.message.words[index] as Word;
    const digits = word.text.slice(1);
    return {
      code: Number(digits),
      digits,
      start: word.start + 1,
      end: word.end,
      line: this.message.lines[index] as number,
      score: 5,
      strong: true,
    };
  }

  /** The number at word `index` with its score, or null where it cannot be a status at all (a decimal, a port). */
  read(index: number): CodeMention | null {
    const { lower, words } = this.message;
    const { lexicon, isKnown, reasonPhraseFollows } = this.vocabulary;
    const word = words[index] as Word;
    const split = digitsAndSuffix(word.text);
    if (!split) return null;
    const { digits, suffix } = split;
    const code = Number(digits);
    // "000" is what curl prints when no response came back: no status, but worth explaining. Other leading zeros
    // ("0404", "09:30") are never codes.
    if (digits.length > 1 && digits.startsWith('0') && digits !== '000') return null;
    const start = word.start;
    const end = start + digits.length;
    if (suffix && suffix !== 's') return null; // "500ms", "2xx" (a class, found elsewhere), "v2", "4k"
    const before = lower[start - 1] ?? ' ';
    const before2 = lower[start - 2] ?? ' ';
    const after = lower[word.end] ?? ' ';
    const after2 = lower[word.end + 1] ?? ' ';
    // IIS writes a sub-status after the status: "401.2", "404.3", "500.19".
    const subStatus =
      after === '.' &&
      SUB_STATUS.test(lower.slice(word.end, word.end + 6)) &&
      isKnown(code) &&
      !(before === '.' && DIGIT.test(before2));
    const squid = before === '/' && SQUID_RESULT.test(lower.slice(Math.max(0, start - 40), start));
    if (!subStatus && !squid && isPartOfOtherNumber(before, before2, after, after2)) return null;

    const line = this.message.lines[index] as number;
    const lineStart = lineStartOf(lower, start);
    const textBefore = lower.slice(Math.max(lineStart, start - 40), start);

    if (before === ':' && LETTER.test(before2) && !STATUS_KEY_BEFORE.test(textBefore)) return null; // localhost:3000
    const header = HEADER_LINE.exec(lower.slice(lineStart, start));
    const headerName = header?.[1];
    const isHeader = headerName !== undefined && (headerName.includes('-') || lexicon.headerNames.has(headerName));
    if (isHeader && !STATUS_KEY_NAME.test(headerName)) return null; // "< content-length: 500", "Retry-After: 120"
    if (before === ':' && (before2 === ']' || before2 === ')')) return null; // [::1]:8080
    // nginx's "(111: Connection refused)": an errno and the system's message, unless that is the code's reason phrase.
    if (
      before === '(' &&
      after === ':' &&
      after2 === ' ' &&
      ERRNO_TEXT.test(lower.slice(word.end + 2, word.end + 40))
    ) {
      if (!reasonPhraseFollows(code, this.textsFrom(index + 1, 5))) return null;
    }

    const known = isKnown(code);
    const inRange = code >= 100 && code <= 599;
    const e: Evidence = {
      score:
        (known ? BASE_KNOWN : inRange ? BASE_UNKNOWN_IN_RANGE : BASE_OUT_OF_RANGE) +
        (this.inDomain || this.inConversation ? DOMAIN_BONUS : 0),
      strong: false,
      elsewhere: false,
      measured: false,
    };

    // Where only HTTP puts a status: its status line, a JSON or key=value status field.
    const httpShape = squid || STATUS_LINE_BEFORE.test(textBefore) || STATUS_KEY_BEFORE.test(textBefore);
    if (httpShape) {
      e.score += 4;
      e.strong = true;
    }
    if (before === '#' || before === '$' || before === '€' || before === '£') against(e, 4);
    // What a test wanted, not what came back: "expected 200 but got 503", "to equal 200", k6's "✗ status is 200".
    const expected = isExpectation(lower, textBefore, word.end, () => this.cameBackBefore(index, line));
    if (expected) e.score -= EXPECTED_PENALTY;
    if (after === '%') against(e, 4);
    if (before === '(' && after === ')') e.score += 1;
    // "500 + 200 = 700"
    if (!e.strong && (isArithmetic(lower, start, -1) || isArithmetic(lower, word.end, 1))) e.score -= 4;
    // "500s" are statuses; "45s" are seconds
    if (suffix === 's' && known) e.score += 1;
    else if (suffix === 's' && !inRange) measureOrCount(e, true);
    else if (suffix === 's') e.score -= 4;
    // "404 divided by 2", "200 plus 300": an operator with a number on its other side.
    if (!e.strong && (this.operatorAt(index + 1, 1, line) || this.operatorAt(index - 1, -1, line))) e.score -= 4;

    // Context words are words a person wrote around the number, not segments of a path or an identifier
    // ("/api/v1/orders 401" says nothing about orders).
    const prev = this.freeText(index - 1, line);
    const prevPrev = this.freeText(index - 2, line);
    const next = this.freeText(index + 1, line);
    // A unit may be glued to what follows it: "520 MB/s", "200 req/s".
    const unitAfter =
      this.onLine(index + 1, line) && lower[(words[index + 1] as Word).start - 1] === ' '
        ? words[index + 1]?.text
        : undefined;
    const afterAdjective =
      next !== undefined && lexicon.countAdjectives.has(next) && this.onLine(index + 2, line)
        ? words[index + 2]?.text
        : undefined;
    // "405 v 501": "v" then another number is "versus", not volts.
    const versus = (next === 'v' || next === 'v.') && /^\d{3}$/.test(words[index + 2]?.text ?? '');
    const nextIsCount =
      !versus &&
      (this.isCount(next) ||
        next === 'of' ||
        this.isCount(afterAdjective) ||
        (unitAfter !== undefined && lexicon.notStatusAfter.has(unitAfter)));
    // "503 ms", "404 MB" measure something, often within an HTTP story; "200 users", "503 items" count other things.
    const unit = next ?? unitAfter ?? '';
    // "100 calls a minute", "500 requests per second": a rate, which measures as a time does.
    const perTime =
      PER.has(this.freeText(index + 2, line) ?? '') && lexicon.measureUnits.has(this.freeText(index + 3, line) ?? '');
    if (next === undefined && nextIsCount) measureOrCount(e, lexicon.measureUnits.has(unit)); // "520 MB/s"
    // "the 101 freeway", "levi's 501 jeans": in a sentence about something else, a word the web never uses right
    // beside the number names what the number belongs to. Not in a conversation about HTTP, where numbers are codes.
    if (
      !this.inDomain &&
      !this.inConversation &&
      words.length >= 4 &&
      ((prev !== undefined && isForeignWord(prev, this.vocabulary)) ||
        (next !== undefined && isForeignWord(next, this.vocabulary)))
    )
      against(e, 2);
    // "Expect: 100-continue", "401k-plan": the number is part of a token, unless a status word follows it ("404-page").
    if (after === '-' && LETTER.test(after2)) {
      const joined = words[index + 1]?.text;
      if (joined === undefined || !(STRONG_AFTER.has(joined) || lexicon.statusAfter.has(joined))) e.score -= 4;
    }

    if (prev !== undefined) {
      if ((prev === 'about' || prev === 'with') && (prevPrev === 'what' || prevPrev === 'how')) e.score += 1.5;
      else if (prev === 'is' && (prevPrev === 'what' || prevPrev === 'whats'))
        e.score += 2.5; // "what is 471"
      // "xhr status is 0", "the error code was 1000": the status word, then "is" or "was".
      else if ((prev === 'is' || prev === 'was') && prevPrev !== undefined && STRONG_BEFORE.has(prevPrev)) e.score += 3;
      else if (prev === 'code' && prevPrev !== undefined && OTHER_KINDS_OF_CODE.has(prevPrev)) against(e, 5);
      else if (
        lexicon.mathWords.has(prev) ||
        (prev === 'of' && prevPrev !== undefined && lexicon.mathWords.has(prevPrev))
      )
        against(e, 3); // "square root of 429"
      else if (STRONG_BEFORE.has(prev)) e.score += 3;
      // "405 v 501": a "v" between two numbers is "versus", not a version.
      else if (prev === 'v' && prevPrev !== undefined && /^\d{3}$/.test(prevPrev)) e.score += 1.5;
      else if (lexicon.notStatusBefore.has(prev) || lexicon.notStatusBefore.has(`${prevPrev} ${prev}`))
        against(e, 3); // "port 8080", "listen on 443"
      // "flight LH 429", "room B 404": an identifier's head, then a short code of letters, then the number.
      else if (prevPrev !== undefined && lexicon.notStatusBefore.has(prevPrev) && isShortCode(prev, lexicon))
        against(e, 3);
      // "the final score was 301": the head, then "is" or "was" ("the page is 404" is about the web: a status).
      else if (
        prevPrev !== undefined &&
        lexicon.notStatusBefore.has(prevPrev) &&
        !lexicon.domainWords.has(prevPrev) &&
        LINKING.has(prev)
      )
        against(e, 3);
      // "my flight is BA 303": the same, with "is" between the head and its code.
      else if (
        prevPrev !== undefined &&
        LINKING.has(prevPrev) &&
        isShortCode(prev, lexicon) &&
        lexicon.notStatusBefore.has(this.freeText(index - 3, line) ?? '')
      )
        against(e, 3);
      // "about 404 rows", "over 500 users": an amount; "about 410" alone asks about the code.
      else if (lexicon.approximators.has(prev) || lexicon.approximators.has(`${prevPrev} ${prev}`))
        e.score -= nextIsCount ? 3 : 0;
      // "3000 or 8080", "node 20 or 18": a weak cue ("or", "the", "got") lifts only a number in HTTP's range, or of
      // three digits in a message about the web ("i got a 777 from the api": a status no standard has).
      else if (lexicon.statusBefore.has(prev) && (inRange || (digits.length === 3 && this.inDomain))) e.score += 1.5;
    }
    if (next !== undefined) {
      if (reasonPhraseFollows(code, this.textsFrom(index + 1, 6, line))) {
        e.score += 4;
        e.strong = true;
      } else if (STRONG_AFTER.has(next)) e.score += 2.5;
      else if (nextIsCount) measureOrCount(e, perTime || lexicon.measureUnits.has(unit));
      else if (lexicon.statusAfter.has(next) && inRange) e.score += 1;
    }
    // curl's %{http_code} prints 000 when no response came back: in a message about the web, that is what it is.
    if (digits === '000' && (this.inDomain || this.inConversation)) e.score += 2.5;
    // A message about one number makes it the topic, unless it has fewer than three digits ("why 29" after a 504 asks
    // about its 29 seconds); "000" is curl's.
    const statusShaped = digits.length === 3;
    if (words.length === 1 && statusShaped) e.score += 3;
    else if (this.isTopic && statusShaped) e.score += 2;

    // Another world's number: named right before it ("exit status 143", "smtp 554") or shaped like one ("554 5.7.1")
    // always; a word of that world on its line ("postfix", "msiexec") when no web word is nearer and nothing but
    // HTTP's own status line could hold it. A reason phrase does not decide: SIP borrowed HTTP's ("503 Service
    // Unavailable" on a SIP trunk).
    let otherKind: NumberKind | undefined;
    // On HTTP's own status line a word of another world decides nothing: its words are not looked for.
    const kind = this.vocabulary.kinds.kindOf(
      this.message,
      index,
      textBefore,
      lower.slice(word.end, word.end + 24),
      () => (httpShape ? [] : this.nearKinds()),
      code,
    );
    // In a message about the web, such a word counts only close by: "explain what a 307 is? our SSO flow bounces …".
    const nearEnough = kind?.strength === 'near' && (kind.distance <= NEAR_KIND_WORDS || !this.inDomain);
    if (
      kind?.strength === 'before' ||
      (kind && nearEnough && !httpShape && !this.webWordNearer(index, kind.distance))
    ) {
      e.score = Math.min(e.score, RULED_OUT);
      e.elsewhere = true;
      e.strong = false;
      otherKind = kind.kind;
    }
    const firm = otherKind && kind?.strength === 'before' ? { otherKindFirm: true as const } : {};
    return {
      code,
      digits,
      start,
      end,
      line,
      score: e.score,
      strong: e.strong,
      ...(e.elsewhere ? { elsewhere: true } : {}),
      ...(e.measured ? { measured: true } : {}),
      ...(expected ? { expected: true as const } : {}),
      ...(otherKind ? { otherKind } : {}),
      ...firm,
    };
  }

  /**
   * "SIP/2.0 180 Ringing, then 487 Request Terminated": once a number on a line is firmly another world's, the other
   * numbers of that line in its range are too, unless a web word stands near them ("… and the api returned 502").
   */
  shareFirmKinds(mentions: CodeMention[]): void {
    const firm = mentions.filter((m) => m.otherKindFirm);
    if (!firm.length) return;
    const indexOf = new Map(this.message.words.map((w, i) => [w.start, i]));
    for (const m of mentions) {
      const model = firm.find((f) => f.line === m.line && f !== m);
      const range = model?.otherKind?.range;
      if (!model?.otherKind || m.otherKind || m.strong || (range && (m.code < range[0] || m.code > range[1]))) continue;
      if (this.webWordNearer(indexOf.get(m.start) ?? -1, NEAR_KIND_WORDS)) continue;
      m.score = Math.min(m.score, RULED_OUT);
      m.elsewhere = true;
      m.otherKind = model.otherKind;
    }
  }

  private onLine(i: number, line: number): boolean {
    return i >= 0 && i < this.message.words.length && this.message.lines[i] === line;
  }

  /** The text of word i, when a person wrote it on the same line: not a segment of a path or an identifier. */
  private freeText(i: number, line: number): string | undefined {
    if (!this.onLine(i, line)) return undefined;
    const { lower, words } = this.message;
    const w = words[i] as Word;
    return GLUED_BEFORE.includes(lower[w.start - 1] ?? ' ') || GLUED_AFTER.includes(lower[w.end] ?? ' ')
      ? undefined
      : w.text;
  }

  /** Up to `count` word texts from word `from` on, on `line` when given. */
  private textsFrom(from: number, count: number, line?: number): string[] {
    const out: string[] = [];
    for (let i = from; i < from + count && i < this.message.words.length; i++) {
      if (line !== undefined && this.message.lines[i] !== line) break;
      out.push((this.message.words[i] as Word).text);
    }
    return out;
  }

  private operatorAt(i: number, step: 1 | -1, line: number): boolean {
    const { words } = this.message;
    if (!this.onLine(i, line)) return false;
    const w = (words[i] as Word).text;
    const isNumber = (j: number) => this.onLine(j, line) && /^\d/.test((words[j] as Word).text);
    const two = step === 1 ? `${w} ${words[i + 1]?.text ?? ''}` : `${words[i - 1]?.text ?? ''} ${w}`;
    if (this.lexicon.operators.has(two)) return isNumber(i + 2 * step);
    return this.lexicon.operators.has(w) && isNumber(i + step);
  }

  /**
   * A word saying what came back ("got", "the api returns") and then a number, earlier on the line than word `index`;
   * not a choice or a supposition a few words before it ("we return 410 instead of 404", "should it send 400 rather
   * than 422", "if the api returns 500 instead of 404").
   */
  private cameBackBefore(index: number, line: number): boolean {
    const { texts } = this.message;
    const { receivedWords, cameBackWords, choosingWords } = this.lexicon;
    let numberSeen = false;
    for (let i = index - 1; i >= 0 && this.onLine(i, line); i--) {
      const text = texts[i] as string;
      if (/^\d/.test(text)) numberSeen = true;
      else if (numberSeen && receivedWords.has(text)) return true;
      else if (numberSeen && cameBackWords.has(text))
        return ![1, 2, 3].some((back) => this.onLine(i - back, line) && choosingWords.has(texts[i - back] as string));
    }
    return false;
  }

  private isCount(w: string | undefined): boolean {
    return w !== undefined && (this.lexicon.notStatusAfter.has(w) || isCountNoun(w, this.vocabulary));
  }

  private nearKinds(): ReturnType<NumberKinds['wordsIn']> {
    return (this.kindWords ??= this.vocabulary.kinds.wordsIn(this.message));
  }

  /** True when a web word ("api", "curl", "nginx") or a vendor's word on the number's line is at least as near. */
  private webWordNearer(index: number, distance: number): boolean {
    const { words, lines } = this.message;
    this.webWordsAt ??= words.flatMap((w, i) => (this.isWebWord(w.text) ? [i] : []));
    return this.webWordsAt.some((i) => lines[i] === lines[index] && Math.abs(i - index) <= distance);
  }

  private isWebWord(w: string): boolean {
    return isWebWord(w, this.vocabulary);
  }
}

/** A word only the web uses ("api", "curl", "nginx"), or a vendor's word. */
export function isWebWord(w: string, vocabulary: Pick<MentionVocabulary, 'lexicon' | 'isVendorWord'>): boolean {
  const { webWords } = vocabulary.lexicon;
  return webWords.has(w) || vocabulary.isVendorWord(w) || (w.endsWith('s') && webWords.has(w.slice(0, -1)));
}

/** What the words around one number say so far. */
interface Evidence {
  score: number;
  strong: boolean;
  /** Something says the number belongs elsewhere than HTTP: a room, a price, a count of things, a kind. */
  elsewhere: boolean;
  /** A unit or a count follows it: "503 ms", "200 users". */
  measured: boolean;
}

function against(e: Evidence, by: number): void {
  e.score -= by;
  e.elsewhere = true;
}

/** A measure ("503 ms", "404 MB") is often part of an HTTP story; a count ("200 users") is of other things. */
function measureOrCount(e: Evidence, measure: boolean): void {
  e.measured = true;
  if (measure) e.score -= 4;
  else against(e, 4);
}

const GLUED_BEFORE = '/._=-@';
const GLUED_AFTER = '/_=@';

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** "200 grapes", "404 reasons": a plural noun after a number that the table never uses counts things. */
function isCountNoun(word: string, vocabulary: MentionVocabulary): boolean {
  return (
    // A word of letters: "12ms" after a status is its timing, no plural.
    /^[a-z]{2,}[^su]s$/.test(word) &&
    !vocabulary.isTableWord(word) &&
    !vocabulary.askWords.has(stem(word)) &&
    !vocabulary.lexicon.domainWords.has(word)
  );
}

/** Letters that may be an identifier's code ("LH", "BA", "B"), not a word of the sentence. */
function isShortCode(word: string, lexicon: Lexicon): boolean {
  return /^[a-z]{1,3}$/.test(word) && !lexicon.stopWords.has(word);
}

const LINKING = new Set(['is', 'was', 'number', 'no', 'nr']);
const PER = new Set(['a', 'an', 'per', 'every', 'each']);

/** A word no table entry, no lexicon and no question about a code uses: "freeway", "fahrenheit", "jeans". */
export function isForeignWord(word: string, vocabulary: MentionVocabulary): boolean {
  const w = word.replace(/'s$/, '').replace(/'/g, '');
  // Adverbs ("specifically", "exactly") say how, not what the number belongs to.
  return (
    /^[a-z]{4,}$/.test(w) &&
    !w.endsWith('ly') &&
    !vocabulary.isTableWord(w) &&
    !vocabulary.askWords.has(w) &&
    !vocabulary.lexicon.stopWords.has(w) &&
    !vocabulary.isMisspelt(w)
  );
}

/**
 * "took 504 seconds today vs 300 yesterday", "503 items instead of 500", "port 443 or 8443": a number set against a
 * measure, a count or an identifier is one of the same, though its unit or head is left unsaid.
 */
function measureAlike(mentions: CodeMention[], lower: string): void {
  for (let i = 1; i < mentions.length; i++) {
    const a = mentions[i - 1] as CodeMention;
    const b = mentions[i] as CodeMention;
    // "418 out of 500": a score, both amounts.
    if (a.line === b.line && !a.strong && !b.strong && /^\s*out of\s*$/.test(lower.slice(a.end, b.start))) {
      for (const m of [a, b]) {
        m.score -= 4;
        m.elsewhere = true;
      }
      continue;
    }
    const marked = (m: CodeMention) => Boolean(m.measured || m.elsewhere);
    if (a.line !== b.line || marked(a) === marked(b) || a.strong || b.strong) continue;
    if (!ALIKE_BETWEEN.test(lower.slice(a.end, b.start))) continue;
    const [model, plain] = marked(a) ? [a, b] : [b, a];
    plain.score -= 4;
    if (model.measured) plain.measured = true;
    if (model.elsewhere) plain.elsewhere = true;
  }
}

/** What stands between two amounts compared: "vs", "instead of", "than", "to", "or" (a unit may follow the first). */
const ALIKE_BETWEEN = new RegExp(
  [
    String.raw`^\s*(?:[a-z]+\s+){0,3}?`,
    String.raw`(?:vs\.?|versus|instead of|rather than|than|compared (?:to|with)|to|or)`,
    String.raw`\s+(?:the |a |just |only )?$`,
  ].join(''),
);
const SUB_STATUS = /^\.\d{1,3}(?![\d.])/;

/** Codes listed together ("502, 503 and 504", "401 / 403 / 404") vouch for each other. */
function supportListedCodes(mentions: CodeMention[], lower: string, isKnown: (code: number) => boolean): void {
  for (let i = 1; i < mentions.length; i++) {
    const a = mentions[i - 1] as CodeMention;
    const b = mentions[i] as CodeMention;
    if (a.line !== b.line || !isKnown(a.code) || !isKnown(b.code)) continue;
    if (/^\s*(?:,|\/|&|\+|\bor\b|\band\b|\bvs?\.?|\bversus\b|,\s*(?:or|and)\b)\s*$/.test(lower.slice(a.end, b.start))) {
      a.score += 1.5;
      b.score += 1.5;
    }
  }
}

/** Interim responses that come before the final one of the same request (RFC 9110 §15.2), as curl -v prints them. */
const INTERIM = new Set([100, 102, 103]);

/**
 * "< HTTP/1.1 100 Continue" then "< HTTP/1.1 201 Created": one exchange whose answer is the final status; the interim
 * status before it is no second response.
 */
function setAsideInterimResponses(mentions: CodeMention[]): void {
  mentions.forEach((m, i) => {
    if (!m.strong || !INTERIM.has(m.code)) return;
    const next = mentions.slice(i + 1).find((n) => n.strong);
    if (next && next.line > m.line && next.code >= 200) {
      m.score = Math.min(m.score, RULED_OUT);
      m.strong = false;
    }
  });
}

/**
 * In logs the number right after the status is the response size: `"GET / HTTP/1.1" 502 194`, or haproxy's
 * `... 503 404 - -` where 404 is bytes. After a certain status, or after a known code on a log line, it is demoted.
 */
function penaliseByteCounts(mentions: CodeMention[], lower: string, isKnown: (code: number) => boolean): void {
  const lines = lower.split('\n');
  for (let i = 1; i < mentions.length; i++) {
    const prev = mentions[i - 1] as CodeMention;
    const cur = mentions[i] as CodeMention;
    if (prev.line !== cur.line || cur.strong) continue;
    if (!prev.strong && !(isKnown(prev.code) && looksLikeLogLine(lines[prev.line] ?? ''))) continue;
    if (/^\s+$/.test(lower.slice(prev.end, cur.start))) {
      cur.score -= 4;
      cur.strong = false;
    }
  }
}

/** A word of one to four digits and letters after them ("404", "500s", "500ms"), split; null for any other word. */
function digitsAndSuffix(text: string): { digits: string; suffix: string } | null {
  let i = 0;
  while (i < text.length && i <= 4 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (i === 0 || i > 4) return null;
  for (let j = i; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (!((c >= 97 && c <= 122) || c === 37)) return null; // a-z or %
  }
  return { digits: text.slice(0, i), suffix: text.slice(i) };
}

/** Decimals (3.12), times (09:30), dates (2025-04-27, 27/04), paths (/api/404/x), dimensions (1920x1080), ranges. */
function isPartOfOtherNumber(before: string, before2: string, after: string, after2: string): boolean {
  if ((before === '.' || before === ',') && DIGIT.test(before2)) return true;
  if ((after === '.' || after === ',') && DIGIT.test(after2)) return true;
  if (before === ':' && DIGIT.test(before2)) return true;
  if (after === ':' && DIGIT.test(after2)) return true;
  if (before === '/' || after === '/') return true;
  if (before === '-' && DIGIT.test(before2)) return true;
  if (after === '-' && DIGIT.test(after2)) return true;
  if (after === 'x' && DIGIT.test(after2)) return true;
  return false;
}

/** The nearest non-blank character before (direction -1) or after (+1) an offset. */
/** An operator beside the number with another number past it: "500 + 200", "= 700"; not "414 = ?", which asks. */
function isArithmetic(text: string, from: number, direction: 1 | -1): boolean {
  const at = nextNonBlank(text, from, direction);
  if (at < 0 || !ARITHMETIC.test(text[at] as string)) return false;
  const past = nextNonBlank(text, direction < 0 ? at : at + 1, direction);
  return past >= 0 && /[\d(]/.test(text[past] as string);
}

/** The index of the first character that is not a space or a tab from `from` in `direction`, or -1. */
function nextNonBlank(text: string, from: number, direction: 1 | -1): number {
  for (let i = direction < 0 ? from - 1 : from; i >= 0 && i < text.length; i += direction) {
    if (text[i] !== ' ' && text[i] !== '\t') return i;
  }
  return -1;
}

/** The mentions understand() reads as status codes: a known code needs less evidence than a number the table lacks. */
export function acceptsMention(table: Pick<StatusTable, 'has'>): (m: CodeMention) => boolean {
  return (m) => {
    if (table.has(m.code)) return m.score >= MENTION_THRESHOLD_KNOWN;
    const inRange = m.code >= 100 && m.code <= 599;
    return m.score >= (inRange ? MENTION_THRESHOLD_UNKNOWN : MENTION_THRESHOLD_OUT_OF_RANGE);
  };
}
