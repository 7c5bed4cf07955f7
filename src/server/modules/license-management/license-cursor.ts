import { fieldError } from '../../http/app-error.js';

/**
 * The position after the last license of a page: its sort key and id (the total order is
 * `(sort key, id)`, so no two licenses tie). `phase` is used by custom-field sorts, which list
 * the licenses holding a value first and the others after them.
 */
export interface ListCursor {
  sort: string;
  phase: 'value' | 'empty';
  key: string | number | null;
  id: string;
}

/** Opaque to clients: base64url JSON. */
export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([1, cursor.sort, cursor.phase, cursor.key, cursor.id])).toString('base64url');
}

/** Reads a cursor back; one from another sort, or not one at all, is a 400 naming `cursor`. */
export function decodeCursor(text: string, sort: string): ListCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw fieldError('cursor', 'is not a cursor from this list');
  }
  if (!Array.isArray(parsed) || parsed.length !== 5 || parsed[0] !== 1) throw fieldError('cursor', 'is not a cursor from this list');
  const [, cursorSort, phase, key, id] = parsed as unknown[];
  if (cursorSort !== sort) throw fieldError('cursor', 'belongs to another sort order; start again from the first page');
  if ((phase !== 'value' && phase !== 'empty') || typeof id !== 'string' || !(key === null || typeof key === 'string' || typeof key === 'number')) {
    throw fieldError('cursor', 'is not a cursor from this list');
  }
  return { sort, phase, key, id };
}
