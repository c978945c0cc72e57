/**
 * A small Direct Line 3.0 client for the tests, speaking the protocol with fetch exactly as documented (token from
 * POST /api/directline/token, then /v3/directline/…), plus a WebSocket helper that collects what a stream pushes,
 * and a token forger for servers started with a known DIRECTLINE_TOKEN_SECRET.
 */
import { createHmac } from 'node:crypto';
import WebSocket from 'ws';

export interface HttpResult<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  text: string;
  body: T;
}

export interface TokenBody {
  token: string;
  conversationId: string;
  expires_in: number;
  domain: string;
  userId: string;
}

export interface ConversationBody {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl: string;
}

export interface DlActivity {
  id: string;
  type: string;
  text?: string;
  from: { id: string; name?: string; role?: string };
  conversation: { id: string };
  channelId: string;
  timestamp: string;
  replyToId?: string;
  channelData?: Record<string, unknown>;
  attachments?: Array<{ contentType: string; content: Record<string, unknown> }>;
  [key: string]: unknown;
}

export interface ActivitiesBody {
  activities: DlActivity[];
  watermark: string;
}

/** One HTTP call; JSON bodies are sent and parsed, anything else comes back as text. */
export async function call<T = Record<string, unknown>>(
  url: string,
  options: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(url, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: the test looks at `text`.
  }
  return { status: res.status, headers: res.headers, text, body: parsed as T };
}

export const getToken = (botUrl: string, body?: unknown, headers?: Record<string, string>) =>
  call<TokenBody>(`${botUrl}/api/directline/token`, { method: 'POST', body, headers });

/** Token, then POST /conversations: a ready conversation. */
export async function startConversation(
  botUrl: string,
  user?: { id?: string; name?: string },
): Promise<TokenBody & { streamUrl: string }> {
  const issued = await getToken(botUrl, user ? { user } : undefined);
  if (issued.status !== 200) throw new Error(`token request failed: ${issued.status} ${issued.text}`);
  const started = await call<ConversationBody>(`${issued.body.domain}/conversations`, {
    method: 'POST',
    token: issued.body.token,
  });
  if (started.status !== 201) throw new Error(`start failed: ${started.status} ${started.text}`);
  return { ...issued.body, streamUrl: started.body.streamUrl };
}

export const postActivity = (
  domain: string,
  conversationId: string,
  token: string,
  activity: Record<string, unknown>,
  headers?: Record<string, string>,
) =>
  call<{ id: string }>(`${domain}/conversations/${conversationId}/activities`, {
    method: 'POST',
    token,
    body: activity,
    headers,
  });

export const poll = (domain: string, conversationId: string, token: string, watermark = '') =>
  call<ActivitiesBody>(`${domain}/conversations/${conversationId}/activities?watermark=${watermark}`, { token });

/** Every text, title and card text of some activities, for assertions on what a person would read. */
export function visible(activities: DlActivity[]): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'text' || key === 'title') && typeof value === 'string') parts.push(value);
        else if (typeof value === 'object') walk(value);
      }
    }
  };
  for (const a of activities) {
    if (a.text) parts.push(a.text);
    walk(a.attachments);
  }
  return parts.join('\n');
}

/** A WebSocket on a streamUrl that keeps every pushed group, and waits for the ones a test expects. */
export class StreamRecorder {
  readonly groups: Array<{ activities: DlActivity[]; watermark?: string }> = [];
  private waiters: Array<() => void> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      // Web Chat's client parses text frames only (in a browser a binary frame is a Blob): ignore others, as it would.
      if (isBinary) return;
      const text = data.toString();
      if (!text) return;
      this.groups.push(JSON.parse(text) as { activities: DlActivity[]; watermark?: string });
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static open(streamUrl: string, headers?: Record<string, string>): Promise<StreamRecorder> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(streamUrl, { headers });
      const recorder = new StreamRecorder(socket);
      socket.once('open', () => resolve(recorder));
      socket.once('unexpected-response', (_req, res) =>
        reject(Object.assign(new Error(`stream refused with ${res.statusCode}`), { status: res.statusCode })),
      );
      socket.once('error', reject);
    });
  }

  get activities(): DlActivity[] {
    return this.groups.flatMap((g) => g.activities);
  }

  /** Resolves once `predicate` holds for the activities received so far. */
  async waitFor(predicate: (activities: DlActivity[]) => boolean, timeoutMs = 10_000): Promise<DlActivity[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.activities)) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `stream did not deliver the expected activities; got ${JSON.stringify(this.activities.map((a) => [a.type, a.text]))}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.activities;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}

/** A token as the server would sign it with `secret` (HS256 JWT), for expiry and forgery tests. */
export function forgeToken(secret: string, claims: { conv: string; user: string; iat?: number; exp: number }): string {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iss: 'statusbot', iat: claims.exp - 1800, ...claims })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}
