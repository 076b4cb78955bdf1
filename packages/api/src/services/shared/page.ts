/**
 * Cursor pages: queries fetch `limit + 1` rows newest first; the extra row only
 * tells that another page exists, and the cursor is the last row shown.
 */
export type Page<T, C> = { items: T[]; nextCursor: C | null };

export function pageOf<T, C>(rows: T[], limit: number, cursorOf: (last: T) => C): Page<T, C> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

export const byId = (row: { id: number }) => row.id;
