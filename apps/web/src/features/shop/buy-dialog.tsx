/**
 * The buy dialog: quantity (where more than one may be bought), a promo code checked live
 * against economy.shop.quote, the sandbox card form for cash products, then one purchase per
 * attempt (use-attempt-key.ts) and what it granted. The balance in the header follows from
 * the answer and from the live token_update events.
 */
import { isReason, MAX_QUANTITY, REASONS, reasonText, ZPromoCode } from '@casino/shared';
import { appErrorOf, ErrorBanner, formatNumber, useDebounced, useTRPC } from '@casino/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useSetBalance } from '../../lib/balance';
import { type CardChoice, CardForm, cardToken, DEFAULT_CARD } from './card-form';
import { formatPrice } from './format';
import { type CatalogProduct, GrantList, PriceTag } from './product-card';
import { refusalMessage } from './refusal';
import { useAttemptKey } from './use-attempt-key';

/** How many one purchase may take: one battle pass; a limited package no more than is left for this player. */
export function maxQuantity(p: CatalogProduct): number {
  if (p.kind === 'battlepass_premium') return 1;
  if (!p.limited) return MAX_QUANTITY;
  return Math.max(1, Math.min(MAX_QUANTITY, p.limited.stockLeft, p.limited.userRemaining ?? MAX_QUANTITY));
}

/** The quote's refusal in words: the shared sentence, or the server's when it says more (e.g. "already used by you"). */
function promoText(reason: string | null, message: string | null): string {
  const shared = reason && isReason(reason) ? REASONS[reason].message : null;
  if (message && message !== shared) return message;
  return (reason && reasonText(reason)) ?? message ?? 'That promo code cannot be used.';
}

const PROMO_SHAPE = 'Promo codes are 3–32 letters, digits, _ or -.';

