/**
 * Structured JSON logs (pino): one line per turn with intent, codes and latency; user text only at debug level.
 */
import pino, { type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, base: { app: 'statusbot' }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** Ids and URLs come from requests: a log line keeps their first `max` characters. */
export function clipped(value: string | undefined, max = 128): string | undefined {
  return value === undefined || value.length <= max ? value : `${value.slice(0, max)}…`;
}
