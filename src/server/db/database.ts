import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDialectConfig } from 'kysely';
import pg from 'pg';
import { registerNativeConnection } from './native-connection.js';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** A database handle or an open transaction: repositories accept either. */
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string;
  sqliteSynchronous?: 'full' | 'normal';
  poolSize?: number;
  /** SQLite's page cache, in MiB (SQLITE_CACHE_MB). */
  sqliteCacheMiB?: number;
}

/**
 * SQLite's own default is 2 MiB. A server's hot pages (the validation index of the licenses
 * products are calling about, the top of every index) are worth keeping in the process: a page
 * found there costs a lookup, one only in the system's file cache a system call and a copy. At
 * 128 MiB, validation on SQLite went from 17,000 to 21,000 requests a second (bench/RESULTS.md).
 */
export const DEFAULT_SQLITE_CACHE_MIB = 128;

// PostgreSQL returns COUNT(*) and BIGINT as strings by default; our counts fit a JS number.
pg.types.setTypeParser(20, (v) => Number(v));

export function createDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.url.startsWith('sqlite:')) return openSqlite(options);
  return openPostgres(options);
}

function openSqlite(options: DatabaseOptions): DatabaseHandle {
  const file = options.url.slice('sqlite:'.length) || ':memory:';
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const native = new SqliteDatabase(file);
  native.pragma('journal_mode = WAL');
  native.pragma(`synchronous = ${options.sqliteSynchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  native.pragma('foreign_keys = ON');
  native.pragma('busy_timeout = 5000');
  // Negative: a size in KiB rather than in pages. SQLite takes the memory only as pages are read.
  native.pragma(`cache_size = ${-1024 * (options.sqliteCacheMiB ?? DEFAULT_SQLITE_CACHE_MIB)}`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(native) }) });
  registerNativeConnection(db, { dialect: 'sqlite', connection: native });
  return {
    db,
    dialect: 'sqlite',
    close: async () => {
      await db.destroy();
    },
  };
}

/**
 * Kysely prepares every query anew, and for a small write SQLite's prepare (which compiles the
 * checks of every index and foreign key) costs more than running it. Statements are kept by
 * their SQL text, the most recently used few hundred; SQLite re-prepares them itself should the
 * schema change. Kysely uses the one connection exclusively, so a statement is never in use twice.
 */
function withStatementCache(native: SqliteDatabase.Database, size = 500): SqliteDialectConfig['database'] {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => native.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) cache.delete(text);
      else statement = native.prepare(text);
      cache.set(text, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}

function openPostgres(options: DatabaseOptions): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  // An idle connection the server closed (a restart, a failover) must not take the process down:
  // the pool drops it and the next query opens a fresh one.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  registerNativeConnection(db, { dialect: 'postgres', pool });
  return {
    db,
    dialect: 'postgres',
    close: async () => {
      await db.destroy();
    },
  };
}

/** True when the database answers; used by /healthz. */
export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
