import type { Db, Dialect } from './database.js';
import { withTransaction } from './transaction.js';

/** What a service gets to reach the database: the handle, its dialect, and transactions. */
export interface Store {
  db: Db;
  dialect: Dialect;
  /** Runs `work` in one transaction; the service owns it, repositories receive `tx`. */
  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T>;
}

export function createStore(db: Db, dialect: Dialect): Store {
  return { db, dialect, transaction: (work) => withTransaction(db, dialect, work) };
}
