import { formatNumber } from '@casino/ui';

/** Gold and gems from `auth.me`; the live subscription patches that cache entry. */
export function Balances({ gold, gems }: { gold: number; gems: number }) {
  return (
    <section className="balances" aria-label="Balances">
      <div className="card balance gold">
        <span className="muted">Gold</span>
        <strong data-testid="gold">{formatNumber(gold)}</strong>
      </div>
      <div className="card balance gems">
        <span className="muted">Gems</span>
        <strong data-testid="gems">{formatNumber(gems)}</strong>
      </div>
    </section>
  );
}
