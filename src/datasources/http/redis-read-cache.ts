import { randomUUID } from 'node:crypto';
import type { Logger } from '../../logger.js';
import type { CacheReadCounter } from '../../observability/metrics.js';
import { type RedisStore, redisUnavailableError } from '../stores/redis.js';
import { BoundedLru, type LruBounds } from './bounded-lru.js';
import {
  DEFAULT_READ_CACHE_BOUNDS,
  joinedRead,
  type KeyIdentity,
  keyIdentity,
  type Lifetime,
  type Load,
  logRefreshFailure,
  type ReadCache,
  RecentDrops,
  scopeOf,
  weightOf,
} from './read-cache.js';
import type { RequestScope } from './request-scope.js';
import { CallPriority } from './scheduler.js';

export interface RedisReadCacheOptions {
  store: RedisStore;
  /** The OneAtlas credential whose answers these are: in every key and channel, so credentials never share. */
  credentialId: string;
  /** The API ('order', 'search'): one cache per API, like the schedulers, since keys name paths only. */
  api: string;
  /**
   * How long a replica waits for another replica's read of the same key before reading itself (and
   * how long a replica's claim on a read lasts): about a call's queue wait plus its timeout.
   */
  flightWaitMs: number;
  /** How often a waiting replica looks for the other replica's answer. */
  pollMs?: number;
  /** Bounds of the answers this replica keeps to serve while Redis does not answer. */
  bounds?: LruBounds;
  logger?: Logger;
  /** Counts the outcome of each read this replica looks up (metrics); readers joining it are not counted again. */
  counter?: CacheReadCounter;
  now?: () => number;
}

/** An answer kept in Redis, as JSON. */
interface StoredEntry {
  /** The answer, encoded by `encode`. */
  value: string;
  refreshAt: number;
  expiresAt: number;
  /** The invalidation generations of the key's scopes when it was read: any newer one voids it. */
  generations: string;
}

/** An answer this replica keeps in memory, served only while Redis does not answer. */
interface LocalCopy {
  value: unknown;
  scopes: readonly string[];
  expiresAt: number;
}

interface Flight {
  value: Promise<unknown>;
  scopes: readonly string[];
}

/** How long the answer of one replica's read waits in Redis for the replicas that wait for it. */
const FLIGHT_ANSWER_KEEP_MS = 10_000;
/** Generation counters outlive any entry they could void (entries live minutes). */
const GENERATION_KEEP_MS = 7 * 24 * 3_600_000;

/**
 * Writes an entry only if no scope of its key was invalidated since the read began: an answer that may
 * predate a mutation is never kept. KEYS: the scopes' generation counters, then the entry;
 * ARGV: the generations the read saw, then the entry and its lifetime in ms.
 */
const WRITE_IF_CURRENT = `
local scopes = #KEYS - 1
for i = 1, scopes do
  if (redis.call('GET', KEYS[i]) or '0') ~= ARGV[i] then return 0 end
end
redis.call('SET', KEYS[scopes + 1], ARGV[scopes + 1], 'PX', ARGV[scopes + 2])
return 1`;

/** Deletes a claim only if it is still the caller's. */
const RELEASE_IF_OWNED = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * The shared ReadCache: answers kept in Redis for every replica of the deployment, with the same
 * semantics as the embedded one (TTL, stale while one background read replaces it, failures never
 * kept), plus:
 * - single flight across replicas: the first replica to claim a key (`SET NX PX`) reads it, the
 *   others wait for its answer (polling, at most `flightWaitMs`, then they read themselves);
 * - invalidation across replicas: each scope (path) has a generation counter that `invalidate`
 *   increments; an entry records the generations it was read under and is void once any moved on,
 *   and a claim is per generation, so a read after a mutation never joins one from before it;
 * - fail safe: while Redis does not answer, an answer this replica read itself is served if it says
 *   how old it is (a lifetime with `staleMs`) and is within its stale window; otherwise the read
 *   fails with STORE_UNAVAILABLE rather than call the upstream outside the fleet's rate budget.
 */
export class RedisReadCache implements ReadCache {
  private readonly store: RedisStore;
  private readonly namespace: string;
  private readonly flightWaitMs: number;
  private readonly pollMs: number;
  private readonly logger: Logger | undefined;
  private readonly counter: CacheReadCounter | undefined;
  private readonly now: () => number;
  private readonly copies: BoundedLru<LocalCopy>;
  private readonly flights = new Map<string, Flight>();
  /** Scopes dropped lately by any replica's mutation: a read that misses below one is urgent. */
  private readonly drops: RecentDrops;
  /** Writes and background refreshes not yet finished; `settled()` waits for them. */
  private readonly pending = new Set<Promise<unknown>>();

