/** Bound parameters per statement: below SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;
/**
 * Rows per statement at most. Larger statements save little once a hundred rows share one, and
 * each size is a prepared statement kept in the cache, its program growing with its rows.
 */
const MAX_ROWS = 128;

/**
 * Splits rows for multi-row statements into chunks whose sizes are powers of two (128, 64, …, 1),
 * each within the parameter limit. A statement's text depends on its row count, and every distinct
 * text is prepared and kept by the statement cache; with powers of two a table has at most eight,
 * however the batches vary, instead of one per size met.
 */
export function* rowChunks<T>(rows: readonly T[], columns: number): Generator<T[]> {
  let size = MAX_ROWS;
  while (size > 1 && size * columns > MAX_PARAMETERS) size /= 2;
  let at = 0;
  while (at < rows.length) {
    while (size > rows.length - at) size /= 2;
    yield rows.slice(at, at + size);
    at += size;
  }
}
