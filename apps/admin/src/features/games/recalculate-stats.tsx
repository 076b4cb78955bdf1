import { ErrorBanner, formatNumber, useTRPC } from '@casino/ui';
import { useMutation } from '@tanstack/react-query';

/** Rebuilds every player's game stats from the round records; mismatches mean the incremental books drifted. */
export function RecalculateStats() {
  const trpc = useTRPC();
  const recalc = useMutation(trpc.admin.games.recalculateStats.mutationOptions());
  const r = recalc.data;
  return (
    <section className="card stack" data-testid="recalc-stats">
      <h2>Game statistics</h2>
      <p className="muted">
        Recomputes every player’s per-game statistics from the round records and reports how many stored rows differed. There should never
        be a mismatch. Recorded in the audit log.
      </p>
      <button type="button" className="primary" onClick={() => recalc.mutate({})} disabled={recalc.isPending} data-testid="recalc">
        {recalc.isPending ? 'Recalculating…' : 'Recalculate stats'}
      </button>
      <ErrorBanner error={recalc.error} />
      {r && !recalc.isPending && (
        <p
          className={r.mismatched === 0 ? 'banner banner-ok' : 'banner banner-error'}
          data-testid="recalc-result"
          data-mismatched={r.mismatched}
        >
          {formatNumber(r.rows)} stats rows rebuilt ·{' '}
          {r.mismatched === 0 ? 'no mismatches.' : `${formatNumber(r.mismatched)} rows differed and were corrected.`}
        </p>
      )}
    </section>
  );
}
