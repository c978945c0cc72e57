/** POSTs one activity to /api/messages with a given Authorization header (or none) and keeps the raw response. */
import type { Activity } from './channel-client';

let sequence = 0;

export async function sendActivityWithAuth(
  url: string,
  authorization: string | undefined,
  activity: Partial<Activity>,
) {
  const body = {
    type: 'message',
    id: `auth-${++sequence}`,
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: 'user-1' },
    recipient: { id: 'statusbot' },
    conversation: { id: `auth-conv-${sequence}` },
    deliveryMode: 'expectReplies',
    ...activity,
  };
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(body),
  });
  const raw = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    // Not JSON: the raw text is still checked by the tests.
  }
  return {
    status: res.status,
    headers: res.headers,
    contentType: res.headers.get('content-type') ?? '',
    raw,
    body: parsed,
    activities: (parsed.activities as Activity[] | undefined) ?? [],
  };
}
