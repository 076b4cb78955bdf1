import type { TBattlepassTrack } from '@casino/shared';
import { ErrorBanner, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSetBalance } from '../../lib/balance';
import { rewardText } from '../progression/format';

type Level = RouterOutputs['economy']['battlepass']['status']['levels'][number];

/** One level: its free and premium rewards, each claimable once it is reached (premium only with the pass). */
export function LevelRow({ level: l, premium }: { level: Level; premium: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setBalance = useSetBalance();
  const claim = useMutation(
    trpc.economy.battlepass.claim.mutationOptions({
      onSuccess: (r) => {
        setBalance('gold', r.balance.gold);
        setBalance('gems', r.balance.gems);
        void queryClient.invalidateQueries(trpc.economy.battlepass.pathFilter());
        void queryClient.invalidateQueries(trpc.auth.me.pathFilter());
      },
    }),
  );

  const cell = (track: TBattlepassTrack) => {
    const reward = track === 'free' ? l.free : l.premium;
    const claimed = track === 'free' ? l.freeClaimed : l.premiumClaimed;
    if (!reward) return <span className="muted">—</span>;
    const locked = track === 'premium' && !premium;
    return (
      <span className="stack tight">
        <span className={locked ? 'muted' : ''}>{rewardText(reward)}</span>
        {claimed ? (
          <span className="ok-text small-text" data-testid={`bp-claimed-${track}`}>
            Claimed ✓
          </span>
        ) : locked ? (
          <span className="muted small-text">🔒 Premium</span>
        ) : l.reached ? (
          <button
            type="button"
            className="primary small"
            disabled={claim.isPending}
            onClick={() => claim.mutate({ level: l.level, track })}
            data-testid={`bp-claim-${track}`}
          >
            Claim
          </button>
        ) : (
          <span className="muted small-text">Reach level {l.level}</span>
        )}
      </span>
    );
  };

  return (
    <tr data-testid="bp-level-row" data-level={l.level} data-reached={l.reached} className={l.reached ? 'reached' : ''}>
      <th scope="row">{l.level}</th>
      <td>{cell('free')}</td>
      <td>
        {cell('premium')}
        <ErrorBanner error={claim.error} testId="bp-error" />
      </td>
    </tr>
  );
}
