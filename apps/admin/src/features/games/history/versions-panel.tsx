/**
 * Every configuration version as a sortable, paged table (newest first): who, when, why, how
 * much changed, the slot RTP; a row opens its diff, and an earlier one rolls back (admins).
 * Versions load 100 at a time from the server; "Older versions" fetches the next hundred.
 */
import { ErrorBanner, Loading, MoreButton, type RouterOutputs, useTRPC } from '@casino/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Column, DataTable } from '../../../components/data-table';
import { Flash, useFlash } from '../../../components/flash';
import { useClientTable } from '../../../components/use-client-table';
import { formatDate, formatPercent } from '../../../lib/format';
import { useIsAdmin } from '../../../lib/role';
import { RollbackAction } from './rollback-action';
import { VersionDetail } from './version-detail';

type VersionRow = RouterOutputs['admin']['games']['versions']['items'][number];

export const VERSIONS_PAGE_SIZE = 10;

const author = (v: VersionRow) => v.authorNickname ?? (v.authorId === null ? 'system' : `#${v.authorId}`);

export function VersionsPanel() {
  const trpc = useTRPC();
  const isAdmin = useIsAdmin();
  const [open, setOpen] = useState<number | null>(null);
  const flash = useFlash();
  const list = useInfiniteQuery(
    trpc.admin.games.versions.infiniteQueryOptions({ limit: 100 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  const items: VersionRow[] = list.data?.pages.flatMap((p) => p.items) ?? [];
  const newest = items.reduce<number | null>((m, v) => (m === null || v.version > m ? v.version : m), null);
  const table = useClientTable(
    items,
    { key: 'version', dir: 'desc' },
    (v, k) => (k === 'rtp' ? v.rtp.slot.rtp : k === 'author' ? author(v) : v[k as keyof VersionRow]),
    VERSIONS_PAGE_SIZE,
  );
  const rolledBack = (version: number) => {
    if (newest !== null) flash.show(`Rolled back: version ${newest + 1} now has the values of version ${version}.`);
    setOpen(null);
  };

  const columns: Column<VersionRow>[] = [
    {
      key: 'version',
      header: 'Version',
      sortable: true,
      cell: (v) => (
        <>
          <strong>v{v.version}</strong>
          {v.version === newest && <span className="plus small-text"> in force</span>}
          {v.rolledBackFrom !== null && <div className="muted small-text">copy of v{v.rolledBackFrom}</div>}
        </>
      ),
    },
    { key: 'createdAt', header: 'When', sortable: true, cell: (v) => <span className="small-text">{formatDate(v.createdAt)}</span> },
    { key: 'author', header: 'Who', sortable: true, cell: author },
    { key: 'reason', header: 'Why', cell: (v) => <span className="break">{v.reason}</span> },
    { key: 'changeCount', header: 'Changes', numeric: true, sortable: true, wide: true, cell: (v) => v.changeCount },
    { key: 'rtp', header: 'Slot RTP', numeric: true, sortable: true, cell: (v) => formatPercent(v.rtp.slot.rtp) },
    {
      key: 'actions',
      header: 'Actions',
      actions: true,
      cell: (v) => (
        <span className="row">
          <button
            type="button"
            className="small"
            aria-expanded={open === v.version}
            onClick={() => setOpen(open === v.version ? null : v.version)}
            data-testid="version-open"
          >
            {open === v.version ? 'Close' : 'Details'}
          </button>
          {isAdmin && newest !== null && v.version !== newest && (
            <RollbackAction
              version={v.version}
              newest={newest}
              onDone={() => rolledBack(v.version)}
              label="Roll back"
              testId="version-rollback"
            />
          )}
        </span>
      ),
    },
  ];

  return (
    <section className="card stack" data-testid="versions-panel">
      <h2>Versions</h2>
      <Flash message={flash.message} testId="rollback-done" />
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error} />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(v) => v.version}
        caption="Game configuration versions"
        empty="No versions yet."
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={list.isPending}
        testId="versions-table"
        rowTestId="version-row"
        rowAttrs={(v) => ({ 'data-version': String(v.version) })}
      />
      <MoreButton list={list} label="Older versions" />
      {open !== null && newest !== null && <VersionDetail version={open} newest={newest} onDone={() => rolledBack(open)} />}
    </section>
  );
}
