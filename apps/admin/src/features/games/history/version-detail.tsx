import { ErrorBanner, formatDate, Loading, useTRPC } from '@casino/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmAction } from '../../../components/confirm-action';
import { useIsAdmin } from '../../../lib/role';
import { ChangeList } from './change-list';

/** One version against the one before it, and a rollback to it (a new version; asked in the confirmation dialog with a reason; admins only). */
export function VersionDetail({ version, newest, onDone }: { version: number; newest: number; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detail = useQuery(trpc.admin.games.version.queryOptions({ version }));
  const isAdmin = useIsAdmin();
  const rollback = useMutation(
    trpc.admin.games.rollback.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.admin.games.pathFilter());
        void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
        onDone();
      },
    }),
  );

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
        <div className="stack tight" data-testid="rollback-form">
          <ConfirmAction
            label={`Roll back to version ${version}`}
            title={`Roll back to version ${version}?`}
            confirmLabel={`Publish version ${newest + 1} = version ${version}`}
            className="danger"
            danger
            askReason
            pending={rollback.isPending}
            onConfirm={(reason) => rollback.mutate({ version, reason, baseVersion: newest })}
            testId="rollback-submit"
          >
            <p>
              A new version {newest + 1} is published with the values of version {version}; new rounds use it at once. Rounds already played
              keep verifying under their own version.
            </p>
          </ConfirmAction>
          <ErrorBanner error={rollback.error} testId="rollback-error" />
        </div>
      )}
    </div>
  );
}
