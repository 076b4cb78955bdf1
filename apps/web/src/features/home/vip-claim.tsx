import { ErrorBanner, formatNumber, useTRPC } from '@casino/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

/** VIP daily points: once per UTC day, the amount set for the player's rank. */
export function VipClaim() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.economy.vip.status.queryOptions());
  const claim = useMutation(
    trpc.economy.vip.claim.mutationOptions({
      onSuccess: (r) => {
        queryClient.setQueryData(trpc.auth.me.queryKey(), (me) => (me ? { ...me, vipPoints: r.vipPoints } : me));
        void queryClient.invalidateQueries(trpc.economy.vip.pathFilter());
      },
    }),
  );
  const s = status.data;
  return (
    <section
      className="card stack tight widget-vip"
      aria-labelledby="vip-title"
      aria-busy={status.isPending}
      data-testid="vip"
      data-widget="vip"
      data-ready={!status.isPending}
    >
      <h2 id="vip-title">VIP points</h2>
      {s && (
        <>
          <strong data-testid="vip-points">{formatNumber(s.vipPoints)}</strong>
          {s.claimedToday ? (
            <span className="muted small-text" data-testid="vip-claimed">
              Claimed today · next after midnight UTC
            </span>
          ) : s.points > 0 ? (
            <button
              type="button"
              className="primary small"
              disabled={claim.isPending}
              onClick={() => claim.mutate()}
              data-testid="vip-claim"
            >
              Claim +{formatNumber(s.points)}
            </button>
          ) : (
            <span className="muted small-text">Your rank earns no daily points.</span>
          )}
        </>
      )}
      <ErrorBanner error={status.error ?? claim.error} testId="vip-error" />
    </section>
  );
}