  private constructor(options: RedisReadCacheOptions) {
    this.store = options.store;
    this.namespace = `reads:${options.credentialId}:${options.api}:`;
    this.flightWaitMs = options.flightWaitMs;
    this.pollMs = options.pollMs ?? 25;
    this.logger = options.logger;
    this.counter = options.counter;
    this.now = options.now ?? Date.now;
    this.copies = new BoundedLru(options.bounds ?? DEFAULT_READ_CACHE_BOUNDS);
    this.drops = new RecentDrops(this.now);
  }

  /** A cache that also hears the other replicas' invalidations (to drop its own copies and flights). */
  static async open(options: RedisReadCacheOptions): Promise<RedisReadCache> {
    const cache = new RedisReadCache(options);
    await options.store.subscribe(cache.channel, (scope) => cache.forgetLocally(scope));
    return cache;
  }

  /**
   * `scope`: the request the read is for (`forRequest`), whose end also ends a wait for another
   * replica's read; readers joining the read here are told that end and read for themselves.
   */
  read<T>(key: string, lifetime: Lifetime, load: Load<T>, scope?: RequestScope): Promise<T> {
    const identity = keyIdentity(key);
    const flying = this.flights.get(identity.digest);
    if (flying !== undefined) {
      return joinedRead(flying.value as Promise<T>, () => this.read(key, lifetime, load, scope));
    }
    const flight: Flight = {
      value: this.readShared(key, identity, lifetime, load, scope),
      scopes: identity.scopes,
    };
    this.flights.set(identity.digest, flight);
    const done = () => {
      if (this.flights.get(identity.digest) === flight) this.flights.delete(identity.digest);
    };
    flight.value.then(done, done);
    return flight.value as Promise<T>;
  }

  async invalidate(prefix: string): Promise<void> {
    const scope = scopeOf(prefix);
    this.forgetLocally(scope);
    try {
      await this.store.client
        .multi()
        .incr(this.generationKey(scope))
        .pexpire(this.generationKey(scope), GENERATION_KEEP_MS)
        .exec();
      await this.store.publish(this.channel, scope);
    } catch {
      // The mutation happened upstream; other replicas may serve what it changed until their TTL.
      this.logger?.error(
        { store: 'redis', read: prefix.replace(/^(\S+ [^?\s]*).*$/s, '$1') },
        'could not invalidate cached OneAtlas reads across replicas: Redis did not answer',
      );
    }
  }

  forRequest(scope: RequestScope): ReadCache {
    return new RequestReadCache(this, scope);
  }

  /** Waits for the writes and background refreshes started so far (orderly shutdown, tests). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private get channel(): string {
    return `${this.namespace}invalidated`;
  }

  private async readShared<T>(
    key: string,
    identity: KeyIdentity,
    lifetime: Lifetime,
    load: Load<T>,
    scope: RequestScope | undefined,
  ): Promise<T> {
    const { digest, scopes } = identity;
    let generations: string;
    let stored: StoredEntry | undefined;
    try {
      const values = await this.store.client.mget(
        ...scopes.map((scope) => this.generationKey(scope)),
        this.entryKey(digest),
      );
      generations = values
        .slice(0, -1)
        .map((value) => value ?? '0')
        .join('.');
      const raw = values.at(-1);
      stored = raw === null || raw === undefined ? undefined : (JSON.parse(raw) as StoredEntry);
    } catch {
      return this.fromOwnCopy(digest, lifetime);
    }
    const now = this.now();
    if (stored !== undefined && stored.generations === generations && now < stored.expiresAt) {
      const value = decode(stored.value) as T;
      this.keepCopy(identity, lifetime, value, stored.expiresAt);
      if (now >= stored.refreshAt) {
        this.counter?.stale();
        this.track(this.refresh(key, identity, generations, lifetime, load, stored));
      } else {
        this.counter?.hit();
      }
      return value;
    }
    this.counter?.miss();
    return this.readOnce(identity, generations, lifetime, load, scope);
  }

  /**
   * Reads `key` once for the fleet: claims it, or waits for the replica that did. A replica that
   * gave up (failed, or died) leaves its claim, so the next waiter claims and reads.
   */
  private async readOnce<T>(
    identity: KeyIdentity,
    generations: string,
    lifetime: Lifetime,
    load: Load<T>,
    scope: RequestScope | undefined,
  ): Promise<T> {
    const claimKey = this.claimKey(identity.digest, generations);
    const giveUpAt = this.now() + this.flightWaitMs;
    for (;;) {
      const flightId = randomUUID();
      let holder: string | null;
      try {
        const claimed = await this.store.client.set(claimKey, flightId, 'PX', this.flightWaitMs, 'NX');
        holder = claimed === 'OK' ? flightId : await this.store.client.get(claimKey);
      } catch {
        return this.fromOwnCopy(identity.digest, lifetime);
      }
      if (holder === flightId) {
        return this.lead(
          identity,
          generations,
          lifetime,
          load,
          this.drops.missPriority(identity.scopes),
          flightId,
        );
      }
      if (holder === null) continue;
      const answer = await this.awaitFlight(holder, claimKey, giveUpAt, identity.digest, lifetime, scope);
      if (answer.landed) return answer.value as T;
      // Waited long enough: read as if alone, under this replica's scheduler, and keep the answer.
      if (this.now() >= giveUpAt)
        return this.lead(identity, generations, lifetime, load, this.drops.missPriority(identity.scopes));
    }
  }

