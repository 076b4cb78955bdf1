import { ErrorBanner, formatNumber, useTRPC } from '@casino/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSetBalance } from '../../lib/balance';
import { formatLeft } from '../progression/format';
import { useServerCountdown } from '../progression/use-server-countdown';

/**
 * The refill for a player nearly out of gold: available below the floor once per period.
 * The wait is counted on the server's clock; at zero the status is asked again.
 */
export function HourlyBonus({ gold }: { gold: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setBalance = useSetBalance();
  const status = useQuery(trpc.economy.bonus.status.queryOptions());
  const refresh = () => void queryClient.invalidateQueries(trpc.economy.bonus.pathFilter());
  const s = status.data;
  const left = useServerCountdown(s?.nextAt ?? null, s?.serverNow ?? null, refresh);
  // The answer depends on the balance (above or below the floor): ask again when the live balance crosses it.
  const belowNow = s ? gold < s.floor : null;
  const belowThen = s ? s.gold < s.floor : null;
  useEffect(() => {
    if (belowNow !== belowThen) void queryClient.invalidateQueries(trpc.economy.bonus.pathFilter());
  }, [belowNow, belowThen, queryClient, trpc]);

  const claim = useMutation(
    trpc.economy.bonus.claim.mutationOptions({
      onSuccess: (r) => {
        setBalance('gold', r.balance);
        refresh();
      },
    }),
  );

  return (
    <section
      className="card stack tight widget-bonus"
      aria-labelledby="bonus-title"
      aria-busy={status.isPending}
      data-testid="bonus"
      data-widget="bonus"
      data-ready={!status.isPending}
    >
      <h2 id="bonus-title">Gold refill</h2>
      {s && (
        <>
          <strong>+{formatNumber(s.amount)} gold</strong>
          {s.nextAt ? (
            <span className="small-text" data-testid="bonus-countdown">
              Next refill in <time dateTime={s.nextAt.toISOString()}>{formatLeft(left)}</time>
            </span>
          ) : s.available ? (
            <button
              type="button"
              className="primary small"
              disabled={claim.isPending}
              onClick={() => claim.mutate()}
              data-testid="bonus-claim"
            >
              Claim refill
            </button>
          ) : (
            <span className="muted small-text" data-testid="bonus-info">
              For when you drop below {formatNumber(s.floor)} gold
            </span>
          )}
        </>
      )}
      <ErrorBanner error={status.error ?? claim.error} testId="bonus-error" />
    </section>
  );
}
