/**
 * Cursor pages: queries fetch `limit + 1` rows newest first; the extra row only
 * tells that another page exists, and the cursor is the last row shown.
 */
import { ZText } from '@casino/shared';

export type Page<T, C> = { items: T[]; nextCursor: C | null };

export function pageOf<T, C>(rows: T[], limit: number, cursorOf: (last: T) => C): Page<T, C> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

export const byId = (row: { id: number }) => row.id;

const TIME_CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The cursor of pages ordered by (createdAt, id) descending with uuid ids: `${createdAt ISO}|${id}`
 * of the last row shown. Anything else is refused at the input (400), never sent to the database.
 */
export const ZPageCursor = ZText.max(80).refine(
  (c) => TIME_CURSOR.test(c) && !Number.isNaN(Date.parse(c.slice(0, c.indexOf('|')))),
  'cursor: pass back a nextCursor this API gave',
);

export const pageCursorOf = (row: { createdAt: Date; id: string }) => `${row.createdAt.toISOString()}|${row.id}`;

/** The (createdAt, id) a cursor accepted by ZPageCursor points at. */
export function parsePageCursor(cursor: string): { at: Date; id: string } {
  const [, at = '', id = ''] = TIME_CURSOR.exec(cursor) ?? [];
  return { at: new Date(at), id };
}
