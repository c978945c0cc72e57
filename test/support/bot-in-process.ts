/**
 * Starts StatusBot in this process, as src/index.ts wires it (createApp), on a free port, reading the environment
 * given as the process would read its own. Log lines are kept, parsed, as they are written (no pipe to wait for),
 * with whatever a library prints to stderr (console.warn, console.error) meanwhile. For what only the process does (.env, start-up warnings,
 * signals), test/e2e/process.test.ts starts the real one (bot-process.ts).
 *
 *   const bot = botForThisFile({ RATE_LIMIT_PER_MINUTE: '1000' });
 *   it('answers', async () => { await say(bot.url, 'c1', 'what is 502'); });
 */
import type { Server as HttpServer } from 'node:http';
import { format } from 'node:util';
import { createApp, type App, type AppOptions } from '../../src/app';
import { readConfig } from '../../src/config';
import { StatusEngine } from '../../src/knowledge/engine';
import { createLogger } from '../../src/logging';

export type LogLine = Record<string, unknown> | string;

export interface RunningBot {
  url: string;
  app: App;
  /** Every log line (pino's JSON, parsed) and every console.warn or console.error line while the bot ran. */
  logs: LogLine[];
  /** Closes the server and every connection to it at once. */
  stop(): Promise<void>;
}

let engine: StatusEngine | undefined;
/** The engine over the real `data/`, loaded once per test file and shared by its bots (its caches change no answer). */
function sharedEngine(): StatusEngine {
  engine ??= StatusEngine.load();
  return engine;
}

export async function startBot(env: Record<string, string> = {}, options: AppOptions = {}): Promise<RunningBot> {
  const config = readConfig({ PORT: '0', LOG_LEVEL: 'info', ...env });
  const logs: LogLine[] = [];
  const logger = createLogger(config.logLevel, {
    write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  const app = createApp(config, logger, { engine: sharedEngine(), ...options });
  const { url } = await app.start();
  const stopCapture = captureConsole(logs);
  return {
    url,
    app,
    logs,
    stop: async () => {
      stopCapture();
      const stopped = app.stop();
      (app.server.server as HttpServer).closeAllConnections();
      await stopped;
    },
  };
}

/** One bot for the whole test file: started before the first test, stopped after the last. */
export function botForThisFile(env: Record<string, string> = {}, options: AppOptions = {}): RunningBot {
  let running: RunningBot | undefined;
  beforeAll(async () => {
    running = await startBot(env, options);
  });
  afterAll(async () => {
    await running?.stop();
  });
  const current = (): RunningBot => {
    if (!running) throw new Error('The bot is not running yet: use it inside a test or hook, not at the top level.');
    return running;
  };
  return {
    get url() {
      return current().url;
    },
    get app() {
      return current().app;
    },
    get logs() {
      return current().logs;
    },
    stop: () => current().stop(),
  };
}

// === The console, as a process's stdout and stderr

/** What a process prints on stderr; a test's own console.log output stays in the test output. */
const METHODS = ['warn', 'error'] as const;
const listeners = new Set<LogLine[]>();
type Printer = Pick<Console, (typeof METHODS)[number]>;
let original: Printer | undefined;

/** Lines printed to stderr go to every running bot's logs (not to the test output) until the returned call. */
function captureConsole(logs: LogLine[]): () => void {
  if (!original) {
    original = Object.fromEntries(METHODS.map((m) => [m, console[m]])) as unknown as Printer;
    for (const m of METHODS) console[m] = (...args: unknown[]) => listeners.forEach((l) => l.push(format(...args)));
  }
  listeners.add(logs);
  return () => {
    listeners.delete(logs);
    if (listeners.size || !original) return;
    for (const m of METHODS) console[m] = original[m];
    original = undefined;
  };
}