  /**
   * Polls for the answer of `holder`'s read until it lands, the claim goes, or `giveUpAt`; rejects
   * with the request's end when `scope`'s request ends first.
   */
  private async awaitFlight(
    holder: string,
    claimKey: string,
    giveUpAt: number,
    digest: string,
    lifetime: Lifetime,
    scope: RequestScope | undefined,
  ): Promise<{ landed: true; value: unknown } | { landed: false }> {
    while (this.now() < giveUpAt) {
      await sleep(this.pollMs);
      if (scope?.ended) throw scope.endReason;
      let answer: string | null | undefined;
      let claim: string | null | undefined;
      try {
        [answer, claim] = await this.store.client.mget(this.answerKey(holder), claimKey);
      } catch {
        return { landed: true, value: this.fromOwnCopy(digest, lifetime) };
      }
      if (typeof answer === 'string') return { landed: true, value: decode(answer) };
      if (claim !== holder) return { landed: false };
    }
    return { landed: false };
  }

  /**
   * Reads from the upstream, hands the answer to the replicas waiting for this flight, keeps it if no
   * mutation came in between, and releases the claim. The answer is the caller's even if Redis then
   * fails: it came from the upstream, only sharing it failed.
   */
  private async lead<T>(
    identity: KeyIdentity,
    generations: string,
    lifetime: Lifetime,
    load: Load<T>,
    priority: CallPriority,
    flightId?: string,
  ): Promise<T> {
    let value: T;
    try {
      value = await load(priority);
    } catch (error) {
      if (flightId !== undefined) this.track(this.release(identity.digest, generations, flightId));
      throw error;
    }
    const now = this.now();
    const expiresAt = now + lifetime.ttlMs + (lifetime.staleMs ?? 0);
    this.keepCopy(identity, lifetime, value, expiresAt);
    this.track(this.share(identity, generations, lifetime, value, now, flightId));
    return value;
  }

  private async share(
    identity: KeyIdentity,
    generations: string,
    lifetime: Lifetime,
    value: unknown,
    now: number,
    flightId: string | undefined,
  ): Promise<void> {
    const encoded = encode(value);
    const keepMs = lifetime.ttlMs + (lifetime.staleMs ?? 0);
    try {
      const writes = this.store.client.multi();
      if (flightId !== undefined) writes.set(this.answerKey(flightId), encoded, 'PX', FLIGHT_ANSWER_KEEP_MS);
      if (keepMs > 0) {
        const entry: StoredEntry = {
          value: encoded,
          refreshAt: now + lifetime.ttlMs,
          expiresAt: now + keepMs,
          generations,
        };
        writes.eval(
          WRITE_IF_CURRENT,
          identity.scopes.length + 1,
          ...identity.scopes.map((scope) => this.generationKey(scope)),
          this.entryKey(identity.digest),
          ...generations.split('.'),
          JSON.stringify(entry),
          keepMs,
        );
      }
      if (flightId !== undefined) {
        writes.eval(RELEASE_IF_OWNED, 1, this.claimKey(identity.digest, generations), flightId);
      }
      await writes.exec();
    } catch {
      this.logger?.warn({ store: 'redis' }, 'could not share a OneAtlas read with the other replicas');
    }
  }

