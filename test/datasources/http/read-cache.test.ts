import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type Lifetime, MemoryReadCache, type ReadCache } from '../../../src/datasources/http/read-cache.js';
import { RedisReadCache } from '../../../src/datasources/http/redis-read-cache.js';
import { RequestScope } from '../../../src/datasources/http/request-scope.js';
import { CallPriority } from '../../../src/datasources/http/scheduler.js';
import { ErrorCode, GatewayError } from '../../../src/errors.js';
import type { Logger } from '../../../src/logger.js';
import { connectTestRedis, testRedisForFile } from '../../support/redis.js';
import { captureLogger } from '../../support/stub-upstream.js';

const SHARED: Lifetime = { ttlMs: 0 };
const MINUTE: Lifetime = { ttlMs: 60_000 };
/** Fresh for 1 s, then served stale for 5 s more. */
const STALE_OK: Lifetime = { ttlMs: 1_000, staleMs: 5_000 };

/** A loader that counts its calls, records the priority of each, and answers or fails when told, in order. */
function deferredLoader() {
  const pending: { resolve: (value: string) => void; reject: (error: Error) => void }[] = [];
  const priorities: CallPriority[] = [];
  const next = async () => {
    await vi.waitFor(() => expect(pending.length).toBeGreaterThan(0));
    return pending.shift() as (typeof pending)[number];
  };
  return {
    load: (priority: CallPriority) =>
      new Promise<string>((resolve, reject) => {
        priorities.push(priority);
        pending.push({ resolve, reject });
      }),
    /** Answers the oldest load, once there is one (a shared cache asks Redis before it loads). */
    answer: async (value: string) => (await next()).resolve(value),
    fail: async (error: Error) => (await next()).reject(error),
    calls: () => priorities.length,
    priorities,
  };
}

interface CacheOptions {
  now?: () => number;
  logger?: Logger;
  /** Whose answers: caches of different credentials must never share. */
  credentialId?: string;
}

/** One implementation under test: how to build a cache (another replica's, for a shared one) and wait for it. */
interface Implementation {
  make(options?: CacheOptions): Promise<ReadCache>;
  /** Lets the caches see a load's outcome and finish what they do with it. */
  settle(): Promise<void>;
}

const testRedis = testRedisForFile('read-cache');

const nextImmediate = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Each test reads under a credential of its own, so tests never see each other's keys. */
function redisImplementation(): Implementation {
  const made: RedisReadCache[] = [];
  const testCredential = `credential-${randomUUID()}`;
  return {
    make: async ({ credentialId = testCredential, ...options } = {}) => {
      const cache = await RedisReadCache.open({
        store: testRedis.store(),
        credentialId,
        api: 'order',
        flightWaitMs: 5_000,
        pollMs: 5,
        ...options,
      });
      made.push(cache);
      return cache;
    },
    settle: async () => {
      await nextImmediate();
      await Promise.all(made.map((cache) => cache.settled()));
    },
  };
}

const implementations: [string, () => Implementation][] = [
  [
    'in process',
    () => ({
      make: async (options = {}) => new MemoryReadCache(options),
      settle: nextImmediate,
    }),
  ],
  ['Redis', redisImplementation],
];

/** Tells, once `settle()` has run, whether `promise` has settled: a read that waits for a load has not. */
function watch(promise: Promise<unknown>): { settled: boolean } {
  const state = { settled: false };
  const done = () => {
    state.settled = true;
  };
  promise.then(done, done);
  return state;
}

