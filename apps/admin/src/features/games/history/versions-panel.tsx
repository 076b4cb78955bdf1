import { ErrorBanner, formatDate, Loading, MoreButton, useTRPC } from '@casino/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Flash, useFlash } from '../../../components/flash';
import { formatPercent } from '../../../lib/format';
import { VersionDetail } from './version-detail';

/** Every version, newest first: who, when, why, how much changed; one opens with its diff and rollback. */
export function VersionsPanel() {
  const trpc = useTRPC();
  const [open, setOpen] = useState<number | null>(null);
  const flash = useFlash();
  const list = useInfiniteQuery(
    trpc.admin.games.versions.infiniteQueryOptions({ limit: 20 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const newest = items[0]?.version ?? null;

  return (
    <section className="card stack" data-testid="versions-panel">
      <h2>Versions</h2>
      <Flash message={flash.message} testId="rollback-done" />
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error} />
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Version</th>
              <th>When</th>
              <th>Who</th>
              <th>Why</th>
              <th className="num">Changes</th>
              <th className="num">Slot RTP</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((v) => (
              <tr key={v.version} data-testid="version-row" data-version={v.version}>
                <td>
                  <strong>v{v.version}</strong>
                  {v.version === newest && <span className="plus small-text"> in force</span>}
                  {v.rolledBackFrom !== null && <span className="muted small-text"> (copy of v{v.rolledBackFrom})</span>}
                </td>
                <td className="small-text">{formatDate(v.createdAt)}</td>
                <td>{v.authorNickname ?? (v.authorId === null ? 'system' : `#${v.authorId}`)}</td>
                <td className="break">{v.reason}</td>
                <td className="num">{v.changeCount}</td>
                <td className="num">{formatPercent(v.rtp.slot.rtp)}</td>
                <td>
                  <button
                    type="button"
                    className="small"
                    aria-expanded={open === v.version}
                    onClick={() => setOpen(open === v.version ? null : v.version)}
                    data-testid="version-open"
                  >
                    {open === v.version ? 'Close' : 'Details'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <MoreButton list={list} label="Older versions" />
      {open !== null && newest !== null && (
        <VersionDetail
          version={open}
          newest={newest}
          onDone={() => {
            flash.show(`Rolled back: version ${newest + 1} now has the values of version ${open}.`);
            setOpen(null);
          }}
        />
      )}
    </section>
  );
}
