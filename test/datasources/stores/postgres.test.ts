import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  applyMigrations,
  connectPostgres,
  type PostgresStore,
} from '../../../src/datasources/stores/postgres.js';
import { connectTestPostgres, TEST_DATABASE_URL } from '../../support/journal-stores.js';

describe('connectPostgres', () => {
  it('fails with a line that names the failure but never quotes the URL or its password', async () => {
    const refused = connectPostgres({
      url: 'postgres://postgres:hunter2-canary@127.0.0.1:1/test',
      schema: 'anything',
      connectTimeoutMs: 2_000,
    });
    await expect(refused).rejects.toThrow(/PostgreSQL does not answer \(ECONNREFUSED\)/);
    await expect(refused).rejects.not.toThrow(/hunter2-canary|127\.0\.0\.1/);
  });

  it('refuses a schema name that is not a plain identifier, before connecting', async () => {
    await expect(
      connectPostgres({ url: TEST_DATABASE_URL, schema: 'x; DROP SCHEMA public' }),
    ).rejects.toThrow(/not a plain identifier/);
  });
});

describe('applyMigrations', () => {
  it('applies each migration once when replicas start together, each in its own transaction', async () => {
    const schema = `test_migrations_${randomUUID().replaceAll('-', '')}`;
    const replicas: PostgresStore[] = await Promise.all([1, 2, 3].map(() => connectTestPostgres(schema)));
    // Applied twice, the CREATE TABLE would fail; the failing third one must leave nothing behind.
    const migrations = ['CREATE TABLE counted (id INTEGER)', 'INSERT INTO counted VALUES (1)'];
    try {
      await Promise.all(replicas.map((store) => applyMigrations(store, 'test', migrations)));
      const [first] = replicas;
      if (first === undefined) throw new Error('no replica');
      expect((await first.pool.query('SELECT count(*)::int AS n FROM counted')).rows[0]).toEqual({ n: 1 });

      const broken = [...migrations, 'CREATE TABLE half (id INTEGER); SELECT no_such_function()'];
      await expect(applyMigrations(first, 'test', broken)).rejects.toThrow();
      const half = await first.pool.query("SELECT to_regclass('half') AS found");
      expect(half.rows[0]).toEqual({ found: null });
      const versions = await first.pool.query(
        "SELECT version FROM schema_migrations WHERE component = 'test' ORDER BY version",
      );
      expect(versions.rows).toEqual([{ version: 1 }, { version: 2 }]);
    } finally {
      const [first] = replicas;
      await first?.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await Promise.all(replicas.map((store) => store.close()));
    }
  });
});