describe.each(implementations)('ReadCache (%s)', (_name, implementation) => {
  let make: Implementation['make'];
  let settle: Implementation['settle'];
  beforeEach(() => {
    ({ make, settle } = implementation());
  });

  it('shares one load between identical concurrent reads, even with no TTL', async () => {
    const cache = await make();
    const loader = deferredLoader();
    const reads = [1, 2, 3].map(() => cache.read('GET /contracts', SHARED, loader.load));
    await loader.answer('answer');
    expect(await Promise.all(reads)).toEqual(['answer', 'answer', 'answer']);
    expect(loader.calls()).toBe(1);

    // No TTL: the next read loads again.
    const again = cache.read('GET /contracts', SHARED, loader.load);
    await loader.answer('fresh');
    expect(await again).toBe('fresh');
    expect(loader.calls()).toBe(2);
  });

  it('lets a reader outlive the request its shared read ran for: it reads for itself, in its own request', async () => {
    const cache = await make();
    const loader = deferredLoader();
    const readFor: string[] = [];
    // Each reader's load is its own request's (an API's view for that request).
    const loadOf = (requestId: string) => (priority: CallPriority) => {
      readFor.push(requestId);
      return loader.load(priority);
    };
    const first = cache.read('GET /contracts', SHARED, loadOf('a'));
    const joined = cache.read('GET /contracts', SHARED, loadOf('b'));

    // Request a's client left before the read's turn: a is told so, b is not.
    await loader.fail(new GatewayError(ErrorCode.REQUEST_CANCELLED, 'a left'));
    await expect(first).rejects.toMatchObject({ code: ErrorCode.REQUEST_CANCELLED });
    await loader.answer('answer');
    expect(await joined).toBe('answer');
    expect(readFor).toEqual(['a', 'b']);

    // A failure of the read itself is every reader's, and read once.
    const both = [1, 2].map(() => cache.read('GET /contracts', SHARED, loadOf('c')));
    await loader.fail(new Error('down'));
    for (const read of both) await expect(read).rejects.toThrow('down');
    expect(loader.calls()).toBe(3);
  });

  it('keeps an answer for its TTL and then loads again', async () => {
    let now = 0;
    const cache = await make({ now: () => now });
    let calls = 0;
    const load = async () => `answer ${++calls}`;
    expect(await cache.read('k', { ttlMs: 1_000 }, load)).toBe('answer 1');
    now = 999;
    expect(await cache.read('k', { ttlMs: 1_000 }, load)).toBe('answer 1');
    now = 1_000;
    expect(await cache.read('k', { ttlMs: 1_000 }, load)).toBe('answer 2');
  });

  it('never keeps a failure', async () => {
    const cache = await make();
    let calls = 0;
    const load = async () => {
      calls += 1;
      if (calls === 1) throw new Error('down');
      return 'up';
    };
    await expect(cache.read('k', MINUTE, load)).rejects.toThrow('down');
    expect(await cache.read('k', MINUTE, load)).toBe('up');
  });

  it('invalidates a path and everything below it, and nothing else', async () => {
    const cache = await make();
    let version = 1;
    const load = async () => version;
    const keys = [
      'GET /contracts/C1/taskings?count=10',
      'GET /contracts/C1/taskings/ICR_1/segments',
      'GET /contracts/C10/taskings?count=10',
      'GET /contracts/C1/productTypes',
    ];
    for (const key of keys) await cache.read(key, MINUTE, load);
    version = 2;
    await cache.invalidate('GET /contracts/C1/taskings');
    const after = await Promise.all(keys.map((key) => cache.read(key, MINUTE, load)));
    expect(after).toEqual([2, 2, 1, 1]);
  });

  it('reads what a mutation dropped at the mutation’s priority, and an ordinary miss as interactive', async () => {
    const cache = await make();
    const loader = deferredLoader();
    const read = (key: string) => cache.read(key, MINUTE, loader.load);
    const first = read('GET /contracts/C1/taskings?count=10');
    await loader.answer('before the order');
    await first;
    await settle();
    await cache.invalidate('GET /contracts/C1/taskings');
    // Everyone polling that list waits for this read: it must not queue behind the next orders.
    const dropped = read('GET /contracts/C1/taskings?count=10');
    await loader.answer('after the order');
    await dropped;
    const untouched = read('GET /contracts/C2/taskings?count=10');
    await loader.answer('another contract');
    await untouched;
    expect(loader.priorities).toEqual([
      CallPriority.INTERACTIVE,
      CallPriority.CRITICAL,
      CallPriority.INTERACTIVE,
    ]);
  });

  it('does not keep an answer that was on its way when its key was invalidated', async () => {
    const cache = await make();
    const loader = deferredLoader();
    const before = cache.read('GET /contracts/C1/taskings', MINUTE, loader.load);
    await cache.invalidate('GET /contracts/C1/taskings');
    // A read after the mutation does not join the older flight.
    const after = cache.read('GET /contracts/C1/taskings', MINUTE, loader.load);
    await loader.answer('before the mutation');
    await loader.answer('after the mutation');
    expect(await before).toBe('before the mutation');
    expect(await after).toBe('after the mutation');
    expect(await cache.read('GET /contracts/C1/taskings', MINUTE, loader.load)).toBe('after the mutation');
    expect(loader.calls()).toBe(2);
  });

  describe('stale while revalidate', () => {
    const KEY = 'GET /contracts/C1/taskings?customerRef=ref-42';

    /** A cache on a hand-set clock, holding 'v1' read at time 0. */
    async function cacheHoldingV1() {
      const clock = { now: 0 };
      const logs = captureLogger();
      const cache = await make({ now: () => clock.now, logger: logs.logger });
      const loader = deferredLoader();
      const first = cache.read(KEY, STALE_OK, loader.load);
      await loader.answer('v1');
      expect(await first).toBe('v1');
      return { clock, cache, loader, logs };
    }

    it('serves an expired answer during its stale window while one background read replaces it', async () => {
      const { clock, cache, loader } = await cacheHoldingV1();
      clock.now = 1_500;
      // The refresh has not answered: these reads would hang if they waited for it.
      expect(await Promise.all([1, 2, 3].map(() => cache.read(KEY, STALE_OK, loader.load)))).toEqual([
        'v1',
        'v1',
        'v1',
      ]);
      // A shared cache claims the refresh in Redis before it loads.
      await vi.waitFor(() =>
        expect(loader.priorities).toEqual([CallPriority.INTERACTIVE, CallPriority.BACKGROUND]),
      );

      await loader.answer('v2');
      await settle();
      expect(await cache.read(KEY, STALE_OK, loader.load)).toBe('v2');
      // The refreshed answer is fresh for a whole TTL from when it landed.
      clock.now = 2_499;
      expect(await cache.read(KEY, STALE_OK, loader.load)).toBe('v2');
      expect(loader.calls()).toBe(2);
    });

    it('makes callers wait for a read once the stale window is over', async () => {
      const { clock, cache, loader } = await cacheHoldingV1();
      clock.now = 5_999;
      expect(await cache.read(KEY, STALE_OK, loader.load)).toBe('v1');
      await loader.answer('v2');
      await settle();

      clock.now = 5_999 + 6_000;
      const read = cache.read(KEY, STALE_OK, loader.load);
      const state = watch(read);
      await settle();
      expect(state.settled).toBe(false);
      await loader.answer('v3');
      expect(await read).toBe('v3');
      expect(loader.priorities).toEqual([
        CallPriority.INTERACTIVE,
        CallPriority.BACKGROUND,
        CallPriority.INTERACTIVE,
      ]);
    });

    it('lets a caller whose stale answer expired join the refresh still on its way', async () => {
      const { clock, cache, loader } = await cacheHoldingV1();
      clock.now = 1_500;
      expect(await cache.read(KEY, STALE_OK, loader.load)).toBe('v1');
      clock.now = 6_000;
      const read = cache.read(KEY, STALE_OK, loader.load);
      await loader.answer('v2');
      expect(await read).toBe('v2');
      expect(loader.calls()).toBe(2);
    });

    it('never serves stale what a mutation invalidated, nor keeps a refresh that predates it', async () => {
      const { clock, cache, loader } = await cacheHoldingV1();
      clock.now = 1_500;
      await cache.invalidate('GET /contracts/C1/taskings');
      const afterMutation = cache.read(KEY, STALE_OK, loader.load);
      const state = watch(afterMutation);
      await settle();
      expect(state.settled).toBe(false);
      await loader.answer('v2');
      expect(await afterMutation).toBe('v2');

      // A refresh on its way when the mutation comes is not kept either.
      clock.now = 1_500 + 1_500;
      expect(await cache.read(KEY, STALE_OK, loader.load)).toBe('v2');
      await cache.invalidate('GET /contracts/C1/taskings');
      const afterSecondMutation = cache.read(KEY, STALE_OK, loader.load);
      await loader.answer('refreshed before the mutation');
      await loader.answer('v3');
      expect(await afterSecondMutation).toBe('v3');
      await settle();
      expect(await cache.read(KEY, STALE_OK, loader.load)).toBe('v3');
      // What a mutation dropped is read again as urgently as the mutation (everyone waits for it).
      expect(loader.priorities).toEqual([
        CallPriority.INTERACTIVE,
        CallPriority.CRITICAL,
        CallPriority.BACKGROUND,
        CallPriority.CRITICAL,
      ]);
    });

    it('keeps the stale answer until its window ends when a refresh fails, and says so without the query', async () => {
      const { clock, cache, loader, logs } = await cacheHoldingV1();
      const busy = new GatewayError(ErrorCode.UPSTREAM_BUSY, 'queue full', { retryAfterSeconds: 1 });
      clock.now = 1_500;
      expect(await cache.read(KEY, STALE_OK, loader.load)).toBe('v1');
      await loader.fail(busy);
      await settle();

      // No second refresh right away: an upstream failing fast would otherwise be asked on every read.
      expect(await cache.read(KEY, STALE_OK, loader.load)).toBe('v1');
      expect(loader.calls()).toBe(2);
      const warnings = logs.entries().filter((entry) => entry.level === 40);
      expect(warnings).toEqual([
        expect.objectContaining({
          read: 'GET /contracts/C1/taskings',
          code: 'UPSTREAM_BUSY',
          servedStaleForMs: 4_500,
        }),
      ]);
      expect(logs.lines.join('')).not.toContain('ref-42');

      // A TTL later the next read tries again; still failing, the answer is served to the window's end.
      clock.now = 2_500;
      expect(await cache.read(KEY, STALE_OK, loader.load)).toBe('v1');
      await vi.waitFor(() => expect(loader.calls()).toBe(3));
      await loader.fail(busy);
      await settle();
      clock.now = 5_999;
      expect(await cache.read(KEY, STALE_OK, loader.load)).toBe('v1');
      await loader.fail(busy);
      await settle();

      // Then the failure reaches the caller.
      clock.now = 6_000;
      const read = cache.read(KEY, STALE_OK, loader.load);
      await loader.fail(busy);
      await expect(read).rejects.toBe(busy);
      expect(loader.priorities.at(-1)).toBe(CallPriority.INTERACTIVE);
    });
  });
});

