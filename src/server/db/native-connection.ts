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

const columnNames = new WeakMap<SqliteDatabase.Statement, string[]>();

/**
 * A raw row (an array) as an object keyed by the statement's column names. The driver's own row
 * objects look each name up in the engine's string table on every row, which cost more than this.
 */
function rowOf(statement: SqliteDatabase.Statement, values: unknown[]): Record<string, unknown> {
  let names = columnNames.get(statement);
  if (!names) columnNames.set(statement, (names = statement.columns().map((c) => c.name)));
  const row: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
  return row;
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
  if (sqlite) {
    const statement = preparedStatement(sqlite, query.sql, true);
    const values = statement.get(parameters) as unknown[] | undefined;
    return values && (rowOf(statement, values) as R);
  }
  const pool = postgresPool(db);
  if (pool) return (await pool.query({ name, text: query.sql, values: parameters as unknown[] })).rows[0] as R | undefined;
  const { rows } = await db.executeQuery<R>({ ...(query as CompiledQuery<R>), parameters });
  return rows[0];
}
