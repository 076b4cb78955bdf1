import { ErrorBanner, Loading, useTRPC } from '@casino/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { session } from '../../lib/spa';
import { SessionItem } from './session-item';

/** Active logins of this account: end one elsewhere, or all of them (this one included). */
export function SessionsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.auth.sessions.queryOptions());
  const revoke = useMutation(
    trpc.auth.revokeSession.mutationOptions({ onSuccess: () => queryClient.invalidateQueries(trpc.auth.sessions.pathFilter()) }),
  );
  const logoutAll = useMutation(
    trpc.auth.logoutAll.mutationOptions({
      onSuccess: ({ revoked }) => session.end(`Logged out of ${revoked} ${revoked === 1 ? 'session' : 'sessions'}.`),
    }),
  );

  return (
    <div className="stack" data-testid="sessions">
      <h1>Sessions</h1>
      {sessions.isPending && <Loading />}
      <ErrorBanner error={sessions.error ?? revoke.error ?? logoutAll.error} />
      <ul className="stack plain">
        {sessions.data?.map((s) => (
          <SessionItem
            key={s.id}
            item={s}
            revoking={revoke.isPending && revoke.variables?.sessionId === s.id}
            onRevoke={() => revoke.mutate({ sessionId: s.id })}
          />
        ))}
      </ul>
      <button type="button" className="danger" onClick={() => logoutAll.mutate()} disabled={logoutAll.isPending} data-testid="logout-all">
        {logoutAll.isPending ? 'Logging out…' : 'Log out everywhere'}
      </button>
    </div>
  );
}
