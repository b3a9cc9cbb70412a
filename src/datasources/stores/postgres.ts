import pg from 'pg';
import type { Logger } from '../../logger.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/db`; never logged nor quoted in an error, since it may hold a password. */
  url: string;
  /** The schema every table of this deployment lives in (created when missing). */
  schema: string;
  logger?: Logger;
  /** How long one statement may run: a PostgreSQL that hangs must fail safe, not hang requests. */
  statementTimeoutMs?: number;
  /** How long a connection may take to open. */
  connectTimeoutMs?: number;
  /** Connections in the pool. */
  maxConnections?: number;
}

/** One deployment's PostgreSQL: a pool whose connections all use the deployment's schema. */
export interface PostgresStore {
  readonly pool: pg.Pool;
  readonly schema: string;
  /** A connection of its own, outside the pool (for session-level advisory locks such as leases). */
  dedicatedClient(): Promise<pg.Client>;
  /** Whether PostgreSQL answers now (for `/readyz`); never throws. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** BIGINT columns (epoch milliseconds) come back as numbers, not strings: they stay far below 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Connects and checks the connection once; fails with a message that does not quote the URL. */
export async function connectPostgres({
  url,
  schema,
  logger,
  statementTimeoutMs = 5_000,
  connectTimeoutMs = 5_000,
  maxConnections = 10,
}: PostgresStoreOptions): Promise<PostgresStore> {
  if (!SCHEMA_NAME.test(schema))
    throw new Error(`PostgreSQL schema name "${schema}" is not a plain identifier.`);
  const config: pg.ClientConfig = {
    connectionString: url,
    connectionTimeoutMillis: connectTimeoutMs,
    options: `-c search_path=${schema} -c statement_timeout=${statementTimeoutMs}`,
    types,
  };
  const pool = new pg.Pool({ ...config, max: maxConnections });
  // An idle connection that drops is replaced by the pool; it must not crash the process.
  pool.on('error', (error) => logger?.warn({ code: codeOf(error) }, 'PostgreSQL connection lost'));
  try {
    await createSchema(pool, schema);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(`PostgreSQL does not answer (${codeOf(error)}).`);
  }
  return {
    pool,
    schema,
    async dedicatedClient() {
      const client = new pg.Client(config);
      client.on('error', (error) => logger?.warn({ code: codeOf(error) }, 'PostgreSQL connection lost'));
      await client.connect();
      return client;
    },
    async ping() {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    close: () => pool.end(),
  };
}

/** Replicas starting together race on CREATE SCHEMA IF NOT EXISTS: the loser's error means it exists. */
async function createSchema(pool: pg.Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    const code = codeOf(error);
    // 42P06 duplicate_schema, 23505 unique_violation (on the catalogue): another replica created it.
    if (code !== '42P06' && code !== '23505') throw error;
  }
}

/**
 * Applies a component's migrations that this schema lacks, each in its own transaction, under an
 * advisory lock: replicas starting together apply each migration exactly once, and a replica never
 * runs against a half-migrated schema.
 */
export async function applyMigrations(
  store: PostgresStore,
  component: string,
  migrations: readonly string[],
): Promise<void> {
  const client = await store.pool.connect();
  const lock = [`migrations:${store.schema}`];
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', lock);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         component TEXT NOT NULL, version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
         PRIMARY KEY (component, version))`,
    );
    const { rows } = await client.query<{ version: number }>(
      'SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations WHERE component = $1',
      [component],
    );
    for (let version = (rows[0]?.version ?? 0) + 1; version <= migrations.length; version += 1) {
      await client.query('BEGIN');
      try {
        await client.query(migrations[version - 1] ?? '');
        await client.query('INSERT INTO schema_migrations (component, version) VALUES ($1, $2)', [
          component,
          version,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', lock).catch(() => undefined);
    client.release();
  }
}

/** The SQLSTATE or system code of a failure (e.g. 57P01, ECONNREFUSED), never a message that may quote data. */
export function codeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? code : 'unexpected failure';
}
