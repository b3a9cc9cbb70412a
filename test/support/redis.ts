import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RedisConfig } from '../../src/config.js';
import { connectRedis, type RedisStore } from '../../src/datasources/stores/redis.js';

/** The Redis the tests share: TEST_REDIS_URL, else the one the development and CI machines run. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other run (or test file) uses, so runs can share one Redis and clean up after themselves. */
export function testKeyPrefix(label: string): string {
  return `oneatlas-gateway-test:${label}:${randomUUID()}:`;
}

/** Connects as a replica would; fails with the one line that says what to start or set. */
export async function connectTestRedis(keyPrefix: string): Promise<RedisStore> {
  try {
    return await connectRedis({ url: TEST_REDIS_URL, keyPrefix, connectTimeoutMs: 2_000 });
  } catch {
    throw new Error(
      `Redis does not answer at ${TEST_REDIS_URL}: start it (redis-server, or .ci/run) or set TEST_REDIS_URL.`,
    );
  }
}

/** Deletes every key under `keyPrefix` (SCAN patterns are not prefixed by ioredis, hence a plain connection). */
export async function deleteTestKeys(keyPrefix: string): Promise<void> {
  const plain = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await plain.connect();
    let cursor = '0';
    do {
      const [next, keys] = await plain.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 500);
      if (keys.length > 0) await plain.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    plain.disconnect();
  }
}

/**
 * A Redis configuration of the test's own (a fresh key prefix) for a gateway to connect to, checked
 * to answer first so a missing Redis fails with the one line that says what to do; `remove` deletes
 * its keys afterwards.
 */
export async function testRedisConfig(
  label: string,
): Promise<{ config: RedisConfig; remove(): Promise<void> }> {
  const keyPrefix = testKeyPrefix(label);
  await (await connectTestRedis(keyPrefix)).close();
  return { config: { url: TEST_REDIS_URL, keyPrefix }, remove: () => deleteTestKeys(keyPrefix) };
}
