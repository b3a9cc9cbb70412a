import { randomUUID } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach } from 'vitest';
import { EMBEDDED_STORES, type StoresConfig } from '../../src/config.js';
import type { OrderJournalStore } from '../../src/datasources/orders/order-journal.js';
import {
  MIGRATIONS as POSTGRES_MIGRATIONS,
  PostgresOrderJournal,
} from '../../src/datasources/orders/postgres-order-journal.js';
import {
  MIGRATIONS as SQLITE_MIGRATIONS,
  SqliteOrderJournal,
} from '../../src/datasources/orders/sqlite-order-journal.js';
import {
  applyMigrations,
  connectPostgres,
  type PostgresStore,
} from '../../src/datasources/stores/postgres.js';
import { startTestStack, type TestStack, type TestStackOptions } from './gateway.js';

/** The PostgreSQL the tests share: TEST_DATABASE_URL, else the one the development and CI machines run. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * One place where a test's journals live (a data folder, or a PostgreSQL schema of its own), from which
 * several journals can be opened, as by several processes or replicas, and removed afterwards.
 */
export interface JournalPlace {
  /** `now`: the journal's clock (default the system's). */
  open(now?: () => number): Promise<OrderJournalStore>;
  /** Whether several processes may share it (PostgreSQL), or one only (SQLite). */
  shared: boolean;
  /** The test-stack options of a gateway (in this process) that keeps its journal here. */
  gateway: { stores: StoresConfig; safety: { dataDir?: string } };
  /** The environment of a gateway process (`npm start`) that keeps its journal here. */
  env: Record<string, string>;
  /**
   * Makes the journals here fail every read and write from now on, as a lost volume or database
   * would (the SQLite folder moved away; the PostgreSQL table renamed), until `repair()`.
   */
  break(): Promise<void>;
  repair(): Promise<void>;
  /**
   * Leaves the journal here as a gateway of an earlier version would, before any journal is opened:
   * its first `version` schema migrations, then `statements` (SQL both stores accept) run in order.
   */
  earlier(version: number, statements: readonly string[]): Promise<void>;
  /** Runs `statement` (SQL both stores accept) on the journal as it stands, as a gateway of another version would. */
  execute(statement: string): Promise<void>;
  remove(): Promise<void>;
}

export interface JournalStoreFactory {
  name: string;
  place(): Promise<JournalPlace>;
}

export const sqliteJournals: JournalStoreFactory = {
  name: 'SQLite',
  async place() {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    return {
      shared: false,
      gateway: { stores: EMBEDDED_STORES, safety: { dataDir: dir } },
      env: { GATEWAY_DATA_DIR: dir },
      open: async (now) => SqliteOrderJournal.open(dir, now),
      break: async () => renameSync(dir, `${dir}-away`),
      repair: async () => renameSync(`${dir}-away`, dir),
      async earlier(version, statements) {
        const db = new Database(join(dir, 'orders.sqlite'));
        try {
          for (const migration of [...SQLITE_MIGRATIONS.slice(0, version), ...statements]) db.exec(migration);
          db.pragma(`user_version = ${version}`);
        } finally {
          db.close();
        }
      },
      async execute(statement) {
        const db = new Database(join(dir, 'orders.sqlite'));
        try {
          db.exec(statement);
        } finally {
          db.close();
        }
      },
      async remove() {
        for (const path of [dir, `${dir}-away`]) rmSync(path, { recursive: true, force: true });
      },
    };
  },
};

export const postgresJournals: JournalStoreFactory = {
  name: 'PostgreSQL',
  async place() {
    const schema = `test_journal_${randomUUID().replaceAll('-', '')}`;
    // Connecting first creates the schema, and fails with the line that says what to start.
    const stores: PostgresStore[] = [await connectTestPostgres(schema)];
    return {
      shared: true,
      gateway: {
        stores: { database: { url: TEST_DATABASE_URL, schema, poolSize: 5 }, redis: null },
        safety: {},
      },
      env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, DATABASE_POOL_SIZE: '5' },
      async open(now) {
        const store = await connectTestPostgres(schema);
        stores.push(store);
        return PostgresOrderJournal.open(store, now);
      },
      break: () => administer(`ALTER TABLE ${schema}.order_attempts RENAME TO order_attempts_away`),
      repair: () => administer(`ALTER TABLE ${schema}.order_attempts_away RENAME TO order_attempts`),
      async earlier(version, statements) {
        const store = await connectTestPostgres(schema);
        stores.push(store);
        await applyMigrations(store, 'order-journal', POSTGRES_MIGRATIONS.slice(0, version));
        for (const statement of statements) await store.pool.query(statement);
      },
      async execute(statement) {
        const store = await connectTestPostgres(schema);
        try {
          await store.pool.query(statement);
        } finally {
          await store.close();
        }
      },
      async remove() {
        await Promise.all(stores.map((store) => store.close().catch(() => undefined)));
        await administer(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      },
    };
  },
};

/** Runs one statement on a connection of its own, as an operator would. */
export async function administer(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** Connects as a replica would; fails with the one line that says what to start or set. */
export async function connectTestPostgres(schema: string): Promise<PostgresStore> {
  try {
    return await connectPostgres({ url: TEST_DATABASE_URL, schema, connectTimeoutMs: 2_000 });
  } catch {
    throw new Error(
      `PostgreSQL does not answer at ${TEST_DATABASE_URL}: start it (.ci/run) or set TEST_DATABASE_URL.`,
    );
  }
}

export const JOURNAL_STORES: readonly JournalStoreFactory[] = [sqliteJournals, postgresJournals];

/** `options` for a test stack whose gateway keeps its journal in `place`. */
export function inJournal(place: JournalPlace, options: TestStackOptions = {}): TestStackOptions {
  return {
    ...options,
    stores: place.gateway.stores,
    safety: { ...place.gateway.safety, ...options.safety },
  };
}

/** A test stack whose gateway journals in a fresh place, and that place, both gone after the test. */
export interface JournaledStack {
  stack: TestStack;
  place: JournalPlace;
}

/**
 * Starts, in each test that asks, a stack journaling in a fresh place of `journals`; closes the stack
 * and removes the place after each test.
 */
export function journaledStacks(
  journals: JournalStoreFactory,
): (options?: TestStackOptions) => Promise<JournaledStack> {
  let started: Partial<JournaledStack> = {};
  afterEach(async () => {
    await started.stack?.close();
    await started.place?.remove();
    started = {};
  });
  return async (options = {}) => {
    const place = await journals.place();
    started = { place };
    const stack = await startTestStack(inJournal(place, options));
    started.stack = stack;
    return { stack, place };
  };
}
