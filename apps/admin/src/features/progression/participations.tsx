/** One event's participations, filtered by completed / claimed, paged; force-claim for a completed, unclaimed one. */
import { ErrorBanner, formatDate, Loading, MoreButton, useTRPC } from '@casino/ui';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { SelectField } from '../../components/select-field';
import { hrefFor } from '../../lib/router';
import { ConfirmButton } from '../shop/confirm-button';

type Tri = 'any' | 'yes' | 'no';
const TRI = [
  { value: 'any', label: 'Any' },
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;
const triValue = (t: Tri) => (t === 'any' ? {} : { value: t === 'yes' });

export function Participations({ eventId }: { eventId: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [completed, setCompleted] = useState<Tri>('any');
  const [claimed, setClaimed] = useState<Tri>('any');
  const c = triValue(completed);
  const cl = triValue(claimed);
  const input = {
    eventId,
    limit: 20,
    ...('value' in c ? { completed: c.value } : {}),
    ...('value' in cl ? { claimed: cl.value } : {}),
  };
  const list = useInfiniteQuery(
    trpc.admin.events.participations.infiniteQueryOptions(input, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
  );
  const forceClaim = useMutation(
    trpc.admin.events.forceClaim.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries(trpc.admin.events.pathFilter()) }),
  );
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="stack tight participations" data-testid="participations">
      <div className="filters">
        <SelectField
          label="Completed"
          name={`pc-completed-${eventId}`}
          options={TRI}
          value={completed}
          onChange={(e) => setCompleted(e.target.value as Tri)}
        />
        <SelectField
          label="Claimed"
          name={`pc-claimed-${eventId}`}
          options={TRI}
          value={claimed}
          onChange={(e) => setClaimed(e.target.value as Tri)}
        />
      </div>
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error ?? forceClaim.error} testId="participations-error" />
      {forceClaim.data && (
        <p className="banner banner-ok" data-testid="force-claimed">
          {forceClaim.data.idempotent
            ? 'Already claimed.'
            : `Claimed for the player: ${forceClaim.data.gold} gold, ${forceClaim.data.gems} gems, ${forceClaim.data.exp} exp.`}
        </p>
      )}
      {list.isSuccess && rows.length === 0 && <p className="muted small-text">No participations match.</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Player</th>
                <th>Progress</th>
                <th>Joined</th>
                <th>Completed</th>
                <th>Claimed</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.userId} data-testid="participation-row" data-user-id={p.userId}>
                  <td>
                    <a href={hrefFor({ name: 'user', userId: p.userId })}>{p.nickname}</a>
                  </td>
                  <td className="mono small-text">
                    {Object.entries(p.progress)
                      .map(([k, n]) => `${k}: ${n}`)
                      .join(', ') || '—'}
                  </td>
                  <td className="small-text">{formatDate(p.joinedAt)}</td>
                  <td className="small-text">{p.completedAt ? formatDate(p.completedAt) : '—'}</td>
                  <td className="small-text">{p.claimedAt ? formatDate(p.claimedAt) : '—'}</td>
                  <td>
                    {p.completedAt && !p.claimedAt && (
                      <ConfirmButton
                        label="Force claim"
                        confirmLabel="Confirm: pay the reward"
                        disabled={forceClaim.isPending}
                        onConfirm={() => forceClaim.mutate({ eventId, userId: p.userId })}
                        testId="force-claim"
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <MoreButton list={list} label="Show more" testId="more-participations" />
    </div>
  );
}
