/**
 * `npm start`: runs StatusBot as a process. Reads `.env` and the environment, validates them, starts the server,
 * and shuts down cleanly on SIGTERM/SIGINT.
 */
import { join } from 'node:path';
import { createApp } from './app';
import { ConfigError, loadDotEnv, readConfig } from './config';
import { DataError } from './knowledge/data-error';
import { DEFAULT_DATA_DIR } from './knowledge/load-table';
import { createLogger } from './logging';

async function main(): Promise<void> {
  loadDotEnv(join(DEFAULT_DATA_DIR, '..'));
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  const app = createApp(config, logger);
  const { url } = await app.start();
  logger.info({ url, storage: config.storage.kind, authenticated: config.authenticated }, `StatusBot is listening on ${url} (web chat at ${url}/, Bot Framework endpoint ${url}/api/messages)`);
  if (!config.authenticated) {
    logger.warn(
      config.hostExplicit
        ? `No MicrosoftAppId is set: anyone who can reach ${config.host}:${config.port} can talk to the bot without authentication.`
        : 'No MicrosoftAppId is set: the bot accepts unauthenticated requests, so it listens on loopback only. Set HOST to expose it deliberately.',
    );
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing turns in flight');
    const timer = setTimeout(() => {
      logger.error('shutdown took longer than 10 s; exiting anyway');
      process.exit(1);
    }, 10_000);
    timer.unref();
    await app.stop();
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
