import { CompiledQuery, type Compilable, type InsertQueryBuilder, type InsertResult, type QueryResult } from 'kysely';
import type { Db } from './database.js';
import type { Database } from './schema.js';

/**
 * Hot queries, built and compiled to SQL once per dialect instead of on every call. Kysely builds
 * an operation tree and compiles it on each execution, which costs more than SQLite takes to run
 * a small indexed statement (Get a Key runs a handful per license, an order import five inserts
 * per chunk of rows). The query is built once with a stand-in for each argument; each call binds
 * the arguments in the stand-ins' places. So the query's shape must not depend on argument values:
 * no optional filters, no comparison with a value that may be null.
 */
export function compiledOnce<A extends unknown[], O>(build: (db: Db, ...args: A) => Compilable<O>): (db: Db, ...args: A) => Promise<QueryResult<O>> {
  const templates = new Map<unknown, Template>();
  return (db, ...args) => {
    const dialect = dialectOf(db);
    let template = templates.get(dialect);
    if (!template) {
      template = toTemplate(build(db, ...(args.map((_, i) => standIn(i)) as A)).compile());
      templates.set(dialect, template);
    }
    return db.executeQuery<O>(bind(template, args));
  };
}

/**
 * Multi-row INSERTs of `table`, compiled once per dialect, column list and number of rows. `finish`
 * adds what follows the values (ON CONFLICT, RETURNING). Rows that differ in their columns are
 * left to Kysely, which fills the gaps with defaults.
 */
export function compiledInsert<T extends keyof Database & string, O = InsertResult>(
  table: T,
  finish: (query: InsertQueryBuilder<Database, T, InsertResult>) => Compilable<O> = (query) => query as unknown as Compilable<O>,
): (db: Db, rows: Database[T][]) => Promise<QueryResult<O>> {
  const templates = new Map<string, Template>();
  return (db, rows) => {
    const records = rows as unknown as Record<string, unknown>[];
    const columns = Object.keys(records[0]!).filter((c) => records[0]![c] !== undefined);
    const values = valuesInColumns(records, columns);
    if (!values) return db.executeQuery(finish(db.insertInto(table).values(rows as never)));
    const key = `${dialectName(db)} ${rows.length} ${columns.join(',')}`;
    let template = templates.get(key);
    if (!template) {
      let i = 0;
      const standIns = rows.map(() => Object.fromEntries(columns.map((column) => [column, standIn(i++)])));
      template = toTemplate(finish(db.insertInto(table).values(standIns as never)).compile());
      // A bounded cache: the row counts of a busy table vary, their statements need not all stay.
      if (templates.size >= 256) templates.clear();
      templates.set(key, template);
    }
    return db.executeQuery<O>(bind(template, values));
  };
}

/** A statement written as SQL (BEGIN, COMMIT, a pragma): one compiled query, run as is. */
export function fixedQuery<O = unknown>(sqlText: string): (db: Db) => Promise<QueryResult<O>> {
  const query = CompiledQuery.raw(sqlText);
  return (db) => db.executeQuery<O>(query);
}

/** The rows' values, row after row, in `columns`; undefined when a row has other columns. */
function valuesInColumns(records: Record<string, unknown>[], columns: string[]): unknown[] | undefined {
  const values: unknown[] = [];
  for (const record of records) {
    let defined = 0;
    for (const key in record) if (record[key] !== undefined) defined++;
    if (defined !== columns.length) return undefined;
    for (const column of columns) {
      const value = record[column];
      if (value === undefined) return undefined;
      values.push(value);
    }
  }
  return values;
}

interface Template {
  sql: string;
  /** Per parameter: the index of the argument it takes, or the constant it always is. */
  slots: ({ arg: number } | { value: unknown })[];
}

// Marks no real value takes: the built query's own constants are written in code.
const STAND_IN = /^⟨argument (\d+)⟩$/;
const standIn = (i: number) => `⟨argument ${i}⟩`;

function toTemplate(compiled: CompiledQuery): Template {
  return {
    sql: compiled.sql,
    slots: compiled.parameters.map((p) => {
      const match = typeof p === 'string' ? STAND_IN.exec(p) : null;
      return match ? { arg: Number(match[1]) } : { value: p };
    }),
  };
}

function bind(template: Template, args: readonly unknown[]): CompiledQuery {
  return CompiledQuery.raw(
    template.sql,
    template.slots.map((slot) => ('arg' in slot ? args[slot.arg] : slot.value)),
  );
}

/** The SQL a handle compiles to depends only on its dialect's adapter. */
const dialectOf = (db: Db): unknown => db.getExecutor().adapter.constructor;
const dialectName = (db: Db): string => (db.getExecutor().adapter.constructor as { name: string }).name;
