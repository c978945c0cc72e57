/**
 * What a message is read against: what the conversation was about just before it. The bot keeps it between turns
 * (src/conversation/); the engine reads each message with it and stays stateless. A message with no conversation
 * (the CLI, the REST API) is read with NO_CONTEXT.
 */
import type { Focus, Side } from './conversation-lexicon';
import type { StatusClass } from './status-table';

export interface ConversationContext {
  /** Entry ids of the code(s) the last answer was about, most relevant first; two or more after a comparison. */
  ids: readonly string[];
  /** The network error the last answer was about ("connection-refused"), when its subject was one. */
  networkError?: string;
  /** The class the last answer was about ("5xx" after "explain 5xx"), when its subject was one. */
  class?: StatusClass;
  /** The provider's error the last answer led with ("s3-slowdown"), with its status in `ids`. */
  providerError?: string;
  /** The side of the API the user said they are on, earlier in the conversation. */
  side?: Side;
  /** The part of the answer the last turn asked for ("which" after "which one?"), when not the overview. */
  focus?: Focus;
  /** Of several ids, the one the last follow-up was about ("the second one"): the next follow-up's default. */
  about?: string;
}

export const NO_CONTEXT: ConversationContext = Object.freeze({ ids: Object.freeze([]) });

export function hasSubject(context: ConversationContext): boolean {
  return context.ids.length > 0 || context.networkError !== undefined || context.class !== undefined;
}

/** A stable key for caching an understanding per text and context. */
export function contextKey(context: ConversationContext): string {
  return hasSubject(context) || context.side
    ? `${context.ids.join(',')}|${context.networkError ?? ''}|${context.class ?? ''}|${context.providerError ?? ''}|` +
        `${context.side ?? ''}|${context.focus ?? ''}|${context.about ?? ''}`
    : '';
}
