/**
 * RFC 4180 CSV: every field quoted, quotes doubled, CRLF line ends. A field a spreadsheet would
 * run as a formula (text starting with = + - @, tab or CR) gets a leading apostrophe (OWASP CSV injection).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: unknown): string {
  let s =
    value == null ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (typeof value !== 'number' && FORMULA_START.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export const toCsv = (header: readonly string[], rows: readonly (readonly unknown[])[]) =>
  `${[header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
