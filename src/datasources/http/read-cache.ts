import { hash } from 'node:crypto';
import { ErrorCode, GatewayError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { CacheReadCounter } from '../../observability/metrics.js';
import { BoundedLru, type LruBounds } from './bounded-lru.js';
import type { RequestScope } from './request-scope.js';
import { CallPriority } from './scheduler.js';

/**
 * What one cache keeps at most, per credential and API (documented in the README): answers are keyed
 * by a digest, so a key costs the same whatever polygon it was asked with, and weigh their JSON size.
 */
export const DEFAULT_READ_CACHE_BOUNDS: LruBounds = { maxEntries: 5_000, maxBytes: 32 * 1024 * 1024 };

export interface ReadCacheOptions {
  /** Entries and bytes kept at most; the least recently used go first. */
  bounds?: LruBounds;
  /** Where a failed background refresh is reported (nobody waits for it, so nobody else would know). */
  logger?: Logger;
  /** Counts each read's outcome (metrics); by default nothing is counted. */
  counter?: CacheReadCounter;
  now?: () => number;
}

/** How long one kind of answer is reused. */
export interface Lifetime {
  /** Served as it is for this long; 0 keeps nothing (identical concurrent reads are still shared). */
  ttlMs: number;
  /**
   * After the TTL, still served for this long while one background read replaces it, so that no
   * caller waits for a refresh; 0 (the default): an expired answer is read again while callers wait.
   * Only for answers that say when they were read (`fetchedAt`): they are the ones a replica may also
   * serve from its own memory while the shared store does not answer.
   */
  staleMs?: number;
}

/**
 * Loads an answer. `priority` is the one to ask the upstream with: INTERACTIVE when a caller waits for
 * the answer, BACKGROUND for a refresh that nobody waits for.
 */
export type Load<T> = (priority: CallPriority) => Promise<T>;

/**
 * Reads shared across requests, keyed by what was asked upstream. Identical reads in flight at once
 * share one upstream call (coalescing); answers are kept for a TTL (0: coalescing only), and may be
 * served stale for a while after it while one background read replaces them. Values are domain
 * objects, shared between callers: they must be treated as immutable, and should say when they were
 * read, since a stale one is served as it is. Failures are never kept.
 *
 * Keys look like `GET /contracts/C1/taskings?…` (`requestKey`); `invalidate(prefix)` drops a path and
 * everything below it, so a mutation can drop exactly what it may have changed. What is dropped is
 * never served stale: whoever just changed it must see the change.
 *
 * One cache serves one credential and API: answers bought with one OneAtlas credential are never
 * served to, or shared in flight with, another's callers.
 */
export interface ReadCache {
  read<T>(key: string, lifetime: Lifetime, load: Load<T>): Promise<T>;
  /**
   * Forgets `prefix` and every key below it (`prefix/…`, `prefix?…`), including reads still in flight,
   * on every replica that shares the cache. Never rejects: a mutation already happened upstream.
   */
  invalidate(prefix: string): Promise<void>;
  /**
   * This cache as `scope`'s request uses it: a wait for a read another replica is making ends when
   * the request does (its deadline, its client gone), with the request's end.
   */
  forRequest(scope: RequestScope): ReadCache;
}

/** What a read fails with when the request it runs for ended first: nothing said about the upstream. */
const REQUEST_ENDED: ReadonlySet<string> = new Set([
  ErrorCode.REQUEST_CANCELLED,
  ErrorCode.REQUEST_DEADLINE_EXCEEDED,
  ErrorCode.UPSTREAM_CALL_BUDGET_EXCEEDED,
]);

/**
 * A reader's share of a read another request started. The read runs for that request (its turn among
 * callers, its call budget, its deadline), so it fails when that request ends first: its client left,
 * its deadline or budget ran out. That end is not this reader's, whatever tenant it is: the reader then
 * reads for itself (`readAgain`, started where this reader waits, so in its own request).
 */
export function joinedRead<T>(flight: Promise<T>, readAgain: () => Promise<T>): Promise<T> {
  return flight.catch((error: unknown) => {
    if (error instanceof GatewayError && REQUEST_ENDED.has(error.code)) return readAgain();
    throw error;
  });
}

/**
 * A key's identity as the caches hold it: a digest of the whole key (whatever its query or body
 * weighs), and digests of the path and each of its ancestors (`GET /contracts`, `GET /contracts/C1`,
 * …), which are what `invalidate(prefix)` matches.
 */
export interface KeyIdentity {
  readonly digest: string;
  readonly scopes: readonly string[];
}

/**
 * Identities of keys without a query or body (`GET /contracts`), kept: the same few are read by most
 * requests, and working one out again cost a cached read more than the rest of the cache's work.
 * Cleared when full, like the scope digests.
 */
const MAX_KEPT_IDENTITIES = 4_096;
const keptIdentities = new Map<string, KeyIdentity>();

export function keyIdentity(key: string): KeyIdentity {
  const kept = keptIdentities.get(key);
  if (kept !== undefined) return kept;
  const identity = identityOf(key);
  if (!/[?\s]/.test(key.slice(key.indexOf(' ') + 1))) {
    if (keptIdentities.size >= MAX_KEPT_IDENTITIES) keptIdentities.clear();
    keptIdentities.set(key, identity);
  }
  return identity;
}

function identityOf(key: string): KeyIdentity {
  const request = /^(\S+) ([^?\s]*)/.exec(key);
  if (request === null) return { digest: digestOf(key), scopes: [digestOf(key)] };
  const [, method, path = ''] = request;
  const segments = path.split('/');
  const scopes: string[] = [];
  for (let end = 1; end <= segments.length; end += 1) {
    const ancestor = segments.slice(0, end).join('/');
    if (ancestor !== '') scopes.push(scopeOf(`${method} ${ancestor}`));
  }
  // A key without query or body (`GET /contracts`) is its own deepest scope.
  const whole = key === `${method} ${path}` ? scopes[scopes.length - 1] : undefined;
  return { digest: whole ?? digestOf(key), scopes };
}

/** Scope digests kept, so that repeated reads of a path hash nothing but their query or body; cleared when full. */
const MAX_SCOPE_DIGESTS = 4_096;
const scopeDigests = new Map<string, string>();

/** The scope `invalidate(prefix)` drops: every key whose scopes include it. */
export function scopeOf(prefix: string): string {
  let digest = scopeDigests.get(prefix);
  if (digest === undefined) {
    if (scopeDigests.size >= MAX_SCOPE_DIGESTS) scopeDigests.clear();
    digest = digestOf(prefix);
    scopeDigests.set(prefix, digest);
  }
  return digest;
}

function digestOf(text: string): string {
  // The one-shot hash: a Hash object per digest costs several times the hashing itself.
  return hash('sha256', text, 'base64url');
}

/** What a kept answer weighs: its JSON size plus its key's digests. Infinity when it has no JSON form. */
export function weightOf(value: unknown, identity: KeyIdentity): number {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
  return Buffer.byteLength(json ?? '') + (identity.scopes.length + 1) * identity.digest.length;
}

/** How long after a mutation dropped a scope a read that misses below it still counts as urgent. */
const DROPPED_URGENT_MS = 60_000;

/**
 * The scopes the gateway's own mutations dropped lately. A read that misses below one is as urgent as
 * the mutation (CRITICAL): everyone reading that key waits for it (what is dropped is never served
 * stale), so it must not queue behind the next orders at 1 call/s. Only mutations drop scopes, and
 * they need the order role, so no reader can make its own reads urgent.
 */
export class RecentDrops {
  private readonly droppedAt = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  note(scope: string): void {
    const now = this.now();
    for (const [known, at] of this.droppedAt) if (now - at >= DROPPED_URGENT_MS) this.droppedAt.delete(known);
    this.droppedAt.set(scope, now);
  }

  /** The priority of a read that found nothing to serve for a key with these scopes. */
  missPriority(scopes: readonly string[]): CallPriority {
    const now = this.now();
    const urgent = scopes.some(
      (scope) => now - (this.droppedAt.get(scope) ?? -DROPPED_URGENT_MS) < DROPPED_URGENT_MS,
    );
    return urgent ? CallPriority.CRITICAL : CallPriority.INTERACTIVE;
  }
}

interface Entry {
  value: Promise<unknown>;
  scopes: readonly string[];
  /** Until then the entry is served and nothing is read. */
  refreshAt: number;
  /** Until then (from `refreshAt`) it is still served while a background read replaces it. */
  expiresAt: number;
}

interface Flight {
  value: Promise<unknown>;
  scopes: readonly string[];
  /** Set when a mutation invalidated the key while the read was on its way: its answer may predate the mutation. */
  stale: boolean;
}

/**
 * The embedded ReadCache: in this process only, bounded by entries and bytes (least recently used
 * evicted first). Nothing runs between reads: expiry is checked when a key is read, and a refresh
 * starts only then.
 */
export class MemoryReadCache implements ReadCache {
  private readonly logger: Logger | undefined;
  private readonly now: () => number;
  private readonly entries: BoundedLru<Entry>;
  private readonly flights = new Map<string, Flight>();
  private readonly drops: RecentDrops;
  private readonly counter: CacheReadCounter | undefined;

  constructor({
    bounds = DEFAULT_READ_CACHE_BOUNDS,
    logger,
    counter,
    now = Date.now,
  }: ReadCacheOptions = {}) {
    this.entries = new BoundedLru(bounds);
    this.logger = logger;
    this.counter = counter;
    this.now = now;
    this.drops = new RecentDrops(now);
  }

  /** Entries and bytes held now (for tests and metrics). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.entryCount, bytes: this.entries.byteCount };
  }

  read<T>(key: string, lifetime: Lifetime, load: Load<T>): Promise<T> {
    const identity = keyIdentity(key);
    const entry = this.entries.get(identity.digest);
    if (entry !== undefined) {
      const now = this.now();
      if (now < entry.refreshAt) {
        this.counter?.hit();
        return entry.value as Promise<T>;
      }
      if (now < entry.expiresAt) {
        this.counter?.stale();
        // One refresh per key: the read already on its way will replace this entry.
        if (!this.flights.has(identity.digest)) {
          this.fly(key, identity, lifetime, load, CallPriority.BACKGROUND);
        }
        return entry.value as Promise<T>;
      }
      this.entries.delete(identity.digest);
    }
    this.counter?.miss();
    // A refresh still on its way when its entry expired is joined too: one upstream call, not two.
    const flying = this.flights.get(identity.digest);
    if (flying !== undefined) {
      return joinedRead(flying.value as Promise<T>, () => this.read(key, lifetime, load));
    }
    return this.fly(key, identity, lifetime, load, this.drops.missPriority(identity.scopes))
      .value as Promise<T>;
  }

  invalidate(prefix: string): Promise<void> {
    const scope = scopeOf(prefix);
    this.drops.note(scope);
    this.entries.deleteWhere((entry) => entry.scopes.includes(scope));
    for (const [digest, flight] of this.flights) {
      if (!flight.scopes.includes(scope)) continue;
      flight.stale = true;
      this.flights.delete(digest);
    }
    return Promise.resolve();
  }

  /** The same cache: in one process a read is joined in flight, and no other replica is waited for. */
  forRequest(): ReadCache {
    return this;
  }

  /** Starts a read of `key` that every reader of the key shares until it lands, and keeps its answer. */
  private fly<T>(
    key: string,
    identity: KeyIdentity,
    lifetime: Lifetime,
    load: Load<T>,
    priority: CallPriority,
  ): Flight {
    const { digest, scopes } = identity;
    const flight: Flight = { value: load(priority), scopes, stale: false };
    this.flights.set(digest, flight);
    flight.value.then(
      (value) => {
        if (this.flights.get(digest) === flight) this.flights.delete(digest);
        if (flight.stale || lifetime.ttlMs <= 0) return;
        const now = this.now();
        this.entries.set(
          digest,
          {
            value: flight.value,
            scopes,
            refreshAt: now + lifetime.ttlMs,
            expiresAt: now + lifetime.ttlMs + (lifetime.staleMs ?? 0),
          },
          weightOf(value, identity),
        );
      },
      (error: unknown) => {
        if (this.flights.get(digest) === flight) this.flights.delete(digest);
        // A caller waiting for a read gets its error; a refresh may have nobody waiting to tell.
        if (priority === CallPriority.BACKGROUND && !flight.stale) {
          this.refreshFailed(key, digest, lifetime, error);
        }
      },
    );
    return flight;
  }

  /**
   * The stale entry stays until it expires. The next refresh waits a TTL, as a read would have, so an
   * upstream that fails fast (an open circuit) costs one call and one log line per TTL, not per read.
   */
  private refreshFailed(key: string, digest: string, lifetime: Lifetime, error: unknown): void {
    const entry = this.entries.peek(digest);
    const now = this.now();
    if (entry !== undefined) entry.refreshAt = Math.min(now + lifetime.ttlMs, entry.expiresAt);
    logRefreshFailure(this.logger, key, error, entry === undefined ? 0 : Math.max(0, entry.expiresAt - now));
  }
}

/** Says that a background refresh failed, without the key's query string or body (they could carry anything). */
export function logRefreshFailure(
  logger: Logger | undefined,
  key: string,
  error: unknown,
  servedStaleForMs: number,
): void {
  logger?.warn(
    { read: key.replace(/^(\S+ [^?\s]*).*$/s, '$1'), code: errorCode(error), servedStaleForMs },
    'refreshing a cached OneAtlas read failed: its older answer is served until it expires',
  );
}

/** The gateway's code for the error, else its class name: never its message, which may quote anything. */
function errorCode(error: unknown): string {
  if (error instanceof GatewayError) return error.code;
  return error instanceof Error ? error.name : typeof error;
}
