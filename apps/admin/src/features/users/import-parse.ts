/** The import box's text → rows: a JSON array of objects, or CSV with a header row (quoted fields allowed). */
import { parse } from 'csv-parse/browser/esm/sync';

export type ImportRow = { siteId: string; nickname: string; password?: string; phoneNumber?: string; rank?: string };
const FIELDS = ['siteId', 'nickname', 'password', 'phoneNumber', 'rank'] as const;

export function parseImportText(text: string): { ok: true; rows: ImportRow[] } | { ok: false; error: string } {
  const t = text.trim();
  if (!t) return { ok: false, error: 'Paste some rows first.' };
  if (t.startsWith('[')) {
    try {
      const data = JSON.parse(t) as unknown;
      if (!Array.isArray(data)) return { ok: false, error: 'The JSON must be an array of objects.' };
      const rows = data.map((d) =>
        Object.fromEntries(
          FIELDS.map((f) => [f, (d as Record<string, unknown>)?.[f]])
            .filter(([, v]) => v !== undefined && v !== null)
            .map(([k, v]) => [k, String(v)]),
        ),
      );
      return { ok: true, rows: rows.map((r) => ({ siteId: '', nickname: '', ...r })) };
    } catch {
      return { ok: false, error: 'That is not valid JSON.' };
    }
  }
  let records: string[][];
  try {
    records = parse(t, { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (e) {
    return { ok: false, error: `That CSV cannot be read: ${(e as Error).message}` };
  }
  const [header, ...body] = records;
  const cols = (header ?? []).map((h) => h.trim());
  if (!cols.includes('siteId') || !cols.includes('nickname'))
    return { ok: false, error: 'The first line must name the columns, with at least siteId and nickname.' };
  if (body.length === 0) return { ok: false, error: 'No rows below the header.' };
  const rows = body.map((rec) => {
    const r: ImportRow = { siteId: '', nickname: '' };
    cols.forEach((c, i) => {
      if ((FIELDS as readonly string[]).includes(c) && rec[i] !== undefined && rec[i] !== '')
        (r as Record<string, string>)[c] = rec[i] as string;
    });
    return r;
  });
  return { ok: true, rows };
}
