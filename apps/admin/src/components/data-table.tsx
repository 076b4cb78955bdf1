/**
 * The console's table: sortable column headers (aria-sort), numeric columns right-aligned and
 * formatted, an empty state, and a pager. Sorting and paging are controlled by the caller, so the
 * same table serves server pages (users, audit) and small client-side lists (a user's ledger).
 * Scrolls sideways inside its own box on narrow screens instead of widening the page.
 */
import { formatNumber } from '@casino/ui';
import type { ReactNode } from 'react';

export type SortDir = 'asc' | 'desc';
export type Sort<K extends string = string> = { key: K; dir: SortDir };

export type Column<T> = {
  key: string;
  header: string;
  /** The cell; a number is formatted (1,234) and right-aligned. */
  cell: (row: T) => ReactNode;
  numeric?: boolean;
  sortable?: boolean;
  /** Hidden below 900px wide (tablets), for secondary columns. */
  wide?: boolean;
  /** The row's buttons: kept on one line of compact buttons (never stacked), the column as narrow as they allow. */
  actions?: boolean;
};

const classOf = (c: Column<unknown>) =>
  [c.numeric ? 'num' : '', c.wide ? 'wide' : '', c.actions ? 'actions' : ''].filter(Boolean).join(' ') || undefined;

type Props<T> = {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string | number;
  caption: string;
  empty?: ReactNode;
  sort?: Sort | undefined;
  onSort?: ((next: Sort) => void) | undefined;
  page?: { page: number; pageSize: number; total: number; onPage: (page: number) => void } | undefined;
  loading?: boolean;
  testId?: string;
  rowTestId?: string;
  rowAttrs?: (row: T) => Record<string, string>;
  /** A click anywhere on the row (a link inside it stays the keyboard way in). */
  onRowClick?: (row: T) => void;
  /** Rows under the body (totals), as a <tfoot>. */
  footer?: ReactNode;
};

export function DataTable<T>({
  rows,
  columns,
  rowKey,
  caption,
  empty,
  sort,
  onSort,
  page,
  loading,
  testId,
  rowTestId,
  rowAttrs,
  onRowClick,
  footer,
}: Props<T>) {
  const header = (c: Column<T>) => {
    const active = sort?.key === c.key;
    const ariaSort = active ? (sort?.dir === 'asc' ? 'ascending' : 'descending') : c.sortable ? 'none' : undefined;
    const cls = classOf(c as Column<unknown>);
    if (!c.sortable || !onSort) {
      return (
        <th key={c.key} scope="col" className={cls}>
          {c.header}
        </th>
      );
    }
    const next: Sort = { key: c.key, dir: active && sort?.dir === 'desc' ? 'asc' : 'desc' };
    return (
      <th key={c.key} scope="col" className={cls} aria-sort={ariaSort}>
        <button type="button" className="sort-button" onClick={() => onSort(next)} data-testid={`sort-${c.key}`}>
          {c.header}
          <span aria-hidden="true" className="sort-mark">
            {active ? (sort?.dir === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      </th>
    );
  };
  return (
    <div className="data-table" data-testid={testId}>
      <div className="table-scroll">
        <table className="table" aria-busy={loading || undefined}>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>{columns.map(header)}</tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr
                key={rowKey(r)}
                data-testid={rowTestId}
                className={onRowClick ? 'clickable' : undefined}
                onClick={onRowClick ? () => onRowClick(r) : undefined}
                {...rowAttrs?.(r)}
              >
                {columns.map((c) => {
                  const v = c.cell(r);
                  const cls = classOf(c as Column<unknown>);
                  return (
                    <td key={c.key} className={cls}>
                      {typeof v === 'number' ? formatNumber(v) : v}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          {footer && rows.length > 0 && <tfoot>{footer}</tfoot>}
        </table>
      </div>
      {!loading && rows.length === 0 && (
        <p className="muted table-empty" data-testid={testId ? `${testId}-empty` : undefined}>
          {empty ?? 'Nothing to show.'}
        </p>
      )}
      {page && <Pager {...page} />}
    </div>
  );
}

function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (p: number) => void }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="row between pager" aria-label="Pages">
      <span className="muted small-text" data-testid="pager-status">
        {formatNumber(from)}–{formatNumber(to)} of {formatNumber(total)}
      </span>
      <span className="row">
        <button type="button" className="small" disabled={page <= 1} onClick={() => onPage(page - 1)} data-testid="page-prev">
          ← Previous
        </button>
        <span className="small-text">
          Page {formatNumber(page)} of {formatNumber(pages)}
        </span>
        <button type="button" className="small" disabled={page >= pages} onClick={() => onPage(page + 1)} data-testid="page-next">
          Next →
        </button>
      </span>
    </nav>
  );
}

/** Sorts a small list in the browser by a column's value (for tables without a server). */
export function sortRows<T>(rows: readonly T[], sort: Sort | undefined, value: (row: T, key: string) => unknown): T[] {
  if (!sort) return [...rows];
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    if (x === y) return 0;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    return (x instanceof Date ? x.getTime() : (x as number | string)) < (y instanceof Date ? y.getTime() : (y as number | string))
      ? -sign
      : sign;
  });
}
