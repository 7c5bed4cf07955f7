import { fixedQuery } from './compiled-once.js';
import type { Db, Dialect } from './database.js';
import { dropHeld, holdInserts, writeHeld } from './held-inserts.js';

/**
 * Runs `work` in one transaction and returns its result; any throw rolls everything back.
 *
 * SQLite write transactions begin IMMEDIATE so that two writers never both read and then
 * fail to upgrade their lock (SQLITE_BUSY mid-transaction). Kysely's SQLite dialect holds one
 * connection, so `connection()` gives us exclusive use of it for the duration.
 * Audit entries, outbox mail and deliveries are written just before COMMIT (db/held-inserts.ts).
 */
export async function withTransaction<T>(db: Db, dialect: Dialect, work: (tx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction || openSqliteTransactions.has(db)) return work(db);
  if (dialect === 'postgres') {
    return db.transaction().execute(async (trx) => {
      holdInserts(trx);
      try {
        const result = await work(trx);
        await writeHeld(trx);
        return result;
      } finally {
        dropHeld(trx);
      }
    });
  }
  return db.connection().execute(async (conn) => {
    await begin(conn);
    openSqliteTransactions.add(conn);
    holdInserts(conn);
    try {
      const result = await work(conn);
      await writeHeld(conn);
      await commit(conn);
      return result;
    } catch (error) {
      await rollback(conn);
      throw error;
    } finally {
      dropHeld(conn);
      openSqliteTransactions.delete(conn);
    }
  });
}

const openSqliteTransactions = new WeakSet<Db>();
const begin = fixedQuery('BEGIN IMMEDIATE');
const commit = fixedQuery('COMMIT');
const rollback = fixedQuery('ROLLBACK');
