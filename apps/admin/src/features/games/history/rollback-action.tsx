/**
 * Roll back to an earlier version: publishes a new version with its values (asked in the
 * confirmation dialog with a reason; admins only). Used in the versions table and the detail.
 */
import { ErrorBanner, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmAction } from '../../../components/confirm-action';

export function RollbackAction({
  version,
  newest,
  onDone,
  label = `Roll back to v${version}`,
  testId = 'rollback-submit',
}: {
  version: number;
  newest: number;
  onDone: () => void;
  label?: string;
  testId?: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rollback = useMutation(
    trpc.admin.games.rollback.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.admin.games.pathFilter());
        void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
        onDone();
      },
    }),
  );
  return (
    <>
      <ConfirmAction
        label={label}
        title={`Roll back to version ${version}?`}
        confirmLabel={`Publish version ${newest + 1} = version ${version}`}
        className="small danger"
        danger
        askReason
        pending={rollback.isPending}
        onConfirm={(reason) => rollback.mutate({ version, reason, baseVersion: newest })}
        testId={testId}
      >
        <p>
          A new version {newest + 1} is published with the values of version {version}; new rounds use it at once. Rounds already played
          keep verifying under their own version.
        </p>
      </ConfirmAction>
      <ErrorBanner error={rollback.error} testId={`${testId}-error`} />
    </>
  );
}
