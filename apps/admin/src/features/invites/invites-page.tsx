import { ErrorBanner, formatDate, Loading, MoreButton, useTRPC } from '@casino/ui';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AdminOnly, useIsAdmin } from '../../lib/role';
import { InviteCreateForm } from './invite-create-form';

export function InvitesPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [activeOnly, setActiveOnly] = useState(false);
  const list = useInfiniteQuery(
    trpc.admin.invites.list.infiniteQueryOptions({ activeOnly, limit: 20 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  const isAdmin = useIsAdmin();
  const deactivate = useMutation(
    trpc.admin.invites.deactivate.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries(trpc.admin.invites.list.pathFilter());
        void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
      },
    }),
  );
  const invites = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="stack" data-testid="invites-page">
      <h1>Invite codes</h1>
      <AdminOnly>
        <InviteCreateForm />
      </AdminOnly>
      <label className="row">
        <input
          type="checkbox"
          className="checkbox"
          checked={activeOnly}
          onChange={(e) => setActiveOnly(e.target.checked)}
          data-testid="active-only"
        />
        Active only
      </label>
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error ?? deactivate.error} />
      <ul className="plain stack">
        {invites.map((i) => (
          <li key={i.id} className="card" data-testid="invite-row" data-code={i.code}>
            <div className="row between">
              <strong className="mono">{i.code}</strong>
              {i.isActive && !isAdmin ? (
                <span className="badge">active</span>
              ) : i.isActive ? (
                <button
                  type="button"
                  className="small danger"
                  onClick={() => deactivate.mutate({ code: i.code })}
                  disabled={deactivate.isPending && deactivate.variables?.code === i.code}
                  data-testid="invite-deactivate"
                >
                  Deactivate
                </button>
              ) : (
                <span className="badge">inactive</span>
              )}
            </div>
            <p className="muted small-text">
              used {i.usedCount}
              {i.maxUses === null ? ' (unlimited)' : ` of ${i.maxUses}`} · expires {i.expiresAt ? formatDate(i.expiresAt) : 'never'} ·
              created {formatDate(i.createdAt)}
            </p>
          </li>
        ))}
      </ul>
      <MoreButton list={list} label="Load more" />
    </div>
  );
}
