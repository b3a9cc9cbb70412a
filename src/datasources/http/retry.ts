import { ErrorCode } from '../../errors.js';
import { UpstreamError } from '../upstream-errors.js';
import { CircuitOpenError } from './circuit-breaker.js';

/**
 * Upstream codes that come with a 5xx status yet are answers, not outages: the attempts endpoint says
 * "no pass at all" with an HTTP 500 and ERR_NO_SENSOR_AVAILABLE. Retrying would only repeat it.
 */
const ANSWERS_SENT_AS_5XX: ReadonlySet<string> = new Set(['ERR_NO_SENSOR_AVAILABLE']);

/**
 * Whether a failed call says the upstream host is in trouble (5xx, timeout, no connection): what a
 * read may be retried on and what the circuit breaker counts. 4xx answers (401 and 429 are handled
 * before this) are the upstream's verdict on the request and are never retried.
 */
export function isOutage(error: unknown): boolean {
  if (!(error instanceof UpstreamError) || error instanceof CircuitOpenError) return false;
  if (error.code === ErrorCode.UPSTREAM_TIMEOUT) return true;
  if (error.code !== ErrorCode.UPSTREAM_UNAVAILABLE) return false;
  return error.upstreamCode === undefined || !ANSWERS_SENT_AS_5XX.has(error.upstreamCode);
}

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  random?: () => number;
}

/**
 * "Full jitter" exponential backoff: a random delay up to base·2^(retry−1), capped. The randomness
 * spreads the retries of many callers hit by the same blip, so they do not come back in a wave.
 */
export function backoffDelayMs(
  retry: number,
  { baseMs, capMs, random = Math.random }: BackoffOptions,
): number {
  return Math.round(random() * Math.min(capMs, baseMs * 2 ** (retry - 1)));
}
