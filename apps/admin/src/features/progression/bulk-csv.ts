/**
 * The bulk grant's CSV: one line per player, columns in this order (a header line naming them
 * is optional, blank lines are skipped):
 *
 *   userId,gold,gems,itemId,itemQty,description
 *
 * gold and gems: empty or 0 for none, else a whole number up to 1,000,000,000; itemId and
 * itemQty together or not at all (1–10,000); description: optional, the page's default reason
 * otherwise; quote a field that holds a comma ("a, b"). Each line becomes up to three rows of
 * admin.rewards.grantBulk (GOLD, GEMS, ITEM); `rows` maps them back to their line.
 */
import { ZItemId } from '@casino/shared';
import { parse } from 'csv-parse/browser/esm/sync';
import { formatNumber } from '../../lib/format';

export const CSV_COLUMNS = ['userId', 'gold', 'gems', 'itemId', 'itemQty', 'description'] as const;
export const MAX_ROWS = 1000;
const MAX_CURRENCY = 1_000_000_000;
const MAX_ITEMS = 10_000;

export type GrantRow = { userId: number; rewardType: 'GOLD' | 'GEMS' | 'ITEM'; amount: number; sourceDescription: string; itemId?: string };
export type CsvLine = {
  line: number;
  raw: string;
  userId: number | null;
  gold: number;
  gems: number;
  itemId: string | null;
  itemQty: number;
  description: string;
  /** What is wrong with the line itself (checked before the server sees it). */
  errors: string[];
  /** Indexes of its rows in the grantBulk items. */
  rows: number[];
};

type Parsed = { record: string[]; info: { lines: number }; raw: string };

/** Reads CSV with csv-parse (the users import uses it too): commas separate, double quotes group, "" is a quote inside quotes. */
function readCsv(text: string): Parsed[] {
  return parse(text, {
    relax_column_count: true,
    relax_quotes: true,
    trim: true,
    skip_empty_lines: true,
    info: true,
    raw: true,
  }) as unknown as Parsed[];
}

/** Splits one CSV line into its trimmed fields. */
export function splitCsv(line: string): string[] {
  return readCsv(line)[0]?.record ?? [];
}

function whole(raw: string, max: number, name: string, errors: string[]): number {
  if (raw === '' || raw === '0') return 0;
  if (!/^\d+$/.test(raw) || Number(raw) > max) {
    errors.push(`${name} must be a whole number from 0 to ${formatNumber(max)}`);
    return 0;
  }
  return Number(raw);
}

export function parseCsv(text: string, defaultDescription: string): { lines: CsvLine[]; items: GrantRow[]; problem?: string } {
  const lines: CsvLine[] = [];
  const items: GrantRow[] = [];
  let records: Parsed[];
  try {
    records = readCsv(text);
  } catch (e) {
    return { lines, items, problem: `That CSV cannot be read: ${(e as Error).message}` };
  }
  for (const { record: cells, info, raw: rawText } of records) {
    const raw = rawText.replace(/\r?\n$/, '');
    if (cells.every((c) => c === '')) continue;
    if (lines.length === 0 && items.length === 0 && cells[0]?.toLowerCase() === 'userid') continue; // header
    const errors: string[] = [];
    const [id = '', goldText = '', gemsText = '', itemText = '', qtyText = '', ...rest] = cells;
    if (rest.length > 1) errors.push(`too many columns (expected ${CSV_COLUMNS.length}; quote a description with commas)`);
    const userId = /^\d+$/.test(id) && Number(id) > 0 && Number(id) <= 2_147_483_647 ? Number(id) : null;
    if (userId === null) errors.push('userId must be a positive whole number');
    const gold = whole(goldText, MAX_CURRENCY, 'gold', errors);
    const gems = whole(gemsText, MAX_CURRENCY, 'gems', errors);
    let itemQty = 0;
    const itemId = itemText === '' ? null : itemText;
    if (itemId !== null && !ZItemId.safeParse(itemId).success) errors.push('itemId: lower-case letters, digits and _');
    if (itemId !== null) {
      itemQty = whole(qtyText === '' ? '1' : qtyText, MAX_ITEMS, 'itemQty', errors);
      if (itemQty === 0) errors.push('itemQty must be at least 1');
    } else if (qtyText !== '' && qtyText !== '0') errors.push('itemQty without an itemId');
    const description = (rest[0] ?? '') || defaultDescription.trim();
    if (description === '') errors.push('no description (fill in the default reason)');
    if (description.length > 200) errors.push('description longer than 200 characters');
    if (errors.length === 0 && gold === 0 && gems === 0 && itemId === null) errors.push('grants nothing');
    const entry: CsvLine = { line: info.lines, raw, userId, gold, gems, itemId, itemQty, description, errors, rows: [] };
    if (errors.length === 0 && userId !== null) {
      const push = (row: GrantRow) => {
        entry.rows.push(items.length);
        items.push(row);
      };
      if (gold) push({ userId, rewardType: 'GOLD', amount: gold, sourceDescription: description });
      if (gems) push({ userId, rewardType: 'GEMS', amount: gems, sourceDescription: description });
      if (itemId) push({ userId, rewardType: 'ITEM', amount: itemQty, sourceDescription: description, itemId });
    }
    lines.push(entry);
  }
  if (items.length > MAX_ROWS)
    return { lines, items, problem: `At most ${MAX_ROWS} grants per batch (this is ${items.length}); split the list.` };
  return { lines, items };
}
