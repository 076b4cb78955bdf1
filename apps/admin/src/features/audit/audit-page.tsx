import { ErrorBanner, formatDate, useDebounced, useTRPC } from '@casino/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type Column, DataTable } from '../../components/data-table';
import { Flash, useFlash } from '../../components/flash';
import { downloadFile } from '../../lib/download';
import { formatCount } from '../../lib/format';
import { AuditDiff, AuditTarget, type Entry } from './audit-entry';
import { type AuditFilters, AuditFiltersForm, NO_AUDIT_FILTERS, toAuditInput } from './audit-filters';

const PAGE_SIZE = 25;
const COLUMNS: Column<Entry>[] = [
  {
    key: 'createdAt',
    header: 'When / by',
    cell: (e) => (
      <>
        <span className="nowrap">{formatDate(e.createdAt)}</span>
        <div className="muted small-text">
          {e.adminNickname} (#{e.adminId})
        </div>
      </>
    ),
  },
  { key: 'action', header: 'Action', cell: (e) => <span className="mono">{e.action}</span> },
  { key: 'target', header: 'Target', cell: (e) => <AuditTarget entry={e} /> },
  { key: 'reason', header: 'Reason', cell: (e) => <span data-testid="audit-reason">{e.reason ?? '—'}</span> },
  { key: 'changes', header: 'Changes', cell: (e) => <AuditDiff entry={e} /> },
];

/** Newest first; the shell remounts it when the hash carries different preset filters. */
export function AuditPage({ preset }: { preset: Partial<AuditFilters> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const flash = useFlash();
  const [filters, setFilters] = useState<AuditFilters>({ ...NO_AUDIT_FILTERS, ...preset });
  const [page, setPage] = useState(1);
  const settled = useDebounced(filters, 300);
  const input = toAuditInput(settled);
  const list = useQuery(
    trpc.admin.audit.search.queryOptions({ ...input, page, pageSize: PAGE_SIZE }, { placeholderData: keepPreviousData }),
  );
  // The server writes the CSV of exactly these filters (every match, not only this page).
  const exportCsv = useMutation({
    mutationFn: () => queryClient.fetchQuery(trpc.admin.audit.export.queryOptions(input, { staleTime: 0 })),
    onSuccess: (r) => {
      downloadFile(`audit-${new Date().toISOString().slice(0, 10)}.csv`, r.csv, 'text/csv;charset=utf-8');
      flash.show(
        r.truncated
          ? `Exported the newest ${formatCount(r.rows, 'entry', 'entries')} (more match; narrow the filters).`
          : `Exported ${formatCount(r.rows, 'entry', 'entries')}.`,
      );
    },
  });

  return (
    <div className="stack" data-testid="audit-page">
      <div className="row between">
        <h1>Audit log</h1>
        <button type="button" onClick={() => exportCsv.mutate()} disabled={exportCsv.isPending} data-testid="audit-export">
          {exportCsv.isPending ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      <AuditFiltersForm
        value={filters}
        onChange={(f) => {
          setFilters(f);
          setPage(1);
        }}
      />
      <Flash message={flash.message} testId="audit-export-result" />
      <ErrorBanner error={list.error ?? exportCsv.error} />
      <DataTable
        caption="Audit log entries"
        testId="audit-table"
        rowTestId="audit-entry"
        rowAttrs={(e) => ({ 'data-action': e.action })}
        rows={list.data?.items ?? []}
        rowKey={(e) => e.id}
        columns={COLUMNS}
        loading={list.isPending}
        empty="No entries match these filters."
        page={list.data ? { page: list.data.page, pageSize: PAGE_SIZE, total: list.data.total, onPage: setPage } : undefined}
      />
    </div>
  );
}
