import { ErrorBanner, formatDate, type RouterOutputs, useDebounced, useTRPC } from '@casino/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Column, DataTable } from '../../components/data-table';
import { AdminOnly } from '../../lib/role';
import { hrefFor, navigate } from '../../lib/router';
import { StatusBadge } from './status-badge';
import { toSearchInput, type UserFilters, UserFiltersForm } from './user-filters';
import { UserImport } from './user-import';

type Row = RouterOutputs['admin']['users']['search']['items'][number];
type SortKey = 'id' | 'siteId' | 'nickname' | 'createdAt' | 'lastLoginAt' | 'gold' | 'gems' | 'level';
const PAGE_SIZE = 25;

const COLUMNS: Column<Row>[] = [
  { key: 'id', header: '#', cell: (u) => u.id, numeric: true, sortable: true },
  {
    key: 'nickname',
    header: 'Nickname',
    sortable: true,
    cell: (u) => (
      <a href={hrefFor({ name: 'user', userId: u.id })} data-testid="user-link">
        {u.nickname}
      </a>
    ),
  },
  { key: 'siteId', header: 'Site ID', sortable: true, cell: (u) => <span className="mono">{u.siteId}</span> },
  {
    key: 'status',
    header: 'Status',
    cell: (u) => <StatusBadge status={u.status} role={u.role} rank={u.rank} locked={u.locked} />,
  },
  { key: 'gold', header: 'Gold', numeric: true, sortable: true, cell: (u) => u.gold },
  { key: 'gems', header: 'Gems', numeric: true, sortable: true, cell: (u) => u.gems },
  { key: 'level', header: 'Lv', numeric: true, sortable: true, cell: (u) => u.level, wide: true },
  { key: 'createdAt', header: 'Joined', sortable: true, cell: (u) => formatDate(u.createdAt), wide: true },
  { key: 'lastLoginAt', header: 'Last login', sortable: true, cell: (u) => formatDate(u.lastLoginAt) },
];

/** Filters, sort and page live in the shell so they survive a visit to a user's detail page. */
export function UsersPage({ filters, onFilters }: { filters: UserFilters; onFilters: (f: UserFilters) => void }) {
  const trpc = useTRPC();
  const [importing, setImporting] = useState(false);
  const search = useDebounced(filters.search.trim(), 300);
  const input = {
    ...toSearchInput(filters, search),
    sort: filters.sort.key as SortKey,
    dir: filters.sort.dir,
    page: filters.page,
    pageSize: PAGE_SIZE,
  };
  const list = useQuery(trpc.admin.users.search.queryOptions(input, { placeholderData: keepPreviousData }));

  return (
    <div className="stack" data-testid="users-page">
      <div className="row between">
        <h1>Users</h1>
        <AdminOnly>
          <button type="button" onClick={() => setImporting((v) => !v)} aria-expanded={importing} data-testid="import-toggle">
            {importing ? 'Close import' : 'Import users'}
          </button>
        </AdminOnly>
      </div>
      {importing && <UserImport />}
      <UserFiltersForm value={filters} onChange={onFilters} />
      <ErrorBanner error={list.error} />
      <DataTable
        caption="Users"
        testId="users-table"
        rowTestId="user-row"
        rows={list.data?.items ?? []}
        rowKey={(u) => u.id}
        rowAttrs={(u) => ({ 'data-user-id': String(u.id) })}
        onRowClick={(u) => navigate({ name: 'user', userId: u.id })}
        columns={COLUMNS}
        loading={list.isPending}
        empty="No users match these filters."
        sort={filters.sort}
        onSort={(sort) => onFilters({ ...filters, sort, page: 1 })}
        page={
          list.data
            ? { page: list.data.page, pageSize: PAGE_SIZE, total: list.data.total, onPage: (page) => onFilters({ ...filters, page }) }
            : undefined
        }
      />
    </div>
  );
}
