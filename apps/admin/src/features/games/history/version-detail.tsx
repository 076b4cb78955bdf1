import { ErrorBanner, Field, formatDate, Loading, useTRPC } from '@casino/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ChangeList } from './change-list';

/** One version against the one before it, and a rollback to it (a new version; asks for a reason, then a confirmation). */
export function VersionDetail({ version, newest, onDone }: { version: number; newest: number; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const detail = useQuery(trpc.admin.games.version.queryOptions({ version }));
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const rollback = useMutation(
    trpc.admin.games.rollback.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.admin.games.pathFilter());
        void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
        onDone();
      },
    }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 3) return setProblem('Say why (at least 3 characters).');
    setProblem(null);
    if (!confirming) return setConfirming(true);
    rollback.mutate({ version, reason: reason.trim(), baseVersion: newest });
  };

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
      {version !== newest && (
        <form className="stack" onSubmit={submit} noValidate data-testid="rollback-form">
          <Field
            label={`Reason for rolling back to version ${version}`}
            name="rollback-reason"
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setConfirming(false);
            }}
            error={problem ?? undefined}
            maxLength={500}
          />
          <div className="row">
            <button type="submit" className="danger" disabled={rollback.isPending} data-testid="rollback-submit">
              {confirming ? `Confirm: publish version ${newest + 1} = version ${version}` : `Roll back to version ${version}`}
            </button>
            {confirming && (
              <button type="button" className="small" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            )}
          </div>
          <ErrorBanner error={rollback.error} testId="rollback-error" />
        </form>
      )}
    </div>
  );
}
