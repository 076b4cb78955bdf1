/**
 * Sorting and paging in the browser for lists the server hands over whole (or a cursor page at a
 * time): returns the rows of the current page and the props DataTable needs.
 */
import { useState } from 'react';
import { type Sort, sortRows } from './data-table';

export const PAGE_SIZE = 20;

export function useClientTable<T>(
  rows: readonly T[],
  initial: Sort | undefined,
  value: (row: T, key: string) => unknown = (r, k) => (r as Record<string, unknown>)[k],
  pageSize = PAGE_SIZE,
) {
  const [sort, setSort] = useState<Sort | undefined>(initial);
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const current = Math.min(page, pages);
  const sorted = sortRows(rows, sort, value);
  return {
    rows: sorted.slice((current - 1) * pageSize, current * pageSize),
    sort,
    onSort: (next: Sort) => {
      setSort(next);
      setPage(1);
    },
    page: rows.length > pageSize ? { page: current, pageSize, total: rows.length, onPage: setPage } : undefined,
  };
}
