import { ErrorBanner, Loading, MoreButton, useDebounced, useTRPC } from '@casino/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { AuditEntry } from './audit-entry';
import { type AuditFilters, AuditFiltersForm, NO_AUDIT_FILTERS, toAuditInput } from './audit-filters';

/** Newest first; the shell remounts it when the hash carries different preset filters. */
export function AuditPage({ preset }: { preset: Partial<AuditFilters> }) {
  const trpc = useTRPC();
  const [filters, setFilters] = useState<AuditFilters>({ ...NO_AUDIT_FILTERS, ...preset });
  const settled = useDebounced(filters, 300);
  const list = useInfiniteQuery(
    trpc.admin.audit.list.infiniteQueryOptions(toAuditInput(settled), { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  const entries = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="stack" data-testid="audit-page">
      <h1>Audit log</h1>
      <AuditFiltersForm value={filters} onChange={setFilters} />
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error} />
      {list.isSuccess && entries.length === 0 && <p className="muted">No entries match.</p>}
      <ul className="plain stack">
        {entries.map((e) => (
          <AuditEntry key={e.id} entry={e} />
        ))}
      </ul>
      <MoreButton list={list} label="Load more" />
    </div>
  );
}
