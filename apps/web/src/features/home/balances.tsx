import { formatNumber } from '@casino/ui';
import { hrefFor } from '../../lib/router';

/** Gold and gems from `auth.me`; the live subscription patches that cache entry. */
export function Balances({ gold, gems }: { gold: number; gems: number }) {
  return (
    <section className="balances" aria-label="Balances" data-widget="balances">
      <div className="card balance gold">
        <span className="muted">Gold</span>
        <strong data-testid="gold">{formatNumber(gold)}</strong>
      </div>
      <div className="card balance gems">
        <span className="muted">Gems</span>
        <strong data-testid="gems">{formatNumber(gems)}</strong>
      </div>
      <a className={`shop-link small-text${gold < 100 ? ' low' : ''}`} href={hrefFor('shop')} data-testid="home-shop">
        {gold < 100 ? 'Running low on gold? Get more in the shop →' : 'Get gold and gems in the shop →'}
      </a>
    </section>
  );
}
