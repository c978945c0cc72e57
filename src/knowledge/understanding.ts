/**
 * What the engine understood of one message: the output of `understand()`, the input of `composeAnswer()`.
 * Plain data, safe to log and to return from the REST API.
 */
import type { StatusClass } from './status-table';

export const INTENTS = ['lookup', 'compare', 'class', 'unknown_code', 'network_error', 'triage', 'greeting', 'none'] as const;
export type Intent = (typeof INTENTS)[number];

/** How a candidate was found, strongest first. */
export type MatchKind = 'code' | 'name' | 'corrected-name' | 'symptom' | 'log';

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
  /** Codes, best first (for triage: most frequent first). Empty for greeting, none, unknown_code and network_error. */
  codes: number[];
  /** Entry ids matching `codes` where the table has them (vendor meanings resolved by context). */
  ids: string[];
  /** The class asked about ("5xx"), or the class of the best code, or null. */
  class: StatusClass | null;
  /** For unknown_code: the number asked about. */
  code: number | null;
  /** For network_error: the id of the failure in data/network-errors.json ("connection-refused"). */
  networkError?: string;
  /** 0–1: how sure the engine is of `intent` and the first code. */
  confidence: number;
  /** Other readings worth offering ("Did you mean …"), best first. */
  alternatives: Candidate[];
  /** Vendors named or implied in the message ("cloudflare", "nginx"). */
  vendors: string[];
  /** For triage: every status found in the pasted lines, counted, most frequent first. */
  counts: TriageCount[];
  /** True when the message was longer than MAX_MESSAGE_LENGTH and only its start was read. */
  truncated: boolean;
  /** How the first code was found. */
  via: MatchKind | null;
}
