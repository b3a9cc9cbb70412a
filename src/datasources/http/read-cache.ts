import { GatewayError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { CallPriority } from './scheduler.js';

export interface ReadCacheOptions {
  /** Entries kept at most; the oldest go first. */
  maxEntries?: number;
  /** Where a failed background refresh is reported (nobody waits for it, so nobody else would know). */
  logger?: Logger;
  now?: () => number;
}

/** How long one kind of answer is reused. */
export interface Lifetime {
  /** Served as it is for this long; 0 keeps nothing (identical concurrent reads are still shared). */
  ttlMs: number;
  /**
   * After the TTL, still served for this long while one background read replaces it, so that no
   * caller waits for a refresh; 0 (the default): an expired answer is read again while callers wait.
   */
  staleMs?: number;
}

/**
 * Loads an answer. `priority` is the one to ask the upstream with: INTERACTIVE when a caller waits for
 * the answer, BACKGROUND for a refresh that nobody waits for.
 */
export type Load<T> = (priority: CallPriority) => Promise<T>;

interface Entry {
  value: Promise<unknown>;
  /** Until then the entry is served and nothing is read. */
  refreshAt: number;
  /** Until then (from `refreshAt`) it is still served while a background read replaces it. */
  expiresAt: number;
}

interface Flight {
  value: Promise<unknown>;
  /** Set when a mutation invalidated the key while the read was on its way: its answer may predate the mutation. */
  stale: boolean;
}

/**
 * Reads shared across requests, keyed by what was asked upstream. Identical reads in flight at once
 * share one upstream call (coalescing); answers are kept for a TTL (0: coalescing only), and may be
 * served stale for a while after it while one background read replaces them. Values are domain
 * objects, shared between callers: they must be treated as immutable, and should say when they were
 * read, since a stale one is served as it is. Failures are never kept.
 *
 * Keys look like `GET /contracts/C1/taskings?…`; `invalidate(prefix)` drops a path and everything
 * below it, so a mutation can drop exactly what it may have changed. What is dropped is never served
 * stale: whoever just changed it must see the change.
 *
 * Nothing runs between reads: expiry is checked when a key is read, and a refresh starts only then.
 */
export class ReadCache {
  private readonly maxEntries: number;
  private readonly logger: Logger | undefined;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();
  private readonly flights = new Map<string, Flight>();

  constructor({ maxEntries = 5_000, logger, now = Date.now }: ReadCacheOptions = {}) {
    this.maxEntries = maxEntries;
    this.logger = logger;
    this.now = now;
  }

  read<T>(key: string, lifetime: Lifetime, load: Load<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      const now = this.now();
      if (now < entry.refreshAt) return entry.value as Promise<T>;
      if (now < entry.expiresAt) {
        // One refresh per key: the read already on its way will replace this entry.
        if (!this.flights.has(key)) this.fly(key, lifetime, load, CallPriority.BACKGROUND);
        return entry.value as Promise<T>;
      }
      this.entries.delete(key);
    }
    // A refresh still on its way when its entry expired is joined too: one upstream call, not two.
    const flying = this.flights.get(key);
    if (flying !== undefined) return flying.value as Promise<T>;
    return this.fly(key, lifetime, load, CallPriority.INTERACTIVE).value as Promise<T>;
  }

  /** Forgets `prefix` and every key below it (`prefix/…`, `prefix?…`), including reads still in flight. */
  invalidate(prefix: string): void {
    const covers = (key: string) =>
      key === prefix || key.startsWith(`${prefix}/`) || key.startsWith(`${prefix}?`);
    for (const key of this.entries.keys()) if (covers(key)) this.entries.delete(key);
    for (const [key, flight] of this.flights) {
      if (!covers(key)) continue;
      flight.stale = true;
      this.flights.delete(key);
    }
  }

  /** Starts a read of `key` that every reader of the key shares until it lands, and keeps its answer. */
  private fly<T>(key: string, lifetime: Lifetime, load: Load<T>, priority: CallPriority): Flight {
    const flight: Flight = { value: load(priority), stale: false };
    this.flights.set(key, flight);
    flight.value.then(
      () => {
        if (this.flights.get(key) === flight) this.flights.delete(key);
        if (flight.stale || lifetime.ttlMs <= 0) return;
        const now = this.now();
        // Deleted first so that a refreshed entry counts as the newest when the oldest are evicted.
        this.entries.delete(key);
        this.entries.set(key, {
          value: flight.value,
          refreshAt: now + lifetime.ttlMs,
          expiresAt: now + lifetime.ttlMs + (lifetime.staleMs ?? 0),
        });
        if (this.entries.size > this.maxEntries) {
          const oldest = this.entries.keys().next();
          if (!oldest.done) this.entries.delete(oldest.value);
        }
      },
      (error: unknown) => {
        if (this.flights.get(key) === flight) this.flights.delete(key);
        // A caller waiting for a read gets its error; a refresh may have nobody waiting to tell.
        if (priority === CallPriority.BACKGROUND && !flight.stale) this.refreshFailed(key, lifetime, error);
      },
    );
    return flight;
  }

  /**
   * The stale entry stays until it expires. The next refresh waits a TTL, as a read would have, so an
   * upstream that fails fast (an open circuit) costs one call and one log line per TTL, not per read.
   */
  private refreshFailed(key: string, lifetime: Lifetime, error: unknown): void {
    const entry = this.entries.get(key);
    const now = this.now();
    if (entry !== undefined) entry.refreshAt = Math.min(now + lifetime.ttlMs, entry.expiresAt);
    this.logger?.warn(
      {
        // Without its query string or body, which could carry what must not be logged.
        read: key.replace(/^(\S+ [^?\s]*).*$/s, '$1'),
        code: errorCode(error),
        servedStaleForMs: entry === undefined ? 0 : Math.max(0, entry.expiresAt - now),
      },
      'refreshing a cached OneAtlas read failed: its older answer is served until it expires',
    );
  }
}

/** The gateway's code for the error, else its class name: never its message, which may quote anything. */
function errorCode(error: unknown): string {
  if (error instanceof GatewayError) return error.code;
  return error instanceof Error ? error.name : typeof error;
}
