/**
 * Talks to a running StatusBot as a channel does: activities POSTed to /api/messages with deliveryMode
 * "expectReplies", so the replies come back in the HTTP response body. Works with the bot in-process
 * (bot-in-process.ts) and as a process (bot-process.ts).
 */
export interface Activity {
  type: string;
  text?: string;
  value?: unknown;
  attachments?: Array<{ contentType: string; content: Record<string, unknown> }>;
  suggestedActions?: { actions: Array<{ title: string; value: unknown }> };
  [key: string]: unknown;
}

let sequence = 0;

/** Sends one activity as a channel would and returns the bot's replies (expectReplies). */
export async function sendActivity(
  url: string,
  conversationId: string,
  activity: Partial<Activity>,
  channelId = 'test',
): Promise<{ status: number; activities: Activity[] }> {
  const body = {
    type: 'message',
    id: `act-${++sequence}`,
    channelId,
    serviceUrl: 'http://127.0.0.1:9/',
    from: { id: 'user-1', name: 'Test User' },
    recipient: { id: 'statusbot', name: 'StatusBot' },
    conversation: { id: conversationId },
    timestamp: new Date().toISOString(),
    deliveryMode: 'expectReplies',
    ...activity,
  };
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as { activities?: Activity[] }) : {};
  return { status: res.status, activities: parsed.activities ?? [] };
}

export const say = (url: string, conversationId: string, text: string) => sendActivity(url, conversationId, { text });

/** All the visible text of a reply: its text plus every TextBlock/TextRun and action title in its cards. */
export function visibleText(activities: Activity[]): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'fallbackText']) if (typeof o[key] === 'string') parts.push(o[key] as string);
      for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
    }
  };
  for (const a of activities) {
    if (a.text) parts.push(a.text);
    walk(a.attachments);
  }
  return parts.join('\n');
}
