import { describe, expect, it } from 'vitest';
import { ReadCache } from '../../../src/datasources/http/read-cache.js';

/** A loader that counts its calls and answers when told. */
function deferredLoader() {
  const pending: ((value: string) => void)[] = [];
  let calls = 0;
  return {
    load: () =>
      new Promise<string>((resolve) => {
        calls += 1;
        pending.push(resolve);
      }),
    answer: (value: string) => pending.shift()?.(value),
    calls: () => calls,
  };
}

describe('ReadCache', () => {
  it('shares one load between identical concurrent reads, even with no TTL', async () => {
    const cache = new ReadCache();
    const loader = deferredLoader();
    const reads = [1, 2, 3].map(() => cache.read('GET /contracts', 0, loader.load));
    loader.answer('answer');
    expect(await Promise.all(reads)).toEqual(['answer', 'answer', 'answer']);
    expect(loader.calls()).toBe(1);

    // No TTL: the next read loads again.
    const again = cache.read('GET /contracts', 0, loader.load);
    loader.answer('fresh');
    expect(await again).toBe('fresh');
    expect(loader.calls()).toBe(2);
  });

  it('keeps an answer for its TTL and then loads again', async () => {
    let now = 0;
    const cache = new ReadCache({ now: () => now });
    let calls = 0;
    const load = async () => `answer ${++calls}`;
    expect(await cache.read('k', 1_000, load)).toBe('answer 1');
    now = 999;
    expect(await cache.read('k', 1_000, load)).toBe('answer 1');
    now = 1_000;
    expect(await cache.read('k', 1_000, load)).toBe('answer 2');
  });

  it('never keeps a failure', async () => {
    const cache = new ReadCache();
    let calls = 0;
    const load = async () => {
      calls += 1;
      if (calls === 1) throw new Error('down');
      return 'up';
    };
    await expect(cache.read('k', 60_000, load)).rejects.toThrow('down');
    expect(await cache.read('k', 60_000, load)).toBe('up');
  });

  it('invalidates a path and everything below it, and nothing else', async () => {
    const cache = new ReadCache();
    let version = 1;
    const load = async () => version;
    const keys = [
      'GET /contracts/C1/taskings?count=10',
      'GET /contracts/C1/taskings/ICR_1/segments',
      'GET /contracts/C10/taskings?count=10',
      'GET /contracts/C1/productTypes',
    ];
    for (const key of keys) await cache.read(key, 60_000, load);
    version = 2;
    cache.invalidate('GET /contracts/C1/taskings');
    const after = await Promise.all(keys.map((key) => cache.read(key, 60_000, load)));
    expect(after).toEqual([2, 2, 1, 1]);
  });

  it('does not keep an answer that was on its way when its key was invalidated', async () => {
    const cache = new ReadCache();
    const loader = deferredLoader();
    const before = cache.read('GET /contracts/C1/taskings', 60_000, loader.load);
    cache.invalidate('GET /contracts/C1/taskings');
    // A read after the mutation does not join the older flight.
    const after = cache.read('GET /contracts/C1/taskings', 60_000, loader.load);
    loader.answer('before the mutation');
    loader.answer('after the mutation');
    expect(await before).toBe('before the mutation');
    expect(await after).toBe('after the mutation');
    expect(await cache.read('GET /contracts/C1/taskings', 60_000, loader.load)).toBe('after the mutation');
    expect(loader.calls()).toBe(2);
  });
});
