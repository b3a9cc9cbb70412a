import { describe, expect, it } from 'vitest';
import { type Lifetime, MemoryReadCache } from '../../../src/datasources/http/read-cache.js';
import { CallPriority } from '../../../src/datasources/http/scheduler.js';
import { ErrorCode, GatewayError } from '../../../src/errors.js';
import { captureLogger } from '../../support/stub-upstream.js';

const SHARED: Lifetime = { ttlMs: 0 };
const MINUTE: Lifetime = { ttlMs: 60_000 };
/** Fresh for 1 s, then served stale for 5 s more. */
const STALE_OK: Lifetime = { ttlMs: 1_000, staleMs: 5_000 };

/** A loader that counts its calls, records the priority of each, and answers or fails when told, in order. */
function deferredLoader() {
  const pending: { resolve: (value: string) => void; reject: (error: Error) => void }[] = [];
  const priorities: CallPriority[] = [];
  return {
    load: (priority: CallPriority) =>
      new Promise<string>((resolve, reject) => {
        priorities.push(priority);
        pending.push({ resolve, reject });
      }),
    answer: (value: string) => pending.shift()?.resolve(value),
    fail: (error: Error) => pending.shift()?.reject(error),
    calls: () => priorities.length,
    priorities,
  };
}

/** Lets the cache see a load's outcome: its callbacks run once pending promise jobs have. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Tells, once `settle()` has run, whether `promise` has settled: a read that waits for a load has not. */
function watch(promise: Promise<unknown>): { settled: boolean } {
  const state = { settled: false };
  const done = () => {
    state.settled = true;
  };
  promise.then(done, done);
  return state;
}

describe('ReadCache', () => {
  it('shares one load between identical concurrent reads, even with no TTL', async () => {
    const cache = new MemoryReadCache();
    const loader = deferredLoader();
    const reads = [1, 2, 3].map(() => cache.read('GET /contracts', SHARED, loader.load));
    loader.answer('answer');
    expect(await Promise.all(reads)).toEqual(['answer', 'answer', 'answer']);
    expect(loader.calls()).toBe(1);

    // No TTL: the next read loads again.
    const again = cache.read('GET /contracts', SHARED, loader.load);
    loader.answer('fresh');
    expect(await again).toBe('fresh');
    expect(loader.calls()).toBe(2);
  });

  it('keeps an answer for its TTL and then loads again', async () => {
    let now = 0;
    const cache = new MemoryReadCache({ now: () => now });
    let calls = 0;
    const load = async () => `answer ${++calls}`;
    expect(await cache.read('k', { ttlMs: 1_000 }, load)).toBe('answer 1');
    now = 999;
    expect(await cache.read('k', { ttlMs: 1_000 }, load)).toBe('answer 1');
    now = 1_000;
    expect(await cache.read('k', { ttlMs: 1_000 }, load)).toBe('answer 2');
  });

  it('never keeps a failure', async () => {
    const cache = new MemoryReadCache();
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
    const cache = new MemoryReadCache();
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
    cache.invalidate('GET /contracts/C1/taskings');
    const after = await Promise.all(keys.map((key) => cache.read(key, MINUTE, load)));
    expect(after).toEqual([2, 2, 1, 1]);
  });

  it('does not keep an answer that was on its way when its key was invalidated', async () => {
    const cache = new MemoryReadCache();
    const loader = deferredLoader();
    const before = cache.read('GET /contracts/C1/taskings', MINUTE, loader.load);
    cache.invalidate('GET /contracts/C1/taskings');
    // A read after the mutation does not join the older flight.
    const after = cache.read('GET /contracts/C1/taskings', MINUTE, loader.load);
    loader.answer('before the mutation');
    loader.answer('after the mutation');
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
      const cache = new MemoryReadCache({ now: () => clock.now, logger: logs.logger });
      const loader = deferredLoader();
      const first = cache.read(KEY, STALE_OK, loader.load);
      loader.answer('v1');
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
      expect(loader.priorities).toEqual([CallPriority.INTERACTIVE, CallPriority.BACKGROUND]);

      loader.answer('v2');
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
      loader.answer('v2');
      await settle();

      clock.now = 5_999 + 6_000;
      const read = cache.read(KEY, STALE_OK, loader.load);
      const state = watch(read);
      await settle();
      expect(state.settled).toBe(false);
      loader.answer('v3');
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
      loader.answer('v2');
      expect(await read).toBe('v2');
      expect(loader.calls()).toBe(2);
    });

    it('never serves stale what a mutation invalidated, nor keeps a refresh that predates it', async () => {
      const { clock, cache, loader } = await cacheHoldingV1();
      clock.now = 1_500;
      cache.invalidate('GET /contracts/C1/taskings');
      const afterMutation = cache.read(KEY, STALE_OK, loader.load);
      const state = watch(afterMutation);
      await settle();
      expect(state.settled).toBe(false);
      loader.answer('v2');
      expect(await afterMutation).toBe('v2');

      // A refresh on its way when the mutation comes is not kept either.
      clock.now = 1_500 + 1_500;
      expect(await cache.read(KEY, STALE_OK, loader.load)).toBe('v2');
      cache.invalidate('GET /contracts/C1/taskings');
      const afterSecondMutation = cache.read(KEY, STALE_OK, loader.load);
      loader.answer('refreshed before the mutation');
      loader.answer('v3');
      expect(await afterSecondMutation).toBe('v3');
      await settle();
      expect(await cache.read(KEY, STALE_OK, loader.load)).toBe('v3');
      expect(loader.priorities).toEqual([
        CallPriority.INTERACTIVE,
        CallPriority.INTERACTIVE,
        CallPriority.BACKGROUND,
        CallPriority.INTERACTIVE,
      ]);
    });

    it('keeps the stale answer until its window ends when a refresh fails, and says so without the query', async () => {
      const { clock, cache, loader, logs } = await cacheHoldingV1();
      const busy = new GatewayError(ErrorCode.UPSTREAM_BUSY, 'queue full', { retryAfterSeconds: 1 });
      clock.now = 1_500;
      expect(await cache.read(KEY, STALE_OK, loader.load)).toBe('v1');
      loader.fail(busy);
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
      expect(loader.calls()).toBe(3);
      loader.fail(busy);
      await settle();
      clock.now = 5_999;
      expect(await cache.read(KEY, STALE_OK, loader.load)).toBe('v1');
      loader.fail(busy);
      await settle();

      // Then the failure reaches the caller.
      clock.now = 6_000;
      const read = cache.read(KEY, STALE_OK, loader.load);
      loader.fail(busy);
      await expect(read).rejects.toBe(busy);
      expect(loader.priorities.at(-1)).toBe(CallPriority.INTERACTIVE);
    });
  });
});
