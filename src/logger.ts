import { pino } from 'pino';
import type { LogLevel } from './config.js';

export type Logger = pino.Logger;

/**
 * Structured JSON logs. Secrets never reach a log line: the known places a key or token could
 * sit are redacted, and upstream URLs are logged without their query string by the callers. A line
 * written for a request carries its ids because its writer was given them (`requestLogger`).
 */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'oneatlas-gateway' },
      redact: {
        paths: [
          'apiKey',
          'apikey',
          'token',
          'accessToken',
          'access_token',
          '*.apiKey',
          '*.apikey',
          '*.token',
          '*.accessToken',
          '*.access_token',
          'headers.authorization',
          '*.headers.authorization',
          'req.headers.authorization',
          'req.headers.cookie',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** Lines are written once this much is buffered, or after LOG_FLUSH_INTERVAL_MS, whichever is first. */
const LOG_BUFFER_BYTES = 4096;
const LOG_FLUSH_INTERVAL_MS = 1_000;

export interface ProcessLogger {
  logger: Logger;
  /** Resolves once every line logged so far has reached stdout: call it before a clean exit. */
  flush(): Promise<void>;
}

/**
 * The process's logger on stdout, buffered and written asynchronously: a synchronous write per line
 * would cost every request a system call on the event loop. A line waits at most a second.
 */
export function createStdoutLogger(level: LogLevel): ProcessLogger {
  const destination = pino.destination({
    dest: 1,
    sync: false,
    minLength: LOG_BUFFER_BYTES,
    periodicFlush: LOG_FLUSH_INTERVAL_MS,
  });
  return {
    logger: createLogger(level, destination),
    flush: () =>
      new Promise((resolve, reject) => destination.flush((error) => (error ? reject(error) : resolve()))),
  };
}
