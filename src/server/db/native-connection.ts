import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import type { Db } from './database.js';

/**
 * The driver's connection behind a database handle, for the few reads so hot that the query
 * builder's own work per call (promises, the connection mutex, a row object per row) costs more
 * than the read itself: validation's key lookups, the export's batches. Their SQL is still built
 * with Kysely, once. Only a root handle has one: a transaction's handle has none, so statements
 * meant for a transaction never run beside it.
 */
export type NativeConnection = { dialect: 'sqlite'; connection: SqliteDatabase.Database } | { dialect: 'postgres'; pool: pg.Pool };

const natives = new WeakMap<Db, NativeConnection>();

export function registerNativeConnection(db: Db, native: NativeConnection): void {
  natives.set(db, native);
}

/**
 * The SQLite connection of a root handle while no transaction is open on it. The handle has one
 * connection, so a statement run on it while another task's transaction is open would run inside
 * that transaction and see its uncommitted rows: then the caller goes through Kysely, which waits.
 */
export function idleSqlite(db: Db): SqliteDatabase.Database | undefined {
  const native = natives.get(db);
  return native?.dialect === 'sqlite' && !native.connection.inTransaction ? native.connection : undefined;
}

/** The PostgreSQL pool of a root handle: a query on it takes a connection of its own. */
export function postgresPool(db: Db): pg.Pool | undefined {
  const native = natives.get(db);
  return native?.dialect === 'postgres' ? native.pool : undefined;
}

const sqliteStatements = new WeakMap<SqliteDatabase.Database, Map<string, SqliteDatabase.Statement>>();

/**
 * A statement prepared once per connection: preparing one (planning it) can cost as much as
 * running it many times over. The most recently used few dozen are kept; `raw` statements
 * return each row as an array of its columns, in the order selected.
 */
export function preparedStatement(connection: SqliteDatabase.Database, text: string, raw = false): SqliteDatabase.Statement {
  let statements = sqliteStatements.get(connection);
  if (!statements) sqliteStatements.set(connection, (statements = new Map()));
  const key = raw ? `raw ${text}` : text;
  let statement = statements.get(key);
  if (statement) statements.delete(key);
  else statement = raw ? connection.prepare(text).raw(true) : connection.prepare(text);
  statements.set(key, statement);
  if (statements.size > 32) statements.delete(statements.keys().next().value!);
  return statement;
}