describe.each(implementations)('ReadCache (%s) across credentials', (_name, implementation) => {
  it('never shares an entry or a read in flight between two OneAtlas credentials', async () => {
    const { make } = implementation();
    const first = await make({ credentialId: `first-${randomUUID()}` });
    const second = await make({ credentialId: `second-${randomUUID()}` });
    const loader = deferredLoader();
    const reads = [
      first.read('GET /contracts', MINUTE, loader.load),
      second.read('GET /contracts', MINUTE, loader.load),
    ];
    await loader.answer('bought with the first key');
    await loader.answer('bought with the second key');
    expect(new Set(await Promise.all(reads))).toEqual(
      new Set(['bought with the first key', 'bought with the second key']),
    );
    expect(loader.calls()).toBe(2);
  });
});

describe('RedisReadCache: two replicas sharing one Redis', () => {
  const { make, settle } = redisImplementation();

  it('sends one upstream read for identical concurrent reads on both replicas, and both get its answer', async () => {
    const [first, second] = [await make(), await make()];
    const loader = deferredLoader();
    const reads = [1, 2, 3].flatMap(() =>
      [first, second].map((cache) => cache.read('POST /prices {"a":1}', SHARED, loader.load)),
    );
    await loader.answer('one price');
    expect(await Promise.all(reads)).toEqual(Array(6).fill('one price'));
    expect(loader.calls()).toBe(1);
  });

  it('keeps an answer read by one replica for the other, Dates included', async () => {
    const [first, second] = [await make(), await make()];
    const fetchedAt = new Date('2026-01-02T03:04:05Z');
    await first.read('GET /contracts/C1/taskings/T1', MINUTE, async () => ({ id: 'T1', fetchedAt }));
    await settle();
    const load = vi.fn(async () => ({ id: 'T1', fetchedAt: new Date() }));
    expect(await second.read('GET /contracts/C1/taskings/T1', MINUTE, load)).toEqual({ id: 'T1', fetchedAt });
    expect(load).not.toHaveBeenCalled();
  });

  it('drops on every replica what one replica invalidated', async () => {
    const [first, second] = [await make(), await make()];
    await first.read('GET /contracts/C1/taskings?count=10', MINUTE, async () => 'before the order');
    await settle();
    await second.invalidate('GET /contracts');
    expect(
      await first.read('GET /contracts/C1/taskings?count=10', MINUTE, async () => 'after the order'),
    ).toBe('after the order');
  });

  it('makes the read after another replica’s mutation urgent too', async () => {
    const [first, second] = [await make(), await make()];
    await first.read('GET /contracts/C1/taskings?count=10', MINUTE, async () => 'before the order');
    await settle();
    await second.invalidate('GET /contracts/C1/taskings');
    await vi.waitFor(async () => {
      const loader = deferredLoader();
      const read = first.read('GET /contracts/C1/taskings?count=10', SHARED, loader.load);
      await loader.answer('after the order');
      await read;
      expect(loader.priorities).toEqual([CallPriority.CRITICAL]);
    });
  });

  it('waits for the other replica at most flightWaitMs, then reads itself', async () => {
    const impatient = await RedisReadCache.open({
      store: testRedis.store(),
      credentialId: 'waiting',
      api: 'order',
      flightWaitMs: 50,
      pollMs: 5,
    });
    const held = deferredLoader();
    const slow = (
      await RedisReadCache.open({
        store: testRedis.store(),
        credentialId: 'waiting',
        api: 'order',
        flightWaitMs: 5_000,
      })
    ).read('GET /contracts', MINUTE, held.load);
    await vi.waitFor(() => expect(held.calls()).toBe(1));
    expect(await impatient.read('GET /contracts', MINUTE, async () => 'read itself')).toBe('read itself');
    await held.answer('the slow one');
    expect(await slow).toBe('the slow one');
  });
});

