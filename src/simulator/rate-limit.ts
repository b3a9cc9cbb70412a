/**
 * notes §2.5: the ordering APIs allow 1 request per second per API key and ban a key that exceeds it
 * for 10 minutes; the search API allows 100 per second. A sliding one-second window counts the calls
 * a key was allowed; one call too many starts the ban, and every call during the ban gets 429 with the
 * seconds left in `Retry-After`. Real time, not simulated time: a ban is about the caller's pacing.
 */
import type { RequestHandler } from 'express';
import type { WireErrorCode } from '../datasources/oneatlas/wire/types.js';
import { authenticatedApiKey } from './auth.js';
import { UpstreamError } from './upstream-error.js';

const WINDOW_MS = 1000;

export class RateLimiter {
  private readonly recentCallsByKey = new Map<string, number[]>();
  private readonly bannedUntilByKey = new Map<string, number>();

  constructor(
    private readonly maxPerSecond: number,
    /** 0 means no ban: the caller only waits for the window to move on. */
    private readonly banSeconds: number,
  ) {}

  /** Null when the call is allowed, else the Retry-After in whole seconds (at least 1). */
  admit(key: string, nowMs: number): number | null {
    const bannedUntilMs = this.bannedUntilByKey.get(key) ?? 0;
    if (nowMs < bannedUntilMs) return Math.max(1, Math.ceil((bannedUntilMs - nowMs) / 1000));
    const recentCalls = (this.recentCallsByKey.get(key) ?? []).filter((at) => nowMs - at < WINDOW_MS);
    if (recentCalls.length >= this.maxPerSecond) {
      const waitMs =
        this.banSeconds > 0 ? this.banSeconds * 1000 : WINDOW_MS - (nowMs - (recentCalls[0] ?? nowMs));
      this.bannedUntilByKey.set(key, nowMs + waitMs);
      this.recentCallsByKey.set(key, recentCalls);
      return Math.max(1, Math.ceil(waitMs / 1000));
    }
    recentCalls.push(nowMs);
    this.recentCallsByKey.set(key, recentCalls);
    return null;
  }

  clear(): void {
    this.recentCallsByKey.clear();
    this.bannedUntilByKey.clear();
  }
}

export function rateLimited(limiter: RateLimiter, apiName: string): RequestHandler {
  return (_req, res, next) => {
    const retryAfterSeconds = limiter.admit(authenticatedApiKey(res), Date.now());
    if (retryAfterSeconds === null) return next();
    const body: WireErrorCode = {
      code: 'TOO_MANY_REQUESTS',
      message: `Rate limit of the ${apiName} exceeded: retry after ${retryAfterSeconds} s.`,
    };
    throw new UpstreamError(429, body, { 'Retry-After': String(retryAfterSeconds) });
  };
}
