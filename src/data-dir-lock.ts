import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from './config.js';
import { reasonOf } from './datasources/orders/sqlite-order-journal.js';
import { makeDirectory } from './make-directory.js';

export interface DataDirLock {
  release(): void;
}

/**
 * One process per data directory: the SQLite journal and the embedded simulator's state assume they
 * are alone, and a second gateway on the same folder would settle the first one's orders in flight as
 * interrupted. The lock is SQLite's own exclusive file lock, held by an open transaction, so the
 * operating system drops it when the process dies: a crash never leaves a stale lock behind.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  let db: Database.Database | undefined;
  try {
    makeDirectory(resolve(dataDir));
    // No busy wait: a folder in use is refused at once.
    db = new Database(join(dataDir, 'gateway.lock'), { timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db?.close();
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY') {
      throw new ConfigError(
        `GATEWAY_DATA_DIR (${dataDir}) is in use by another running oneatlas-gateway: one process per data directory. Stop the other one, or give this one its own GATEWAY_DATA_DIR.`,
      );
    }
    throw new ConfigError(`GATEWAY_DATA_DIR (${dataDir}) cannot be used: ${reasonOf(error)}.`);
  }
  const held = db;
  return { release: () => held.close() };
}
