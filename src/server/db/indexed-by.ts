import type { CompiledQuery } from 'kysely';

/**
 * SQLite: the compiled query with `index` named (INDEXED BY) after its `from` clause, for the few
 * reads where SQLite's planner, left to itself, picks a worse index. Kysely has no way to say it,
 * so the compiled text is amended; a query that no longer has that `from` clause is a programming
 * error, thrown at once rather than run without its index.
 */
export function sqliteIndexedBy<Q extends CompiledQuery<unknown>>(query: Q, from: string, index: string): Q {
  if (!query.sql.includes(from)) throw new Error(`indexed by ${index}: the query has no ${from}`);
  return { ...query, sql: query.sql.replace(from, `${from} indexed by "${index}"`) };
}
