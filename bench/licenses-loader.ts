import { statSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { Row } from './licenses-dataset.js';

/**
 * Writes generated rows straight into a migrated database, in large transactions, through each
 * driver's fastest plain path: prepared statements on SQLite, `INSERT … SELECT FROM unnest(arrays)`
 * on PostgreSQL (one parameter per column, thousands of rows per statement). Secondary indexes
 * of the loaded tables are dropped first and rebuilt at the end from their own definitions, which
 * is much faster than keeping them up to date row by row.
 */
export interface Loader {
  dialect: 'sqlite' | 'postgres';
  insert(table: string, rows: Row[]): Promise<void>;
  dropSecondaryIndexes(tables: string[]): Promise<void>;
  rebuildIndexes(): Promise<void>;
  /** Planner statistics, as an operator runs them after a bulk load. */
  analyze(): Promise<void>;
  sizeBytes(): Promise<number>;
  close(): Promise<void>;
}

export function openLoader(url: string): Loader {
  return url.startsWith('sqlite:') ? sqliteLoader(url.slice('sqlite:'.length)) : postgresLoader(url);
}

function sqliteLoader(file: string): Loader {
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  // A bulk load that fails is simply started again: durability per row buys nothing here.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  // Rows are consistent by construction; the references are checked once at the end instead.
  db.pragma('foreign_keys = OFF');
  const statements = new Map<string, SqliteDatabase.Statement>();
  let dropped: string[] = [];
  return {
    dialect: 'sqlite',
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0]!);
      const key = `${table}:${columns.join(',')}`;
      let statement = statements.get(key);
      if (!statement) {
        statement = db.prepare(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`);
        statements.set(key, statement);
      }
      const insertAll = db.transaction((all: Row[]) => {
        for (const row of all) statement.run(columns.map((c) => row[c] ?? null));
      });
      insertAll(rows);
    },
    async dropSecondaryIndexes(tables) {
      const found = db
        .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => '?').join(', ')})`)
        .all(...tables) as { name: string; sql: string }[];
      for (const index of found) db.exec(`drop index "${index.name}"`);
      dropped = found.map((i) => i.sql);
    },
    async rebuildIndexes() {
      for (const definition of dropped) db.exec(definition);
      dropped = [];
    },
    async analyze() {
      const broken = db.prepare('pragma foreign_key_check').all();
      if (broken.length > 0) throw new Error(`generated rows break ${broken.length} references, e.g. ${JSON.stringify(broken[0])}`);
      db.exec('analyze');
    },
    async sizeBytes() {
      db.pragma('wal_checkpoint(TRUNCATE)');
      return statSync(file).size;
    },
    async close() {
      db.close();
    },
  };
}

function postgresLoader(url: string): Loader {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const typesOf = new Map<string, Map<string, string>>();
  let dropped: string[] = [];

  async function columnTypes(table: string): Promise<Map<string, string>> {
    let types = typesOf.get(table);
    if (!types) {
      const { rows } = await pool.query<{ column_name: string; udt_name: string }>('select column_name, udt_name from information_schema.columns where table_name = $1', [table]);
      types = new Map(rows.map((r) => [r.column_name, r.udt_name]));
      typesOf.set(table, types);
    }
    return types;
  }

  return {
    dialect: 'postgres',
    async insert(table, rows) {
      if (rows.length === 0) return;
      const columns = Object.keys(rows[0]!);
      const types = await columnTypes(table);
      const arrays = columns.map((c) => rows.map((r) => r[c] ?? null));
      const unnest = columns.map((c, i) => `$${i + 1}::${types.get(c)}[]`).join(', ');
      await pool.query(`insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) select * from unnest(${unnest})`, arrays);
    },
    async dropSecondaryIndexes(tables) {
      const { rows } = await pool.query<{ indexname: string; indexdef: string }>(
        `select i.indexname, i.indexdef from pg_indexes i
         where i.schemaname = current_schema() and i.tablename = any($1)
           and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
        [tables],
      );
      for (const index of rows) await pool.query(`drop index "${index.indexname}"`);
      dropped = rows.map((r) => r.indexdef);
    },
    async rebuildIndexes() {
      await pool.query('set maintenance_work_mem = \'512MB\'');
      for (const definition of dropped) await pool.query(definition);
      dropped = [];
    },
    async analyze() {
      // VACUUM also marks the pages all-visible, which index-only scans need (autovacuum would, later).
      await pool.query('vacuum analyze');
    },
    async sizeBytes() {
      const { rows } = await pool.query<{ size: string }>('select pg_database_size(current_database()) as size');
      return Number(rows[0]!.size);
    },
    async close() {
      await pool.end();
    },
  };
}
