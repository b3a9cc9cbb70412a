import { ConfigError, type StoresConfig } from './config.js';
import type { OrderJournalStore } from './datasources/orders/order-journal.js';
import { SqliteOrderJournal } from './datasources/orders/sqlite-order-journal.js';
import { codeOf, connectPostgres, type PostgresStore } from './datasources/stores/postgres.js';
import { PostgresOrderJournal } from './datasources/stores/postgres-order-journal.js';
import type { Logger } from './logger.js';

/**
 * The stores of one gateway process, embedded or shared: the one place that chooses between them.
 * Shared stores are what make N replicas behave as one (one journal, one budget per tenant).
 */
export interface Stores {
  journal: OrderJournalStore;
  /** Whether other processes write the same journal (PostgreSQL): recovery then leaves their attempts alone. */
  sharedJournal: boolean;
  /** Closes the journal, then its connections. */
  close(): Promise<void>;
}

/**
 * PostgreSQL when `config.database` is set (migrations applied under an advisory lock), else SQLite
 * in `dataDir`. A store that does not answer stops start-up with one line that never quotes its URL.
 */
export async function openStores(config: StoresConfig, dataDir: string, logger: Logger): Promise<Stores> {
  if (config.database === null) {
    const journal = SqliteOrderJournal.open(dataDir);
    return { journal, sharedJournal: false, close: () => journal.close() };
  }
  const { url, schema, poolSize } = config.database;
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
    journal,
    sharedJournal: true,
    async close() {
      await journal.close();
      await postgres.close();
    },
  };
}