describe('RedisReadCache: a request waiting for another replica’s read', () => {
  const REQUEST = { requestId: 'r1', callerKey: 'tenant/caller', upstreamCallBudget: 20 };

  it.each([
    [
      'its deadline passes',
      () => new RequestScope({ ...REQUEST, deadlineMs: 100 }),
      ErrorCode.REQUEST_DEADLINE_EXCEEDED,
    ],
    [
      'its client goes away',
      () => {
        const scope = new RequestScope({ ...REQUEST, deadlineMs: Number.POSITIVE_INFINITY });
        setTimeout(() => scope.close(), 100);
        return scope;
      },
      ErrorCode.REQUEST_CANCELLED,
    ],
  ])('stops waiting, with the request’s end, when %s', async (_case, request, code) => {
    const credentialId = `ending-${randomUUID()}`;
    const open = (flightWaitMs: number) =>
      RedisReadCache.open({ store: testRedis.store(), credentialId, api: 'order', flightWaitMs, pollMs: 5 });
    const held = deferredLoader();
    const slow = (await open(5_000)).read('GET /contracts', MINUTE, held.load);
    await vi.waitFor(() => expect(held.calls()).toBe(1));

    // Patient for 3 s: a wait deaf to the request's end would then read for itself, and answer.
    const waiting = (await open(3_000)).forRequest(request());
    await expect(waiting.read('GET /contracts', MINUTE, async () => 'read itself')).rejects.toMatchObject({
      code,
    });
    await held.answer('the slow one');
    expect(await slow).toBe('the slow one');
  });
});

