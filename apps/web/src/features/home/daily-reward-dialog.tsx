import { ErrorBanner, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSetBalance } from '../../lib/balance';
import { rewardText } from '../progression/format';

type Status = RouterOutputs['economy']['streak']['status'];

/** The claim sheet: the server's preview, the claim, and what it paid (a replay says so). */
export function DailyRewardDialog({ status, onClose }: { status: Status; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setBalance = useSetBalance();
  const dialog = useRef<HTMLDialogElement>(null);
  const claim = useMutation(
    trpc.economy.streak.claim.mutationOptions({
      onSuccess: (r) => {
        setBalance('gold', r.balance.gold);
        void queryClient.invalidateQueries(trpc.economy.streak.pathFilter());
        void queryClient.invalidateQueries(trpc.auth.me.pathFilter());
      },
    }),
  );

  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);

  const paid = claim.data;
  return (
    <dialog
      ref={dialog}
      className="reward-sheet"
      aria-labelledby="daily-dialog-title"
      onClose={onClose}
      onCancel={onClose}
      data-testid="daily-dialog"
    >
      <div className="stack reward-sheet-body">
        <div className="row between nowrap">
          <h2 id="daily-dialog-title">Daily reward</h2>
          <button type="button" className="link close" aria-label="Close" onClick={() => dialog.current?.close()} data-testid="daily-close">
            ✕
          </button>
        </div>
        {status.broken && !status.claimedToday && <p className="banner">You missed a day: your streak starts again at day 1.</p>}
        <div className="grid-2">
          <div className="card inset">
            <span className="muted small-text">Today · day {status.todayStreak}</span>
            <strong className="reward-big" data-testid="daily-today">
              {rewardText(status.today)}
            </strong>
          </div>
          <div className="card inset">
            <span className="muted small-text">Tomorrow · day {status.todayStreak + 1}</span>
            <strong className="reward-big" data-testid="daily-tomorrow">
              {rewardText(status.tomorrow)}
            </strong>
          </div>
        </div>
        {paid ? (
          <p className="banner banner-win" role="status" data-testid="daily-claimed">
            {paid.idempotent ? 'Already claimed today: ' : 'Claimed: '}+{rewardText(paid)} · {paid.streak}-day streak
          </p>
        ) : status.claimedToday ? (
          <p className="banner" data-testid="daily-claimed">
            Already claimed today. Come back tomorrow for {rewardText(status.tomorrow)}.
          </p>
        ) : (
          <button
            type="button"
            className="primary big"
            disabled={claim.isPending}
            onClick={() => claim.mutate({ action: 'DAILY_LOGIN' })}
            data-testid="daily-claim"
          >
            {claim.isPending ? 'Claiming…' : `Claim ${rewardText(status.today)}`}
          </button>
        )}
        <ErrorBanner error={claim.error} testId="daily-error" />
      </div>
    </dialog>
  );
}