export function BuyDialog({
  product,
  balances,
  onClose,
  onGetGems,
}: {
  product: CatalogProduct;
  balances: { gold: number; gems: number };
  onClose: () => void;
  onGetGems: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const setBalance = useSetBalance();
  const attempt = useAttemptKey();
  const dialog = useRef<HTMLDialogElement>(null);
  const { currency } = product.price;
  const cash = currency === 'cash';
  const maxQty = maxQuantity(product);

  const [qtyText, setQtyText] = useState('1');
  const [promo, setPromo] = useState('');
  const [card, setCard] = useState<CardChoice>(DEFAULT_CARD);

  const buy = useMutation(
    trpc.economy.shop.buy.mutationOptions({
      onSuccess: (r) => {
        attempt.settle();
        setBalance('gold', r.balance.gold);
        setBalance('gems', r.balance.gems);
      },
      onError: (e) => attempt.settle(e),
      onSettled: () => {
        // Stock, "left for you" and the history changed (a refusal leaves a failed purchase for cards).
        void queryClient.invalidateQueries(trpc.economy.shop.catalog.pathFilter());
        void queryClient.invalidateQueries(trpc.economy.shop.purchases.pathFilter());
      },
    }),
  );

  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);

  const qty = Number(qtyText);
  const qtyProblem =
    qtyText.trim() === '' || !Number.isInteger(qty) || qty < 1
      ? 'Enter a whole number from 1.'
      : qty > maxQty
        ? `At most ${formatNumber(maxQty)} at a time.`
        : null;
  const code = promo.trim().toUpperCase();
  const promoProblem = code !== '' && !ZPromoCode.safeParse(code).success ? PROMO_SHAPE : null;
  const settledQty = useDebounced(qtyProblem ? 1 : qty, 250);
  const settledCode = useDebounced(promoProblem ? '' : code, 400);
  const quote = useQuery(
    trpc.economy.shop.quote.queryOptions(
      { sku: product.sku, quantity: settledQty, ...(settledCode ? { promoCode: settledCode } : {}) },
      { placeholderData: keepPreviousData, staleTime: 5_000, enabled: !buy.isSuccess },
    ),
  );
  const fresh =
    quote.data !== undefined &&
    !quote.isPlaceholderData &&
    settledQty === (qtyProblem ? 1 : qty) &&
    settledCode === (promoProblem ? '' : code);
  const q = fresh ? quote.data : undefined;

  const promoState: 'none' | 'checking' | 'valid' | 'invalid' =
    code === '' ? 'none' : promoProblem ? 'invalid' : !q ? 'checking' : q.valid ? 'valid' : 'invalid';
  const held = cash ? null : balances[currency];
  const short = held !== null && q !== undefined && q.total > held;
  const { token, problem: cardProblem } = cardToken(card);

  const request = {
    sku: product.sku,
    quantity: qty,
    ...(code ? { promoCode: code } : {}),
    ...(cash && token ? { paymentToken: token } : {}),
  };
  const retrying = buy.isError && attempt.retrying(request);
  // The catalog refreshed meanwhile (sold out, limit reached, sales stopped): say so before the server has to.
  const refusedNow = product.available ? null : (product.unavailableReason ?? 'DISABLED');
  const blocked =
    buy.isPending ||
    !!refusedNow ||
    !!qtyProblem ||
    promoState === 'checking' ||
    promoState === 'invalid' ||
    short ||
    (cash && !!cardProblem);

  const change = (apply: () => void) => {
    apply();
    if (buy.isError) buy.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (blocked) return;
    buy.mutate({ ...request, idempotencyKey: attempt.keyFor(request) });
  };
  const close = () => dialog.current?.close();
  const again = () => {
    attempt.reset();
    buy.reset();
  };

  const refusal = appErrorOf(buy.error)?.reason;
  const result = buy.data;

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop mirrors Escape, which the native dialog handles (onCancel)
    <dialog
      ref={dialog}
      className="sheet"
      aria-labelledby="buy-title"
      data-testid="buy-dialog"
      onClose={onClose}
      onCancel={(e) => {
        if (buy.isPending) e.preventDefault();
      }}
      onClick={(e) => {
        if (e.target === e.currentTarget && !buy.isPending) close();
      }}
    >
      <div className="sheet-body stack">
        <div className="row between nowrap">
          <h2 id="buy-title">{product.name}</h2>
          <button type="button" className="link close" aria-label="Close" onClick={close} disabled={buy.isPending} data-testid="buy-close">
            ✕
          </button>
        </div>
        <div className="row between">
          <GrantList grants={product.grants} />
          <PriceTag product={product} />
        </div>

        {result ? (
          <div className="stack" data-testid="buy-result" data-purchase={result.purchaseId}>
            <p className="banner banner-win" role="status">
              <strong>Purchase complete.</strong>
              {result.idempotent && ' It had already gone through; you were not charged again.'}
            </p>
            <p className="small-text muted received">You received</p>
            <GrantList grants={result.granted} />
            <dl className="summary">
              <div>
                <dt>Paid</dt>
                <dd data-testid="result-paid">
                  {formatPrice(result.currency, result.amount)}
                  {result.currency === 'cash' ? ' by card' : ''}
                </dd>
              </div>
              {result.chargeId && (
                <div>
                  <dt>Charge</dt>
                  <dd className="mono" data-testid="result-charge">
                    {result.chargeId}
                  </dd>
                </div>
              )}
              <div>
                <dt>Balance now</dt>
                <dd data-testid="result-balance">
                  <span className="gold-text">{formatNumber(result.balance.gold)} gold</span> ·{' '}
                  <span className="gem-text">{formatNumber(result.balance.gems)} gems</span>
                </dd>
              </div>
            </dl>
            <div className="grid-2">
              <button type="button" onClick={again} data-testid="buy-again">
                Buy again
              </button>
              <button type="button" className="primary" onClick={close} data-testid="buy-done">
                Done
              </button>
            </div>
          </div>
        ) : (
          <form className="stack" onSubmit={submit} noValidate>
            {maxQty > 1 && (
              <div className="field">
                <label htmlFor="f-quantity">Quantity</label>
                <div className="stepper">
                  <button
                    type="button"
                    aria-label="One fewer"
                    disabled={buy.isPending || !(qty > 1)}
                    onClick={() => change(() => setQtyText(String(Math.max(1, Math.floor(qty) - 1))))}
                  >
                    −
                  </button>
                  <input
                    id="f-quantity"
                    name="quantity"
                    data-testid="field-quantity"
                    inputMode="numeric"
                    value={qtyText}
                    disabled={buy.isPending}
                    aria-invalid={qtyProblem ? true : undefined}
                    onChange={(e) => change(() => setQtyText(e.target.value.replace(/\D/g, '')))}
                  />
                  <button
                    type="button"
                    aria-label="One more"
                    disabled={buy.isPending || !(qty < maxQty)}
                    onClick={() => change(() => setQtyText(String(Math.min(maxQty, (Math.floor(qty) || 0) + 1))))}
                  >
                    +
                  </button>
                </div>
                {qtyProblem && (
                  <p className="field-error" data-testid="field-quantity-error">
                    {qtyProblem}
                  </p>
                )}
              </div>
            )}

            <div className="field">
              <label htmlFor="f-promoCode">Promo code (optional)</label>
              <input
                id="f-promoCode"
                name="promoCode"
                data-testid="field-promoCode"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                value={promo}
                disabled={buy.isPending}
                aria-invalid={promoState === 'invalid' ? true : undefined}
                aria-describedby="promo-status"
                onChange={(e) => change(() => setPromo(e.target.value))}
              />
              <p
                id="promo-status"
                className={`promo-status promo-${promoState}`}
                data-testid="promo-status"
                data-state={promoState}
                aria-live="polite"
              >
                {promoState === 'checking' && 'Checking…'}
                {promoState === 'valid' && q && `${code} applied: −${formatPrice(q.currency, q.discount)}`}
                {promoState === 'invalid' && (promoProblem ?? promoText(q?.reason ?? null, q?.message ?? null))}
              </p>
            </div>

            <dl className="summary" data-testid="quote" aria-busy={!q}>
              <div>
                <dt>Price{qty > 1 && !qtyProblem ? ` (${formatNumber(qty)}×)` : ''}</dt>
                <dd>{q ? formatPrice(q.currency, q.amount) : '…'}</dd>
              </div>
              {q && q.discount > 0 && (
                <div>
                  <dt>Promo {code}</dt>
                  <dd className="plus" data-testid="quote-discount">
                    −{formatPrice(q.currency, q.discount)}
                  </dd>
                </div>
              )}
              <div className="total">
                <dt>Total</dt>
                <dd data-testid="quote-total">{q ? formatPrice(q.currency, q.total) : '…'}</dd>
              </div>
              {held !== null && (
                <div className="muted">
                  <dt>You have</dt>
                  <dd data-testid="quote-held">{formatPrice(currency, held)}</dd>
                </div>
              )}
            </dl>
            <ErrorBanner error={!fresh && quote.isError ? quote.error : null} testId="quote-error" />

            {short && (
              <p className="banner banner-error" role="alert" data-testid="buy-short">
                {reasonText('INSUFFICIENT_FUNDS')}{' '}
                {currency === 'gems' && (
                  <button type="button" className="link" onClick={onGetGems}>
                    Get gems
                  </button>
                )}
              </p>
            )}

            {refusedNow && !buy.error && (
              <p className="banner banner-error" role="alert" data-testid="buy-unavailable">
                {refusalMessage(refusedNow)}
              </p>
            )}

            {cash && <CardForm value={card} onChange={(c) => change(() => setCard(c))} disabled={buy.isPending} />}

            <div className="sheet-actions stack tight">
              <ErrorBanner error={buy.error} testId="buy-error" />
              {refusal === 'INSUFFICIENT_FUNDS' && currency === 'gems' && !short && (
                <button type="button" className="link" onClick={onGetGems}>
                  Get gems
                </button>
              )}
              <button type="submit" className="primary big" disabled={blocked} data-testid="buy-submit">
                {buy.isPending ? 'Paying…' : retrying ? 'Try again' : q ? `Pay ${formatPrice(q.currency, q.total)}` : 'Pay'}
              </button>
              {retrying && (
                <p className="muted small-text" data-testid="buy-retry-note">
                  The answer did not arrive. Trying again is safe: the same purchase is never made twice.
                </p>
              )}
            </div>
          </form>
        )}
      </div>
    </dialog>
  );
}
