/**
 * A keyset page from `limit + 1` rows: the extra row only tells that a next page exists.
 * The cursor is the key of the last item shown; the next query asks for keys after it.
 */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit && items.length > 0 ? cursorOf(items[items.length - 1]!) : null };
}
