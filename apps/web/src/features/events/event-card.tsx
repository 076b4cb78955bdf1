import { ErrorBanner, formatNumber, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSetBalance } from '../../lib/balance';
import { formatLeft, rewardText } from '../progression/format';
import { GoalProgress } from '../progression/goal-progress';

type PlayerEvent = RouterOutputs['economy']['events']['list']['items'][number];

const TYPE_LABEL: Record<PlayerEvent['type'], string> = { daily: 'Daily', weekly: 'Weekly', special: 'Special' };

function when(e: PlayerEvent): string {
  const now = Date.now();
  if (e.status === 'upcoming') return `starts in ${formatLeft(e.startsAt.getTime() - now)}`;
  if (e.status === 'ended') return 'ended';
  return `ends in ${formatLeft(e.endsAt.getTime() - now)}`;
}

export function EventCard({ event: e }: { event: PlayerEvent }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setBalance = useSetBalance();
  const refresh = () => void queryClient.invalidateQueries(trpc.economy.events.pathFilter());
  const join = useMutation(trpc.economy.events.join.mutationOptions({ onSuccess: refresh }));
  const claim = useMutation(
    trpc.economy.events.claim.mutationOptions({
      onSuccess: (r) => {
        setBalance('gold', r.balance.gold);
        setBalance('gems', r.balance.gems);
        refresh();
        void queryClient.invalidateQueries(trpc.auth.me.pathFilter());
      },
    }),
  );
  const state = e.claimed ? 'claimed' : e.completed ? 'completed' : e.joined ? 'joined' : 'open';

  return (
    <article className="card stack event" data-testid="event" data-event-id={e.id} data-state={state}>
      <div className="row between">
        <h2>{e.title}</h2>
        <span className="badge">{TYPE_LABEL[e.type]}</span>
      </div>
      {e.description && <p className="small-text">{e.description}</p>}
      <div className="row between small-text">
        <span>
          Reward: <strong data-testid="event-reward">{rewardText(e.rewards)}</strong>
        </span>
        <span className="muted">
          <span data-testid="event-count">{formatNumber(e.participationCount)}</span> joined · {when(e)}
        </span>
      </div>
      <GoalProgress requirements={e.requirements} progress={e.joined ? e.progress : {}} />
      {state === 'open' && (
        <button
          type="button"
          className="primary"
          disabled={join.isPending || e.status !== 'running'}
          onClick={() => join.mutate({ eventId: e.id })}
          data-testid="event-join"
        >
          {e.status === 'upcoming' ? 'Not started yet' : 'Join'}
        </button>
      )}
      {state === 'joined' && <p className="muted small-text">Joined — play to reach the goals.</p>}
      {state === 'completed' && (
        <button
          type="button"
          className="primary"
          disabled={claim.isPending}
          onClick={() => claim.mutate({ eventId: e.id })}
          data-testid="event-claim"
        >
          Claim {rewardText(e.rewards)}
        </button>
      )}
      {state === 'claimed' && (
        <p className="banner banner-win" data-testid="event-claimed">
          Claimed ✓
        </p>
      )}
      <ErrorBanner error={join.error ?? claim.error} testId="event-error" />
    </article>
  );
}
