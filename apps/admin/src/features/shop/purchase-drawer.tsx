/** One purchase in full: what it granted, what a refund clawed back, the debt left, the charge, the failure. */
import { reasonText } from '@casino/shared';
import { formatDate, formatNumber, type RouterOutputs } from '@casino/ui';
import { useEffect, useRef } from 'react';
import { AdminOnly } from '../../lib/role';
import { hrefFor } from '../../lib/router';
import { formatGranted, formatPrice, useRefreshShop } from './format';
import { PurchaseActions } from './purchase-actions';

export type AdminPurchase = RouterOutputs['admin']['shop']['purchases']['items'][number];

export function PurchaseDrawer({ purchase: p, onClose }: { purchase: AdminPurchase; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const refresh = useRefreshShop();
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  const debt = p.debt && formatGranted(p.debt) !== '—' ? formatGranted(p.debt) : null;

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop mirrors Escape, which the native dialog handles
    <dialog
      ref={ref}
      className="drawer"
      aria-labelledby="purchase-title"
      onClose={onClose}
      onClick={(e) => {
        if (e.target === e.currentTarget) ref.current?.close();
      }}
      data-testid="purchase-drawer"
    >
      <div className="drawer-body stack">
        <div className="row between nowrap">
          <h2 id="purchase-title">{p.productName}</h2>
          <button type="button" className="link close" aria-label="Close" onClick={() => ref.current?.close()} data-testid="drawer-close">
            ✕
          </button>
        </div>
        <div className="row">
          <span className={`badge status-${p.status}`} data-testid="drawer-status">
            {p.status}
          </span>
          {p.flaggedForReview && <span className="badge bad-badge">flagged for review</span>}
        </div>
        <dl className="facts">
          <dt>Purchase</dt>
          <dd className="mono">{p.id}</dd>
          <dt>Player</dt>
          <dd>
            <a href={hrefFor({ name: 'user', userId: p.userId })}>
              {p.nickname} (#{p.userId})
            </a>
          </dd>
          <dt>Product</dt>
          <dd>
            <span className="mono">{p.sku}</span> × {formatNumber(p.quantity)}
          </dd>
          <dt>Paid</dt>
          <dd data-testid="drawer-amount">
            {formatPrice(p.currency, p.amount)}
            {p.promoCode && (
              <span className="muted">
                {' '}
                (promo <span className="mono">{p.promoCode}</span> −{formatPrice(p.currency, p.promoDiscount)})
              </span>
            )}
          </dd>
          <dt>{p.status === 'completed' || p.status === 'refunded' ? 'Granted' : 'Would grant'}</dt>
          <dd data-testid="drawer-granted">
            {formatGranted(p.granted)}
            {p.status !== 'completed' && p.status !== 'refunded' && <span className="muted"> (not granted)</span>}
          </dd>
          <dt>Charge</dt>
          <dd className="mono" data-testid="drawer-charge">
            {p.chargeId ?? '—'}
          </dd>
          {p.failureReason && (
            <>
              <dt>Failure</dt>
              <dd data-testid="drawer-failure">
                <span className="minus">{reasonText(p.failureReason) ?? p.failureReason}</span>{' '}
                <code className="muted">{p.failureReason}</code>
              </dd>
            </>
          )}
          <dt>Created</dt>
          <dd>{formatDate(p.createdAt)}</dd>
          <dt>Completed</dt>
          <dd>{formatDate(p.completedAt)}</dd>
          {p.refundedAt && (
            <>
              <dt>Refunded</dt>
              <dd>
                {formatDate(p.refundedAt)}
                {p.refundReason ? ` — ${p.refundReason}` : ''}
              </dd>
            </>
          )}
          <dt>Clawed back</dt>
          <dd data-testid="drawer-clawed">{formatGranted(p.clawedBack)}</dd>
          <dt>Debt</dt>
          <dd className={debt ? 'minus' : ''} data-testid="drawer-debt">
            {debt ?? '—'}
          </dd>
          {p.fraudDecisionId !== null && (
            <>
              <dt>Fraud decision</dt>
              <dd className="mono">#{p.fraudDecisionId}</dd>
            </>
          )}
        </dl>
        <AdminOnly>
          <PurchaseActions purchase={p} onChanged={refresh} />
        </AdminOnly>
        <a href={hrefFor({ name: 'audit', targetType: 'purchase', targetId: p.id })} className="small-text">
          Audit entries for this purchase →
        </a>
      </div>
    </dialog>
  );
}
