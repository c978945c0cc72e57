/**
 * Starts a real Azurite blob server for a test file and stops it again, so storage tests run against the same HTTP
 * API as Azure without an account or a network.
 *
 * ```ts
 * const azurite = await startAzuriteBlob();
 * const storage = createStorage({ kind: 'blob', connectionString: azurite.connectionString, container: 'test' });
 * // ...
 * await azurite.stop();
 * ```
 *
 * The server runs as `node node_modules/.bin/azurite-blob` (the same node as jest, not npx, which can go to the
 * network) with in-memory persistence, on 127.0.0.1 and a free port, so parallel jest workers never share one.
 * No Azurite process outlives the tests: stop() waits for the exit, an exit hook kills any server still running
 * when the test process ends, and a preloaded guard (exit-with-parent.cjs) ends Azurite if its parent is killed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Socket, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The well-known Azurite development account (published in the Azurite README; not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const PROJECT_ROOT = join(__dirname, '..', '..');
const AZURITE_BLOB_BIN = join(PROJECT_ROOT, 'node_modules', '.bin', 'azurite-blob');
const EXIT_WITH_PARENT = join(__dirname, 'exit-with-parent.cjs');
const HOST = '127.0.0.1';

export interface AzuriteBlob {
  /** Connection string for the dev account on this server's port. */
  readonly connectionString: string;
  readonly port: number;
  readonly pid: number;
  /** Stops the server and resolves once the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartAzuriteOptions {
  /** Port to listen on; default a free one. Pass one to start Azurite where a client is already pointed. */
  port?: number;
  /** How long to wait for the port to accept connections. Default 20 s. */
  startTimeoutMs?: number;
}

/** The Azurite dev-account connection string for a blob endpoint on `port`. */
export function azuriteConnectionString(port: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};` +
    `BlobEndpoint=http://${HOST}:${port}/${AZURITE_ACCOUNT};`
  );
}

/** The command line used to start Azurite, exported so a failure message (or a human) can reproduce it. */
export function azuriteArgs(port: number): string[] {
  return [
    '--require',
    EXIT_WITH_PARENT,
    AZURITE_BLOB_BIN,
    '--inMemoryPersistence',
    // @azure/storage-blob 12.32 sends API version 2026-04-06, newer than Azurite 3.35 knows.
    '--skipApiVersionCheck',
    '--disableTelemetry',
    '--silent',
    '--blobHost',
    HOST,
    '--blobPort',
    String(port),
  ];
}

export async function startAzuriteBlob(options: StartAzuriteOptions = {}): Promise<AzuriteBlob> {
  // A free port can be taken by someone else between findFreePort() and Azurite's listen(); then Azurite exits
  // with EADDRINUSE and another port is tried. A port the caller chose is tried once.
  const attempts = options.port === undefined ? 3 : 1;
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const port = options.port ?? (await findFreePort());
    try {
      return await startOn(port, options.startTimeoutMs ?? 20_000);
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

/** Asks the OS for a free port by listening on port 0, then releases it for Azurite. */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  server.listen(0, HOST);
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error(`Unexpected server address: ${String(address)}`);
  return address.port;
}

// === One server

async function startOn(port: number, startTimeoutMs: number): Promise<AzuriteBlob> {
  const args = azuriteArgs(port);
  // cwd is the temp dir so that nothing Azurite might write (it defaults its workspace to cwd) lands in the repo.
  // stdin stays an open pipe: it is how exit-with-parent.cjs notices that this process died.
  const child = spawn(process.execPath, args, { cwd: tmpdir(), stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const output = collectOutput(child);
  unrefAll(child);

  const stop = stopper(child);
  try {
    await waitForPort(child, port, startTimeoutMs);
  } catch (err) {
    await stop();
    const command = [process.execPath, ...args].join(' ');
    throw new Error(`Azurite did not start: ${(err as Error).message}\ncommand: ${command}\noutput:\n${output()}`);
  }
  if (child.pid === undefined) throw new Error('Azurite started without a process id');
  return { connectionString: azuriteConnectionString(port), port, pid: child.pid, stop };
}

/** Polls until `port` accepts a TCP connection, failing early if Azurite exits (bad flag, port in use). */
async function waitForPort(child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited(child)) throw new Error(`the process exited (code ${child.exitCode}, signal ${child.signalCode})`);
    if (await accepts(port)) {
      if (hasExited(child)) throw new Error('the process exited; another server holds the port');
      return;
    }
    if (Date.now() > deadline) throw new Error(`port ${port} did not accept connections within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, HOST);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** SIGTERM (Azurite closes its server cleanly), then SIGKILL if it has not exited after 5 s; resolves on exit. */
function stopper(child: ChildProcess): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      if (hasExited(child)) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      try {
        await exited;
      } finally {
        clearTimeout(killTimer);
      }
    })();
    return stopping;
  };
}

/**
 * Lets the test process end while Azurite still runs, so a test file that forgets stop() does not hang jest ("Jest
 * did not exit"); the exit hook below then kills the server. stop() itself keeps the process alive with its timer.
 */
function unrefAll(child: ChildProcess): void {
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr]) {
    if (stream instanceof Socket) stream.unref();
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Keeps the last few KB of Azurite's output for error messages, and drains the pipes so Azurite never blocks. */
function collectOutput(child: ChildProcess): () => string {
  let text = '';
  const append = (chunk: Buffer): void => {
    text = (text + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => text;
}

// === No strays

/** Servers not yet exited; killed synchronously if the test process exits without stopping them. */
const running = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});
