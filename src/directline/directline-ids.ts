/**
 * Identifiers on the self-hosted Direct Line: conversation ids, user ids and activity ids, and the checks for the
 * ones that arrive from outside (in a URL path or a token request body).
 */
import { randomBytes } from 'node:crypto';

/** A new unguessable conversation id (22 URL-safe characters). */
export function newConversationId(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * A new user id. The `dl_` prefix is Direct Line's convention for ids embedded in a token: the client libraries
 * refuse to set such an id themselves, so it can only come from us.
 */
export function newUserId(): string {
  return `dl_${randomBytes(12).toString('base64url')}`;
}

export const CONVERSATION_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** Letters, digits and a few separators: ids show up in logs, storage keys and activity JSON. */
export const USER_ID = /^[A-Za-z0-9_.:@-]{1,64}$/;

export function isConversationId(value: unknown): value is string {
  return typeof value === 'string' && CONVERSATION_ID.test(value);
}

export function isUserId(value: unknown): value is string {
  return typeof value === 'string' && USER_ID.test(value);
}

/** Direct Line's activity id: the conversation id, a bar and the zero-padded sequence number ("abc|0000007"). */
export function activityId(conversationId: string, sequence: number): string {
  return `${conversationId}|${String(sequence).padStart(7, '0')}`;
}
