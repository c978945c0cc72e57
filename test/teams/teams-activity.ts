/**
 * Activities shaped as Microsoft Teams sends them, for the tests that talk to the real bot over HTTP: channel and
 * group-chat conversations, @mention entities, and invokes (message extension, feedback) posted the way Teams posts
 * them, without `deliveryMode: expectReplies`, so the HTTP response body is the invoke response itself.
 */
import type { Activity } from '../support/channel-client';

/** The bot as Teams addresses it: "28:" + its Microsoft App ID. */
export const BOT = { id: '28:00000000-0000-4000-8000-00000000b07d', name: 'StatusBot' };
export const USER = { id: '29:1a2b3c-user', name: 'Ada Lovelace', aadObjectId: '6f1c7d6e-0000-4000-8000-0000000000ad' };
export const TENANT = 't';
export const TEAM_ID = '19:team@thread.tacv2';

/** A reply thread in a channel: Teams puts the root message id into the conversation id. */
export const channelThread = (rootMessageId = '123') => `19:abc@thread.tacv2;messageid=${rootMessageId}`;

export function mention(who: { id: string; name: string }): Record<string, unknown> {
  return { type: 'mention', text: `<at>${who.name}</at>`, mentioned: { id: who.id, name: who.name } };
}

let sequence = 0;

/** A message in a team channel's thread, as Teams delivers it to a bot that was @mentioned. */
export function channelMessage(
  text: string,
  entities: Array<Record<string, unknown>>,
  conversationId = channelThread(),
): Partial<Activity> {
  return {
    type: 'message',
    id: `1700000000${String(++sequence).padStart(3, '0')}`,
    text,
    textFormat: 'plain',
    entities: [...entities, { type: 'clientInfo', locale: 'en-US', platform: 'Web' }],
    from: USER,
    recipient: BOT,
    conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, team: { id: TEAM_ID }, channel: { id: '19:abc@thread.tacv2' } },
  };
}

/** A message in a group chat. */
export function groupChatMessage(text: string, entities: Array<Record<string, unknown>>): Partial<Activity> {
  return {
    type: 'message',
    id: `1700000001${String(++sequence).padStart(3, '0')}`,
    text,
    entities,
    from: USER,
    recipient: BOT,
    conversation: { id: '19:meeting_group@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  };
}

/** An invoke from a 1:1 chat or the compose box (message extensions run in the user's personal conversation with the bot). */
export function invokeActivity(name: string, value: unknown, extra: Partial<Activity> = {}): Record<string, unknown> {
  return {
    type: 'invoke',
    name,
    value,
    id: `f:${++sequence}`,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    from: USER,
    recipient: BOT,
    conversation: { id: 'a:1personal-chat-with-statusbot', conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, source: { name: 'compose' } },
    timestamp: new Date().toISOString(),
    ...extra,
  };
}

/** POSTs an activity as Teams does (no expectReplies) and returns the HTTP status and JSON body. */
export async function post(url: string, activity: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}
