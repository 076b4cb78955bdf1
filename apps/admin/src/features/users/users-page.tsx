import { ErrorBanner, formatNumber, Loading, MoreButton, useDebounced, useTRPC } from '@casino/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { hrefFor } from '../../lib/router';
import { type UserFilters, UserFiltersForm } from './user-filters';

/** Filters live in the shell so they survive a visit to a user's detail page. */
export function UsersPage({ filters, onFilters }: { filters: UserFilters; onFilters: (f: UserFilters) => void }) {
  const trpc = useTRPC();
  const search = useDebounced(filters.search.trim(), 300);
  const input = {
    limit: 20,
    ...(search ? { search } : {}),
    ...(filters.rank ? { rank: filters.rank } : {}),
    ...(filters.status ? { status: filters.status } : {}),
  };
  const list = useInfiniteQuery(trpc.admin.users.list.infiniteQueryOptions(input, { getNextPageParam: (p) => p.nextCursor ?? undefined }));
  const users = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="stack" data-testid="users-page">
      <h1>Users</h1>
      <UserFiltersForm value={filters} onChange={onFilters} />
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error} />
      {list.isSuccess && users.length === 0 && <p className="muted">No users match.</p>}
      <ul className="plain stack">
        {users.map((u) => (
          <li key={u.id}>
            <a className="card user-row" href={hrefFor({ name: 'user', userId: u.id })} data-testid="user-row">
              <div className="row between">
                <strong>{u.nickname}</strong>
                <span className="row">
                  {u.role === 'admin' && <span className="badge">admin</span>}
                  <span className="badge">{u.rank}</span>
                  <span className={`badge status-${u.status}`}>{u.status}</span>
                </span>
              </div>
              <div className="row between muted small-text">
                <span>
                  #{u.id} · {u.siteId} · Lv {u.level}
                </span>
                <span>
                  {formatNumber(u.gold)} gold · {formatNumber(u.gems)} gems
                </span>
              </div>
            </a>
          </li>
        ))}
      </ul>
      <MoreButton list={list} label="Load more" testId="more-users" />
    </div>
  );
}