describe('RedisReadCache when Redis does not answer', () => {
  const STALE_OK_KEY = 'GET /contracts/C1/taskings/T1/segments';

  it('serves its own copy of an answer that tells its age, within its stale window, and refuses the rest', async () => {
    const store = await connectTestRedis(testRedis.keyPrefix);
    let now = 0;
    const cache = await RedisReadCache.open({
      store,
      credentialId: `down-${randomUUID()}`,
      api: 'order',
      flightWaitMs: 1_000,
      now: () => now,
    });
    await cache.read(STALE_OK_KEY, STALE_OK, async () => 'segments read at 0');
    await cache.read('GET /contracts', MINUTE, async () => 'contracts');
    await cache.settled();
    store.client.disconnect();

    now = 5_999;
    expect(await cache.read(STALE_OK_KEY, STALE_OK, async () => 'not asked')).toBe('segments read at 0');
    // Catalogue answers do not say when they were read: without Redis they are refused.
    await expect(cache.read('GET /contracts', MINUTE, async () => 'not asked')).rejects.toMatchObject({
      code: ErrorCode.STORE_UNAVAILABLE,
    });
    now = 6_000;
    await expect(cache.read(STALE_OK_KEY, STALE_OK, async () => 'not asked')).rejects.toMatchObject({
      code: ErrorCode.STORE_UNAVAILABLE,
    });
    await store.close();
  });
});

