import { afterAll, describe, expect, it, vi } from 'vitest';
import { connectRedis } from '../../../src/datasources/stores/redis.js';
import { connectTestRedis, deleteTestKeys, testKeyPrefix } from '../../support/redis.js';

describe('connectRedis', () => {
  const prefix = testKeyPrefix('redis-store');
  afterAll(() => deleteTestKeys(prefix));

  it('prefixes every key with the deployment prefix, answers ping, and closes', async () => {
    const store = await connectTestRedis(prefix);
    await store.client.set('greeting', 'hello');
    const other = await connectTestRedis(testKeyPrefix('redis-store-other'));
    await expect(other.client.get('greeting')).resolves.toBeNull();
    await other.close();

    await expect(store.ping()).resolves.toBe(true);
    await store.close();
    await expect(store.ping()).resolves.toBe(false);
  });

  it('delivers messages published on a channel to every replica subscribed to it, and no other', async () => {
    const [first, second] = await Promise.all([connectTestRedis(prefix), connectTestRedis(prefix)]);
    const elsewhere = await connectTestRedis(testKeyPrefix('redis-store-other'));
    const received: string[] = [];
    await second.subscribe('news', (message) => received.push(`second: ${message}`));
    await second.subscribe('news', (message) => received.push(`second again: ${message}`));
    await elsewhere.subscribe('news', (message) => received.push(`elsewhere: ${message}`));
    await elsewhere.publish('news', 'from another deployment');
    await first.publish('news', 'hello');
    await vi.waitFor(() => expect(received).toHaveLength(3));
    expect(received.sort()).toEqual([
      'elsewhere: from another deployment',
      'second again: hello',
      'second: hello',
    ]);
    await Promise.all([first.close(), second.close(), elsewhere.close()]);
  });

  it('fails with a line that names REDIS_URL but does not quote its password', async () => {
    const refused = connectRedis({
      url: 'redis://user:s3cret-password@127.0.0.1:1',
      keyPrefix: prefix,
      connectTimeoutMs: 500,
    });
    await expect(refused).rejects.toThrow(/REDIS_URL/);
    await expect(refused).rejects.not.toThrow(/s3cret/);
  });
});
