/**
 * Structured JSON logs (pino): one line per turn with intent, codes and latency; user text only at debug level.
 */
import pino, { type Logger } from 'pino';
import type { Config } from './config';

export type { Logger };

/** `destination`: where the lines go instead of stdout (tests read them as they are written). */
export function createLogger(level: Config['logLevel'], destination?: pino.DestinationStream): Logger {
  const options = { level, base: { app: 'statusbot' }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}

/** Ids and URLs come from requests: a log line keeps their first `max` characters. */
export function clipped(value: string | undefined, max = 128): string | undefined {
  return value === undefined || value.length <= max ? value : `${value.slice(0, max)}…`;
}
