import type { Redis } from 'ioredis';
import { ErrorCode, GatewayError } from '../../errors.js';
import type { Logger } from '../../logger.js';

export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`; never logged, since it may hold a password. */
  url: string;
  /**
   * Prepended to every key this process writes, so that several deployments (or test runs) can share
   * one Redis without seeing each other's keys. Conventionally ends with `:`.
   */
  keyPrefix: string;
  logger?: Logger;
  /** How long one command may take before it fails: a Redis that hangs must fail safe, not hang requests. */
  commandTimeoutMs?: number;
  /** How long `connectRedis` waits for the first connection. */
  connectTimeoutMs?: number;
}

/**
 * One connection to the Redis that the replicas of a deployment share. Keys given to `client` are
 * prefixed with `keyPrefix` by ioredis itself (Lua scripts' KEYS included; SCAN patterns are not).
 *
 * Commands are not queued while the connection is down: they fail at once, so that callers can fail
 * safe (or serve what they hold) instead of waiting for a Redis that may not come back.
 */
export interface RedisStore {
  readonly client: Redis;
  readonly keyPrefix: string;
  /** Whether Redis answers now (for `/readyz`); never throws. */
  ping(): Promise<boolean>;
  /**
   * Calls `onMessage` for every message published on `channel` (prefixed with `keyPrefix`, as keys
   * are) by any replica, this one included. All subscriptions share one second connection (a
   * subscribed connection can do nothing else), re-subscribed by ioredis after a reconnect.
   * Resolves once Redis confirmed the subscription.
   */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<void>;
  /** Publishes `message` on `channel` (prefixed with `keyPrefix`). */
  publish(channel: string, message: string): Promise<void>;
  close(): Promise<void>;
}

/** What a caller gets when Redis does not answer and nothing may be served without it. */
export function redisUnavailableError(): GatewayError {
  return new GatewayError(
    ErrorCode.STORE_UNAVAILABLE,
    'The store the gateway replicas share (Redis) does not answer; nothing was sent upstream. Retry shortly.',
    { retryAfterSeconds: 1 },
  );
}

/** Connects to Redis and waits for the connection; fails with a message that does not quote the URL. */
export async function connectRedis({
  url,
  keyPrefix,
  logger,
  commandTimeoutMs = 2_000,
  connectTimeoutMs = 5_000,
}: RedisStoreOptions): Promise<RedisStore> {
  // Loaded here, not with the module: a replica without REDIS_URL never loads the client.
  const { Redis } = await import('ioredis');
  const connect = (): Redis => {
    const connection = new Redis(url, {
      keyPrefix,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: commandTimeoutMs,
      connectTimeout: connectTimeoutMs,
      // Reconnect forever, backing off to 2 s: a replica outlives a Redis restart.
      retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    });
    watch(connection, logger);
    return connection;
  };
  const client = connect();
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new Error(`Redis did not answer at REDIS_URL (${describe(error)}).`);
  }
  let subscriberConnection: Redis | undefined;
  const handlers = new Map<string, ((message: string) => void)[]>();
  const subscriber = (): Redis => {
    if (subscriberConnection !== undefined) return subscriberConnection;
    // Subscribing needs the offline queue: SUBSCRIBE waits for the connection, and ioredis sends it
    // again after every reconnect.
    const connection = new Redis(url, {
      connectTimeout: connectTimeoutMs,
      retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
    });
    watch(connection, logger);
    connection.on('message', (channel: string, message: string) => {
      for (const handler of handlers.get(channel) ?? []) handler(message);
    });
    subscriberConnection = connection;
    return connection;
  };
  return {
    client,
    keyPrefix,
    async ping() {
      try {
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async subscribe(channel, onMessage) {
      const name = `${keyPrefix}${channel}`;
      const existing = handlers.get(name);
      if (existing !== undefined) {
        existing.push(onMessage);
        return;
      }
      handlers.set(name, [onMessage]);
      await subscriber().subscribe(name);
    },
    async publish(channel, message) {
      await client.publish(`${keyPrefix}${channel}`, message);
    },
    async close() {
      const connections = subscriberConnection === undefined ? [client] : [client, subscriberConnection];
      await Promise.allSettled(connections.map((connection) => connection.quit()));
      for (const connection of connections) connection.disconnect();
    },
  };
}

/** Logs losing and regaining the connection once each, not every failed reconnect attempt. */
function watch(connection: Redis, logger: Logger | undefined): void {
  let lost = false;
  connection.on('error', (error: unknown) => {
    if (lost) return;
    lost = true;
    logger?.warn({ store: 'redis', cause: describe(error) }, 'Redis connection lost; retrying');
  });
  connection.on('ready', () => {
    if (!lost) return;
    lost = false;
    logger?.info({ store: 'redis' }, 'Redis connection restored');
  });
}

/** The error's code or class name: ioredis messages quote host and port, never the password, but stay terse. */
function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return error instanceof Error ? error.name : 'unknown error';
}
