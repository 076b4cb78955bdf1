import { ErrorBanner, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSetBalance } from '../../lib/balance';
import { formatLeft, rewardText } from '../progression/format';
import { GoalProgress } from '../progression/goal-progress';

type Mission = RouterOutputs['economy']['missions']['list']['items'][number];

export function MissionCard({ mission: m }: { mission: Mission }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setBalance = useSetBalance();
  const claim = useMutation(
    trpc.economy.missions.claim.mutationOptions({
      onSuccess: (r) => {
        setBalance('gold', r.balance.gold);
        setBalance('gems', r.balance.gems);
        void queryClient.invalidateQueries(trpc.economy.missions.pathFilter());
        void queryClient.invalidateQueries(trpc.auth.me.pathFilter());
      },
    }),
  );
  const state = m.claimed ? 'claimed' : m.completed ? 'completed' : 'open';
  return (
    <article className="card stack" data-testid="mission" data-mission-id={m.id} data-state={state}>
      <div className="row between">
        <h3>{m.title}</h3>
        <strong className="small-text" data-testid="mission-reward">
          {rewardText(m.rewards)}
        </strong>
      </div>
      {m.description && <p className="small-text muted">{m.description}</p>}
      <GoalProgress requirements={m.requirements} progress={m.progress} />
      <div className="row between">
        {m.resetsAt ? <span className="muted small-text">Resets in {formatLeft(m.resetsAt.getTime() - Date.now())}</span> : <span />}
        {state === 'completed' && (
          <button
            type="button"
            className="primary small"
            disabled={claim.isPending}
            onClick={() => claim.mutate({ missionId: m.id })}
            data-testid="mission-claim"
          >
            Claim
          </button>
        )}
        {state === 'claimed' && (
          <span className="ok-text small-text" data-testid="mission-claimed">
            Claimed ✓
          </span>
        )}
      </div>
      <ErrorBanner error={claim.error} testId="mission-error" />
    </article>
  );
}
