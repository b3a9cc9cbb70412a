import { ConfigError, type StoresConfig } from './config.js';
import type { OrderJournalStore } from './datasources/orders/order-journal.js';
import type { PostgresOrderJournal } from './datasources/orders/postgres-order-journal.js';
import type { PostgresStore } from './datasources/stores/postgres.js';
import type { RedisStore } from './datasources/stores/redis.js';
import type { Logger } from './logger.js';

/**
 * The stores of one gateway process, embedded or shared: the one place that chooses between them.
 * Shared stores are what make N replicas behave as one (one journal, one budget per tenant).
 */
export interface Stores {
  journal: OrderJournalStore;
  /** Whether other processes write the same journal (PostgreSQL): recovery then leaves their attempts alone. */
  sharedJournal: boolean;
  /** The Redis the replicas share their token, rate budget and read caches through; null when embedded. */
  redis: RedisStore | null;
  /** Closes the journal and Redis, then their connections. */
  close(): Promise<void>;
}

/** What a replica's stores answer now, for `/readyz`: null where the store is embedded (a type, so it is a record). */
export type StoresReadiness = {
  journal: boolean;
  redis: boolean | null;
};

/**
 * PostgreSQL when `config.database` is set (migrations applied under an advisory lock), else SQLite
 * in `dataDir`; Redis when `config.redis` is set. A store that does not answer stops start-up with
 * one line that never quotes its URL. Each store's driver is loaded only when it is configured: a
 * process holds the code and memory of the stores it uses, not of all four.
 */
export async function openStores(config: StoresConfig, dataDir: string, logger: Logger): Promise<Stores> {
  const journal = await openJournal(config, dataDir, logger);
  let redis: RedisStore | null = null;
  if (config.redis !== null) {
    const { connectRedis } = await import('./datasources/stores/redis.js');
    try {
      redis = await connectRedis({ ...config.redis, logger });
    } catch (error) {
      await journal.close();
      throw new ConfigError(`REDIS_URL: ${(error as Error).message} Check that Redis runs and the URL.`);
    }
    logger.info({ keyPrefix: config.redis.keyPrefix }, 'token, rate budget and caches shared through Redis');
  }
  return {
    journal: journal.store,
    sharedJournal: journal.shared,
    redis,
    async close() {
      await journal.close();
      await redis?.close();
    },
  };
}

export async function readinessOf(stores: Stores): Promise<StoresReadiness> {
  const [journal, redis] = await Promise.all([stores.journal.isReady(), stores.redis?.ping() ?? null]);
  return { journal, redis };
}

interface OpenJournal {
  store: OrderJournalStore;
  shared: boolean;
  close(): Promise<void>;
}

async function openJournal(config: StoresConfig, dataDir: string, logger: Logger): Promise<OpenJournal> {
  if (config.database === null) {
    const { SqliteOrderJournal } = await import('./datasources/orders/sqlite-order-journal.js');
    const journal = SqliteOrderJournal.open(dataDir);
    return { store: journal, shared: false, close: () => journal.close() };
  }
  const { url, schema, poolSize } = config.database;
  const { codeOf, connectPostgres } = await import('./datasources/stores/postgres.js');
  const { PostgresOrderJournal } = await import('./datasources/orders/postgres-order-journal.js');
  let postgres: PostgresStore;
  try {
    postgres = await connectPostgres({ url, schema, logger, maxConnections: poolSize });
  } catch (error) {
    throw new ConfigError(
      `DATABASE_URL: ${(error as Error).message} Check that PostgreSQL runs and the URL.`,
    );
  }
  let journal: PostgresOrderJournal;
  try {
    journal = await PostgresOrderJournal.open(postgres);
  } catch (error) {
    await postgres.close().catch(() => undefined);
    throw new ConfigError(
      `DATABASE_URL: the order journal's migrations could not be applied in schema ${schema} (${codeOf(error)}).`,
    );
  }
  logger.info({ schema }, 'order journal in PostgreSQL (shared by the replicas)');
  return {
    store: journal,
    shared: true,
    async close() {
      await journal.close();
      await postgres.close();
    },
  };
}
