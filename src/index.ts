/**
 * `npm start`: runs StatusBot as a process. Reads `.env` and the environment, validates them, starts the server,
 * and shuts down cleanly on SIGTERM/SIGINT.
 */
import type { Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { createApp } from './app';
import { ConfigError, loadDotEnv, readConfig } from './config';
import { applyHeapGrowth } from './heap-growth';
import { DataError } from './knowledge/data-error';
import { DEFAULT_DATA_DIR } from './knowledge/load-table';
import { createLogger } from './logging';

/** How long turns in flight may take to finish after SIGTERM; the process is gone within 10 s either way. */
const DRAIN_MS = 8_000;

async function main(): Promise<void> {
  loadDotEnv(join(DEFAULT_DATA_DIR, '..'));
  const config = readConfig();
  applyHeapGrowth(config.heapGrowthPercent);
  const logger = createLogger(config.logLevel);
  const app = createApp(config, logger);
  const { url } = await app.start();
  logger.info(
    { url, storage: config.storage.kind, authenticated: config.authenticated },
    `StatusBot is listening on ${url} (web chat at ${url}/, Bot Framework endpoint ${url}/api/messages)`,
  );
  if (!config.authenticated) {
    logger.warn(
      config.hostExplicit
        ? `No MicrosoftAppId is set: anyone who can reach ${config.host}:${config.port} can talk to the bot ` +
            'without authentication.'
        : 'No MicrosoftAppId is set: the bot accepts unauthenticated requests, so it listens on loopback only ' +
            '(HOST with ALLOW_UNAUTHENTICATED=true exposes it deliberately).',
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Stop listening before saying so: whoever reads the log line may connect at once and must be refused.
    const stopped = app.stop();
    logger.info({ signal }, 'shutting down: no new connections, finishing turns in flight');
    const timer = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, 10_000);
    timer.unref();
    // server.close() stops accepting at once but waits for every open connection, and a keep-alive connection stays
    // open until its client hangs up. So close each connection as soon as it has no request in flight (now, and again
    // as turns finish), and cut whatever is still running just before the deadline.
    const http = app.server.server as HttpServer;
    http.closeIdleConnections();
    const sweep = setInterval(() => http.closeIdleConnections(), 50);
    const cut = setTimeout(() => {
      logger.warn(
        { inFlight: app.server.inflightRequests() },
        `requests still running after ${DRAIN_MS / 1000} s; closing their connections`,
      );
      http.closeAllConnections();
    }, DRAIN_MS);
    await stopped;
    clearInterval(sweep);
    clearTimeout(cut);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataError) {
    console.error(err.message);
  } else {
    console.error('StatusBot failed to start:', err);
  }
  process.exit(1);
});
