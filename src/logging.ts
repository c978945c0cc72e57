/**
 * Structured JSON logs (pino): one line per turn with intent, codes and latency; user text only at debug level.
 */
import pino, { type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, base: { app: 'statusbot' }, timestamp: pino.stdTimeFunctions.isoTime });
}
