import { ErrorBanner, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { formatDate } from '../../../lib/format';
import { useIsAdmin } from '../../../lib/role';
import { ChangeList } from './change-list';
import { RollbackAction } from './rollback-action';

/** One version against the one before it, and a rollback to it (a new version; asked in the confirmation dialog with a reason; admins only). */
export function VersionDetail({ version, newest, onDone }: { version: number; newest: number; onDone: () => void }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.admin.games.version.queryOptions({ version }));
  const isAdmin = useIsAdmin();

  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorBanner error={detail.error} />;
  const d = detail.data;
  return (
    <div className="card stack" data-testid="version-detail" data-version={version}>
      <h3>
        Version {d.version} · {formatDate(d.createdAt)} · {d.authorNickname ?? 'system'}
      </h3>
      <p>
        <span className="muted">Why:</span> {d.reason}
        {d.rolledBackFrom !== null && <span className="muted"> (a copy of version {d.rolledBackFrom})</span>}
      </p>
      {d.previousVersion === null ? (
        <p className="muted">The first version: the built-in defaults.</p>
      ) : d.changes.length === 0 ? (
        <p className="muted">Same values as version {d.previousVersion}.</p>
      ) : (
        <>
          <p className="muted small-text">Changed from version {d.previousVersion}:</p>
          <ChangeList changes={d.changes} />
        </>
      )}
      {version !== newest && isAdmin && (
        <div className="row" data-testid="rollback-form">
          <RollbackAction version={version} newest={newest} onDone={onDone} label={`Roll back to version ${version}`} />
        </div>
      )}
    </div>
  );
}
