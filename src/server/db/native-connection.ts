import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import type { CompiledQuery } from 'kysely';
import type { Db } from './database.js';

/**
 * The driver's connection behind a database handle, for the few reads so hot that the query
 * builder's own work per call (promises, the connection mutex, a row object per row) costs more
 * than the read itself: validation's point lookup, the export's batches. Their SQL is still built
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

function sqliteStatement(connection: SqliteDatabase.Database, text: string): SqliteDatabase.Statement {
  let statements = sqliteStatements.get(connection);
  if (!statements) sqliteStatements.set(connection, (statements = new Map()));
  let statement = statements.get(text);
  if (!statement) statements.set(text, (statement = connection.prepare(text)));
  return statement;
}

/**
 * The first row of a query compiled once, with its parameters bound: on SQLite the statement is
 * prepared once per connection and run synchronously; on PostgreSQL as a named statement, which
 * each pooled connection parses and plans once instead of on every call. `name` must be unique to
 * the SQL text. Only for a fixed set of hot reads: each name keeps a prepared statement alive on
 * every connection.
 */
export async function firstRow<R>(db: Db, name: string, query: { sql: string }, parameters: readonly unknown[]): Promise<R | undefined> {
  const sqlite = idleSqlite(db);
  if (sqlite) return sqliteStatement(sqlite, query.sql).get(parameters) as R | undefined;
  const pool = postgresPool(db);
  if (pool) return (await pool.query({ name, text: query.sql, values: parameters as unknown[] })).rows[0] as R | undefined;
  const { rows } = await db.executeQuery<R>({ ...(query as CompiledQuery<R>), parameters });
  return rows[0];
}