describe('MemoryReadCache bounds (issue 8)', () => {
  /** A production-options read as OrderApi keys it: the whole AOI polygon is in the key. */
  function optionsKey(seed: number): string {
    const ring = Array.from({ length: 500 }, (_, index) => [seed + index / 1000, 43 + index / 1000]);
    return `POST /contracts/C1/productTypes/PT/options ${JSON.stringify({ aoi: [{ geometry: { coordinates: [ring] } }] })}`;
  }

  it('stays within its entries and bytes under a flood of distinct polygons, keeping the most recent', async () => {
    const cache = new MemoryReadCache({ bounds: { maxEntries: 100, maxBytes: 64 * 1024 } });
    for (let seed = 0; seed < 1_000; seed += 1) {
      await cache.read(optionsKey(seed), MINUTE, async () => [{ option: `answer ${seed}` }]);
      expect(cache.size.entries).toBeLessThanOrEqual(100);
      expect(cache.size.bytes).toBeLessThanOrEqual(64 * 1024);
    }
    // Keys are digests: 100 entries of 20 KB polygons weigh far less than their keys would.
    expect(cache.size.entries).toBe(100);
    expect(await cache.read(optionsKey(999), MINUTE, async () => 'read again')).toEqual([
      { option: 'answer 999' },
    ]);
    expect(await cache.read(optionsKey(0), MINUTE, async () => 'read again')).toBe('read again');
  });

  it('evicts the least recently used, not the oldest, and never keeps an answer heavier than the bound', async () => {
    const cache = new MemoryReadCache({ bounds: { maxEntries: 2, maxBytes: 1_000 } });
    await cache.read('GET /a', MINUTE, async () => 'a');
    await cache.read('GET /b', MINUTE, async () => 'b');
    await cache.read('GET /a', MINUTE, async () => 'a again');
    await cache.read('GET /c', MINUTE, async () => 'c');
    expect(await cache.read('GET /a', MINUTE, async () => 'a reloaded')).toBe('a');
    expect(await cache.read('GET /b', MINUTE, async () => 'b reloaded')).toBe('b reloaded');

    await cache.read('GET /huge', MINUTE, async () => 'x'.repeat(2_000));
    expect(await cache.read('GET /huge', MINUTE, async () => 'reloaded')).toBe('reloaded');
    expect(cache.size.bytes).toBeLessThanOrEqual(1_000);
  });
});
