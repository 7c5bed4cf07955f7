import { sql } from 'kysely';
import type { Db, Dialect } from './database.js';

/**
 * Runs `work` in one transaction and returns its result; any throw rolls everything back.
 *
 * SQLite write transactions begin IMMEDIATE so that two writers never both read and then
 * fail to upgrade their lock (SQLITE_BUSY mid-transaction). Kysely's SQLite dialect holds one
 * connection, so `connection()` gives us exclusive use of it for the duration.
 */
export async function withTransaction<T>(db: Db, dialect: Dialect, work: (tx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction || openSqliteTransactions.has(db)) return work(db);
  if (dialect === 'postgres') return db.transaction().execute(work);
  return db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    openSqliteTransactions.add(conn);
    try {
      const result = await work(conn);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (error) {
      await sql`ROLLBACK`.execute(conn);
      throw error;
    } finally {
      openSqliteTransactions.delete(conn);
    }
  });
}

const openSqliteTransactions = new WeakSet<Db>();
