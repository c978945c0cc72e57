/**
 * Activities between the Direct Line client and the bot, in both directions:
 * - what a client posts becomes the user's activity in the history (only the fields a client may set; `from` is the
 *   user the token speaks for, so nobody can post as someone else),
 * - that activity becomes the bot's incoming activity (with `deliveryMode: expectReplies`, so replies come back
 *   in-process instead of being sent to a channel),
 * - each reply becomes the bot's activity in the history (internal routing fields dropped; a drawn answer's card
 *   and text stay the shared, serialized-once JSON of prerendered-json.ts).
 */
import type { Activity } from 'botbuilder';
import { sharedFields } from '../bot/prerendered-json';
import { fixActivityDates } from '../server/activity-check';
import type { TokenClaims } from './directline-token';
import { SHARED_JSON, type ActivityToKeep } from './kept-activity';

export const CHANNEL_ID = 'directline';
export const BOT_ACCOUNT = { id: 'statusbot', name: 'StatusBot', role: 'bot' } as const;

type Json = Record<string, unknown>;

/**
 * Activity types a client may post. Everything else (conversationUpdate,
 * endOfConversation…) is the channel's to send.
 */
const CLIENT_TYPES = new Set(['message', 'event', 'invoke', 'typing']);
/** Reply types the client never sees: diagnostics, the invoke's HTTP answer, and pacing hints. */
const HIDDEN_REPLY_TYPES = new Set(['trace', 'invokeResponse', 'delay', 'typing']);
/** Routing fields of a reply that are the adapter's business, not the client's. */
const INTERNAL_FIELDS = [
  'serviceUrl',
  'recipient',
  'callerId',
  'deliveryMode',
  'relatesTo',
  'rawTimestamp',
  'rawLocalTimestamp',
  'rawExpiration',
];
/** Fields of a reply that the history sets itself (or drops): never taken from the drawn answer. */
const OWN_FIELDS = new Set([
  ...INTERNAL_FIELDS,
  'id',
  'type',
  'timestamp',
  'channelId',
  'conversation',
  'from',
  'replyToId',
]);

export type ClientActivityCheck = { ok: true; activity: Json & { type: string } } | { ok: false; detail: string };

/** The user's activity as it is kept and echoed: the client's fields that make sense, and ours for the rest. */
export function userActivityFromClient(body: unknown, claims: TokenClaims, now: Date): ClientActivityCheck {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return {
      ok: false,
      detail: 'Send the activity as a JSON object, for example {"type": "message", "text": "what is 502"}.',
    };
  const b = body as Json;
  if (typeof b.type !== 'string' || !CLIENT_TYPES.has(b.type)) {
    return { ok: false, detail: `The activity type must be one of ${[...CLIENT_TYPES].join(', ')}.` };
  }
  const from = (b.from && typeof b.from === 'object' ? b.from : {}) as Json;
  const name = claims.name ?? (typeof from.name === 'string' && from.name.length <= 100 ? from.name : undefined);
  const activity: Json & { type: string } = {
    type: b.type,
    timestamp: now.toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id: claims.conv },
    from: { id: claims.user, ...(name ? { name } : {}), role: 'user' },
  };
  copyIf(b, activity, 'text', (v) => typeof v === 'string');
  copyIf(b, activity, 'textFormat', (v) => v === 'plain' || v === 'markdown' || v === 'xml');
  copyIf(b, activity, 'name', (v) => typeof v === 'string' && v.length <= 256);
  copyIf(b, activity, 'value', (v) => v !== undefined);
  copyIf(b, activity, 'channelData', (v) => !!v && typeof v === 'object' && !Array.isArray(v));
  copyIf(b, activity, 'entities', (v) => Array.isArray(v));
  copyIf(b, activity, 'locale', (v) => typeof v === 'string' && v.length <= 35);
  copyIf(b, activity, 'localTimestamp', (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)));
  copyIf(b, activity, 'localTimezone', (v) => typeof v === 'string' && v.length <= 64);
  copyIf(b, activity, 'replyToId', (v) => typeof v === 'string' && v.length <= 200);
  return { ok: true, activity };
}

/** The bot's view of the user's activity: a private copy with the routing fields a turn needs. */
export function activityForBot(userActivity: Json, serviceUrl: string): Activity {
  const copy = structuredClone(userActivity);
  return fixActivityDates({
    ...copy,
    serviceUrl,
    recipient: { ...BOT_ACCOUNT },
    deliveryMode: 'expectReplies',
  }) as unknown as Activity;
}

/** Whether a reply is something the client should get at all. */
export function isVisibleReply(reply: Partial<Activity>): boolean {
  return typeof reply.type === 'string' && !HIDDEN_REPLY_TYPES.has(reply.type);
}

/** A reply as it is kept in the history: from the bot, in this conversation, replying to the user's activity. */
export function botActivityForClient(
  reply: Partial<Activity>,
  conversationId: string,
  replyToId: string,
  now: Date,
): ActivityToKeep {
  const { rest, json: shared } = sharedFields(reply as Record<string, unknown>, OWN_FIELDS);
  const json = JSON.parse(JSON.stringify(rest)) as Json;
  for (const field of INTERNAL_FIELDS) delete json[field];
  delete json.id;
  const activity: ActivityToKeep = {
    ...json,
    type: reply.type as string,
    timestamp: now.toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id: conversationId },
    from: { ...BOT_ACCOUNT },
    replyToId: typeof json.replyToId === 'string' && json.replyToId ? json.replyToId : replyToId,
  };
  if (shared) activity[SHARED_JSON] = shared;
  return activity;
}

/** The typing indicator we push while a turn is slow (never kept in the history). */
export function typingActivity(conversationId: string, replyToId: string, now: Date): Json & { type: string } {
  return {
    type: 'typing',
    timestamp: now.toISOString(),
    channelId: CHANNEL_ID,
    conversation: { id: conversationId },
    from: { ...BOT_ACCOUNT },
    replyToId,
  };
}

function copyIf(from: Json, to: Json, field: string, valid: (value: unknown) => boolean): void {
  if (field in from && valid(from[field])) to[field] = from[field];
}
