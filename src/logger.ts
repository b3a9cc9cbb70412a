import { pino } from 'pino';
import type { LogLevel } from './config.js';

export type Logger = pino.Logger;

/**
 * Structured JSON logs. Secrets never reach a log line: the known places a key or token could
 * sit are redacted, and upstream URLs are logged without their query string by the callers.
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
