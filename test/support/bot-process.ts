/**
 * Starts the real StatusBot server (the built dist/src/index.js, as `npm start` runs it) as a child process on a
 * free port, and talks to it as a channel does: activities POSTed to /api/messages with
 * deliveryMode "expectReplies", so the replies come back in the HTTP response body.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = join(__dirname, '..', '..');

export interface BotProcess {
  url: string;
  child: ChildProcess;
  /** Every log line the process printed (JSON objects from pino, or raw text). */
  logs: Array<Record<string, unknown> | string>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

let built = false;
export function ensureBuilt(): void {
  if (built) return;
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.js'), '--quiet'], { cwd: ROOT, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`build failed:\n${run.stdout}\n${run.stderr}`);
  built = true;
}

export async function startBot(env: Record<string, string> = {}): Promise<BotProcess> {
  ensureBuilt();
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', join(ROOT, 'dist', 'src', 'index.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: BotProcess['logs'] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bot did not start in 15 s:\n${logs.map((l) => JSON.stringify(l)).join('\n')}`));
    }, 15_000);
    const onLine = (line: string) => {
      let parsed: Record<string, unknown> | string = line;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        // Not JSON: keep the raw line.
      }
      logs.push(parsed);
      if (typeof parsed === 'object' && typeof parsed.url === 'string') {
        clearTimeout(timer);
        resolve(parsed.url);
      }
    };
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', onLine);
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', onLine);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bot exited with ${code} before listening:\n${logs.map((l) => JSON.stringify(l)).join('\n')}`));
    });
  });
  return {
    url,
    child,
    logs,
    stop: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}

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
export async function sendActivity(url: string, conversationId: string, activity: Partial<Activity>, channelId = 'test'): Promise<{ status: number; activities: Activity[] }> {
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
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
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

/**
 * One bot process for the whole test file: started before the first test, stopped after the last.
 *
 *   const bot = botForThisFile({ RATE_LIMIT_PER_MINUTE: '1000' });
 *   it('answers', async () => { await say(bot.url, 'c1', 'what is 502'); });
 */
export function botForThisFile(env: Record<string, string> = {}): BotProcess {
  let running: BotProcess | undefined;
  beforeAll(async () => {
    running = await startBot(env);
  });
  afterAll(async () => {
    await running?.stop();
  });
  const current = (): BotProcess => {
    if (!running) throw new Error('The bot is not running yet: use it inside a test or hook, not at the top level.');
    return running;
  };
  return {
    get url() {
      return current().url;
    },
    get child() {
      return current().child;
    },
    get logs() {
      return current().logs;
    },
    stop: (signal) => current().stop(signal),
  };
}
