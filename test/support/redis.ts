import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
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

/** A Redis server of the test's own on a free loopback port, so a test can take it away mid-run. */
export interface PrivateRedis {
  config: RedisConfig;
  /** SIGKILL: the store is gone, as when its host dies. */
  kill(): Promise<void>;
}

/** Starts `redis-server` (Debian's `redis-server` package) on a free loopback port, keeping nothing on disk. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freeLoopbackPort();
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  server.once('error', () => undefined);
  const config = { url: `redis://127.0.0.1:${port}`, keyPrefix: testKeyPrefix('private') };
  for (let tries = 0; ; tries += 1) {
    try {
      await (await connectRedis({ ...config, connectTimeoutMs: 200 })).close();
      break;
    } catch {
      if (tries >= 50) {
        server.kill('SIGKILL');
        throw new Error("redis-server did not start: install Debian's redis-server package (see .ci/run).");
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    config,
    async kill() {
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
      await exited;
    },
  };
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject()));
    });
  });
}

/**
 * A Redis connection of the calling test file's own, under a fresh key prefix: connected before its
 * tests run, closed and its keys removed after them. Call at the top level of the file.
 */
export function testRedisForFile(label: string): { store(): RedisStore; keyPrefix: string } {
  const keyPrefix = testKeyPrefix(label);
  let connected: RedisStore | undefined;
  beforeAll(async () => {
    connected = await connectTestRedis(keyPrefix);
  });
  afterAll(async () => {
    await connected?.close();
    await deleteTestKeys(keyPrefix);
  });
  return {
    keyPrefix,
    store() {
      if (connected === undefined) throw new Error('the test Redis is connected in beforeAll');
      return connected;
    },
  };
}