  /**
   * Replaces a stale entry with one background read for the whole fleet. When it fails, the entry is
   * not refreshed again for a TTL, as in the embedded cache, so a failing upstream costs one call per
   * TTL across the fleet.
   */
  private async refresh<T>(
    key: string,
    identity: KeyIdentity,
    generations: string,
    lifetime: Lifetime,
    load: Load<T>,
    stale: StoredEntry,
  ): Promise<void> {
    const flightId = randomUUID();
    try {
      const claimKey = this.claimKey(identity.digest, generations);
      if ((await this.store.client.set(claimKey, flightId, 'PX', this.flightWaitMs, 'NX')) !== 'OK') return;
    } catch {
      return;
    }
    try {
      await this.lead(identity, generations, lifetime, load, CallPriority.BACKGROUND, flightId);
    } catch (error) {
      const now = this.now();
      const retryAt = Math.min(now + lifetime.ttlMs, stale.expiresAt);
      const entry: StoredEntry = { ...stale, refreshAt: retryAt };
      await this.store.client
        .eval(
          WRITE_IF_CURRENT,
          identity.scopes.length + 1,
          ...identity.scopes.map((scope) => this.generationKey(scope)),
          this.entryKey(identity.digest),
          ...generations.split('.'),
          JSON.stringify(entry),
          Math.max(1, stale.expiresAt - now),
        )
        .catch(() => undefined);
      logRefreshFailure(this.logger, key, error, Math.max(0, stale.expiresAt - now));
    }
  }

  private async release(digest: string, generations: string, flightId: string): Promise<void> {
    await this.store.client
      .eval(RELEASE_IF_OWNED, 1, this.claimKey(digest, generations), flightId)
      .catch(() => {
        // The claim lapses by itself after flightWaitMs.
      });
  }

  /** Keeps what this replica read or served, for while Redis does not answer; only answers that tell their age. */
  private keepCopy(identity: KeyIdentity, lifetime: Lifetime, value: unknown, expiresAt: number): void {
    if ((lifetime.staleMs ?? 0) <= 0) return;
    this.copies.set(
      identity.digest,
      { value, scopes: identity.scopes, expiresAt },
      weightOf(value, identity),
    );
  }

  private fromOwnCopy<T>(digest: string, lifetime: Lifetime): T {
    const copy = this.copies.get(digest);
    if (copy !== undefined && (lifetime.staleMs ?? 0) > 0 && this.now() < copy.expiresAt) {
      this.counter?.stale();
      return copy.value as T;
    }
    throw redisUnavailableError();
  }

  /** Drops this replica's copies and flights under `scope` (after its own or another replica's mutation). */
  private forgetLocally(scope: string): void {
    this.drops.note(scope);
    this.copies.deleteWhere((copy) => copy.scopes.includes(scope));
    for (const [digest, flight] of this.flights)
      if (flight.scopes.includes(scope)) this.flights.delete(digest);
  }

  private track(work: Promise<unknown>): void {
    this.pending.add(work);
    const done = () => this.pending.delete(work);
    work.then(done, done);
  }

  private entryKey(digest: string): string {
    return `${this.namespace}entry:${digest}`;
  }

  private generationKey(scope: string): string {
    return `${this.namespace}generation:${scope}`;
  }

  private claimKey(digest: string, generations: string): string {
    return `${this.namespace}claim:${digest}:${generations}`;
  }

  private answerKey(flightId: string): string {
    return `${this.namespace}answer:${flightId}`;
  }
}

/** A RedisReadCache as one request uses it: the request is passed along explicitly, never looked up. */
class RequestReadCache implements ReadCache {
  constructor(
    private readonly cache: RedisReadCache,
    private readonly scope: RequestScope,
  ) {}

  read<T>(key: string, lifetime: Lifetime, load: Load<T>): Promise<T> {
    return this.cache.read(key, lifetime, load, this.scope);
  }

  invalidate(prefix: string): Promise<void> {
    return this.cache.invalidate(prefix);
  }

  forRequest(scope: RequestScope): ReadCache {
    return this.cache.forRequest(scope);
  }
}

/** JSON that keeps Dates (`fetchedAt`, windows) as Dates: domain values hold them. */
function encode(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, name, encoded: unknown) {
    const raw = this[name];
    return raw instanceof Date ? { $date: raw.toISOString() } : encoded;
  });
}

function decode(text: string): unknown {
  return JSON.parse(text, (_name, value: unknown) => {
    if (typeof value === 'object' && value !== null && '$date' in value) {
      const keys = Object.keys(value);
      if (keys.length === 1 && typeof value.$date === 'string') return new Date(value.$date);
    }
    return value;
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
