export interface ReadCacheOptions {
  /** Entries kept at most; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  value: Promise<unknown>;
  expiresAt: number;
}

interface Flight {
  value: Promise<unknown>;
  /** Set when a mutation invalidated the key while the read was on its way: its answer may predate the mutation. */
  stale: boolean;
}

/**
 * Reads shared across requests, keyed by what was asked upstream. Identical reads in flight at once
 * share one upstream call (coalescing); answers are kept for a TTL (0: coalescing only). Values are
 * domain objects, shared between callers: they must be treated as immutable. Failures are never kept.
 *
 * Keys look like `GET /contracts/C1/taskings?…`; `invalidate(prefix)` drops a path and everything
 * below it, so a mutation can drop exactly what it may have changed.
 */
export class ReadCache {
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();
  private readonly flights = new Map<string, Flight>();

  constructor({ maxEntries = 5_000, now = Date.now }: ReadCacheOptions = {}) {
    this.maxEntries = maxEntries;
    this.now = now;
  }

  read<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      if (entry.expiresAt > this.now()) return entry.value as Promise<T>;
      this.entries.delete(key);
    }
    const flying = this.flights.get(key);
    if (flying !== undefined) return flying.value as Promise<T>;

    const flight: Flight = { value: load(), stale: false };
    this.flights.set(key, flight);
    flight.value.then(
      () => {
        if (this.flights.get(key) === flight) this.flights.delete(key);
        if (flight.stale || ttlMs <= 0) return;
        this.entries.set(key, { value: flight.value, expiresAt: this.now() + ttlMs });
        if (this.entries.size > this.maxEntries) {
          const oldest = this.entries.keys().next();
          if (!oldest.done) this.entries.delete(oldest.value);
        }
      },
      () => {
        if (this.flights.get(key) === flight) this.flights.delete(key);
      },
    );
    return flight.value as Promise<T>;
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
}
