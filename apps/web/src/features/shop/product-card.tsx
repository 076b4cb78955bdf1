import { formatNumber, type RouterOutputs } from '@casino/ui';
import { Countdown } from './countdown';
import { formatPrice, grantLines, RANK_LABEL } from './format';
import { refusalLabel, refusalMessage } from './refusal';

export type CatalogProduct = RouterOutputs['economy']['shop']['catalog']['products'][number];

/** Effective price, then the original struck through while a discount runs. */
export function PriceTag({ product }: { product: CatalogProduct }) {
  const { currency, amount, effective } = product.price;
  return (
    <span className="price">
      {effective < amount && (
        <s className="muted" data-testid="price-original">
          {formatPrice(currency, amount)}
        </s>
      )}
      <strong data-testid="price">{formatPrice(currency, effective)}</strong>
    </span>
  );
}

export function GrantList({ grants }: { grants: CatalogProduct['grants'] }) {
  return (
    <ul className="grants" data-testid="grants">
      {grantLines(grants).map((g) => (
        <li key={g.key} className={`grant-${g.tone}`}>
          {g.text}
        </li>
      ))}
    </ul>
  );
}

/** Stock left (with a bar), the sale window and how many this player may still buy. */
export function LimitedFacts({ product, onExpire }: { product: CatalogProduct; onExpire: () => void }) {
  const lim = product.limited;
  if (!lim) return null;
  const now = Date.now();
  const upcoming = lim.startsAt !== null && lim.startsAt.getTime() > now;
  const ended = lim.endsAt !== null && lim.endsAt.getTime() <= now;
  const soldPct = lim.stockTotal > 0 ? Math.min(100, ((lim.stockTotal - lim.stockLeft) / lim.stockTotal) * 100) : 100;
  return (
    <div className="limited stack tight" data-testid="limited">
      <div className="row between small-text">
        <span data-testid="stock-left">
          <strong>{formatNumber(lim.stockLeft)}</strong> of {formatNumber(lim.stockTotal)} left
        </span>
        {upcoming && lim.startsAt ? (
          <span>
            starts in <Countdown until={lim.startsAt} onEnd={onExpire} testId="window-countdown" />
          </span>
        ) : ended ? (
          <span>sale ended</span>
        ) : (
          lim.endsAt && (
            <span>
              ends in <Countdown until={lim.endsAt} onEnd={onExpire} testId="window-countdown" />
            </span>
          )
        )}
      </div>
      <div
        className="bar thin"
        role="progressbar"
        aria-label="Sold"
        aria-valuemin={0}
        aria-valuemax={lim.stockTotal}
        aria-valuenow={lim.stockTotal - lim.stockLeft}
      >
        <div className="bar-fill" style={{ width: `${soldPct}%` }} />
      </div>
      {lim.userRemaining !== null && (
        <span className="small-text muted" data-testid="user-remaining">
          {formatNumber(lim.userRemaining)} left for you
        </span>
      )}
    </div>
  );
}

export function ProductCard({ product, onBuy, onExpire }: { product: CatalogProduct; onBuy: () => void; onExpire: () => void }) {
  const p = product;
  const reason = p.available ? null : (p.unavailableReason ?? 'DISABLED');
  const label = reason ? refusalLabel(reason, p) : null;
  const message = reason ? refusalMessage(reason) : null;
  return (
    <article
      className={`card product${p.available ? '' : ' unavailable'}`}
      data-testid="product"
      data-sku={p.sku}
      data-available={p.available}
      aria-label={p.name}
    >
      <div className="product-head">
        <h3>{p.name}</h3>
        <span className="row tags">
          {p.discountPercent > 0 && (
            <span className="badge badge-sale" data-testid="discount-badge">
              −{p.discountPercent}%
            </span>
          )}
          {p.limited && <span className="badge badge-limited">Limited</span>}
          {p.minRank !== 'STANDARD' && <span className={`badge rank-${p.minRank.toLowerCase()}`}>{RANK_LABEL[p.minRank]}</span>}
        </span>
      </div>
      {p.description && <p className="muted small-text product-desc">{p.description}</p>}
      <GrantList grants={p.grants} />
      {p.discountPercent > 0 && p.discountEndsAt && (
        <p className="small-text sale-note" data-testid="discount-ends">
          Sale ends in <Countdown until={p.discountEndsAt} onEnd={onExpire} testId="discount-countdown" />
        </p>
      )}
      <LimitedFacts product={p} onExpire={onExpire} />
      <div className="product-foot">
        <PriceTag product={p} />
        <button type="button" className={p.available ? 'primary' : ''} disabled={!p.available} onClick={onBuy} data-testid="product-buy">
          {label ?? 'Buy'}
        </button>
      </div>
      {reason && message && message.replace(/\.$/, '') !== label && (
        <p className="small-text muted refusal" data-testid="product-refusal" data-reason={reason}>
          {message}
        </p>
      )}
    </article>
  );
}
