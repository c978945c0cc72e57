/**
 * What the engine understood of one message: the output of `understand()`, the input of `composeAnswer()`.
 * Plain data, safe to log and to return from the REST API.
 */
import type { Act, Focus, Side } from './conversation-lexicon';
import type { PastedFact } from './pasted-facts';
import type { SecretKind } from './secrets';
import type { StatusClass } from './status-table';

/**
 * `follow_up` is a question about what the conversation was just about ("how do I fix it?"); it appears only where
 * there is a conversation. Without one, the same message is `none` with `clarify: "referent"`.
 */
export const INTENTS = [
  'lookup',
  'compare',
  'class',
  'unknown_code',
  'network_error',
  'triage',
  'follow_up',
  'greeting',
  'none',
] as const;
export type Intent = (typeof INTENTS)[number];

/** How a candidate was found, strongest first. */
export type MatchKind = 'code' | 'name' | 'corrected-name' | 'symptom' | 'log';

/** Below this confidence the bot asks ("did you mean …?") instead of answering. */
export const ASK_BELOW = 0.6;

/** Too unsure to answer outright: the bot asks "did you mean …?" first, and the answer leads with the rivals. */
export function isUnsure(u: Pick<Understanding, 'confidence'>): boolean {
  return u.confidence < ASK_BELOW;
}

/** What the bot asks when it cannot place a message: for the code or error text, or what "it" refers to. */
export type Clarify = 'codeOrError' | 'referent';

export interface Candidate {
  /** Entry id: "502", "499-nginx". */
  id: string;
  code: number;
  score: number;
  via: MatchKind;
}

export interface TriageCount {
  code: number;
  count: number;
  /** Entry id when the code is in the table. */
  id?: string;
}

export interface Understanding {
  intent: Intent;
  /** Codes, best first (for triage: most frequent first; for a follow-up: the codes it is about). */
  codes: number[];
  /** Entry ids matching `codes` where the table has them (vendor meanings resolved by context). */
  ids: string[];
  /** The class asked about ("5xx"), or the class of the best code, or null. */
  class: StatusClass | null;
  /** For unknown_code: the number asked about. */
  code: number | null;
  /** For network_error (and a follow-up on one): the id of the failure in data/network-errors.json. */
  networkError?: string;
  /**
   * For a lookup (and a follow-up on one): the provider's error named in the message ("s3-slowdown"),
   * whose status is `codes[0]`.
   */
  providerError?: string;
  /**
   * A provider's error the message may name, told beside the answer: for a lookup by number, one whose own status is
   * another ("code = Unimplemented" beside a proxy's 404); for a number outside HTTP's range, the page it may come
   * from ("Error 1020" alone: Cloudflare's, if a Cloudflare page showed it).
   */
  alsoNamed?: string;
  /** The part of the answer asked for: the overview, or the fix, the cause, the server's side … */
  focus: Focus;
  /** For compare with focus "which": the entry the message's situation points to, when it points to one. */
  recommended?: string;
  /** For greeting: what was said (hello, thanks, ok, bye …). */
  act?: Act;
  /** The side of the API the user is on, from this message or earlier in the conversation. */
  side?: Side;
  /** For none: a number that is something else ("554 5.7.1", a mail server's reply) and what it is. */
  otherWorld?: { text?: string; kind: string };
  /** For none: what to ask the user, when the message is about the web but could not be placed. */
  clarify?: Clarify;
  /** 0–1: how sure the engine is of `intent` and the first code. */
  confidence: number;
  /** Other readings worth offering ("Did you mean …"), best first; each has evidence in the message. */
  alternatives: Candidate[];
  /** Vendors named or implied in the message ("cloudflare", "nginx"). */
  vendors: string[];
  /** Other software named ("express", "kubernetes"): with the vendors, what picks the likely fix. */
  stacks?: string[];
  /** For triage: every status found in the pasted lines, counted, most frequent first. */
  counts: TriageCount[];
  /** True when the message was longer than MAX_MESSAGE_LENGTH and only its start was read. */
  truncated: boolean;
  /** How the first code was found. */
  via: MatchKind | null;
  /** Header values and bodies read from the paste (Retry-After, WWW-Authenticate, problem+json …); absent when none. */
  facts?: PastedFact[];
  /** Credentials the message holds (a bearer token, a password in a URL), by kind; absent when there are none. */
  secrets?: SecretKind[];
}

/** An Understanding with the fields given and nothing else found: no codes, no class, the overview, no match. */
export function understandingOf(fields: Partial<Understanding> & Pick<Understanding, 'intent'>): Understanding {
  return {
    codes: [],
    ids: [],
    class: null,
    code: null,
    focus: 'overview',
    confidence: 0,
    alternatives: [],
    vendors: [],
    counts: [],
    truncated: false,
    via: null,
    ...fields,
  };
}
