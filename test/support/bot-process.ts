/**
 * Starts the real StatusBot process (the built dist/src/index.js, as `npm start` runs it) on a free port, for what
 * only the process does: read its environment at start, print its start-up lines, stop on a signal. Everything else
 * runs the same server in-process (bot-in-process.ts), which starts in a fraction of the time.
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
  /** Resolves with the first line, printed so far or later, that `matches`. */
  nextLog(matches: (line: Record<string, unknown> | string) => boolean): Promise<Record<string, unknown> | string>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

let built = false;
export function ensureBuilt(): void {
  if (built) return;
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-built.js'), '--quiet'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`build failed:\n${run.stdout}\n${run.stderr}`);
  built = true;
}

export async function startBotProcess(env: Record<string, string> = {}): Promise<BotProcess> {
  ensureBuilt();
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', join(ROOT, 'dist', 'src', 'index.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: BotProcess['logs'] = [];
  const waiters: Array<(line: BotProcess['logs'][number]) => void> = [];
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
      for (const wake of [...waiters]) wake(parsed);
      if (typeof parsed === 'object' && typeof parsed.url === 'string') {
        clearTimeout(timer);
        resolve(parsed.url);
      }
    };
    // A process that exits before listening is reported with everything it printed: once it has exited and both of
    // its outputs have been read to the end.
    let exitCode: number | null = null;
    let pending = 3;
    const ended = () => {
      if (--pending) return;
      clearTimeout(timer);
      reject(
        new Error(`bot exited with ${exitCode} before listening:\n${logs.map((l) => JSON.stringify(l)).join('\n')}`),
      );
    };
    createInterface({ input: child.stdout as NodeJS.ReadableStream })
      .on('line', onLine)
      .once('close', ended);
    createInterface({ input: child.stderr as NodeJS.ReadableStream })
      .on('line', onLine)
      .once('close', ended);
    child.once('exit', (code) => {
      exitCode = code;
      ended();
    });
  });
  return {
    url,
    child,
    logs,
    nextLog: (matches) =>
      new Promise((resolve) => {
        const found = logs.find(matches);
        if (found !== undefined) return resolve(found);
        const wake = (line: BotProcess['logs'][number]) => {
          if (!matches(line)) return;
          waiters.splice(waiters.indexOf(wake), 1);
          resolve(line);
        };
        waiters.push(wake);
      }),
    stop: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}
