/** Promo codes: uses against max uses, window, activate / deactivate (asks once more), edit window and max uses. */
import { ErrorBanner, Field, formatNumber, Loading, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ConfirmAction } from '../../components/confirm-action';
import { AdminOnly } from '../../lib/role';
import { formatWindow, fromLocalInput, parseWhole, toLocalInput, useRefreshShop } from './format';
import { PromoCreateForm } from './promo-create-form';

type Promo = RouterOutputs['admin']['shop']['promos']['list'][number];

export function PromosTab() {
  const trpc = useTRPC();
  const list = useQuery(trpc.admin.shop.promos.list.queryOptions());
  const [activeOnly, setActiveOnly] = useState(false);
  const rows = (list.data ?? []).filter((p) => !activeOnly || p.isActive);
  return (
    <div className="stack" data-testid="shop-promos">
      <AdminOnly>
        <PromoCreateForm />
      </AdminOnly>
      <label className="row check">
        <input type="checkbox" className="checkbox" checked={activeOnly} onChange={(e) => setActiveOnly(e.target.checked)} />
        Active only
      </label>
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error} />
      {list.isSuccess && rows.length === 0 && <p className="muted">No promo codes.</p>}
      <ul className="plain stack">
        {rows.map((p) => (
          <PromoRow key={p.code} promo={p} />
        ))}
      </ul>
    </div>
  );
}

function PromoRow({ promo: p }: { promo: Promo }) {
  const trpc = useTRPC();
  const refresh = useRefreshShop();
  const [editing, setEditing] = useState(false);
  const toggle = useMutation(trpc.admin.shop.promos.update.mutationOptions({ onSuccess: refresh }));
  const exhausted = p.maxUses !== null && p.usedCount >= p.maxUses;
  const now = new Date();
  const expired = (p.endsAt !== null && p.endsAt <= now) || (p.startsAt !== null && p.startsAt > now);
  const usedPct = p.maxUses ? Math.min(100, (p.usedCount / p.maxUses) * 100) : 0;

  return (
    <li className="card stack tight" data-testid="promo-row" data-code={p.code} data-active={p.isActive}>
      <div className="row between">
        <span className="row">
          <strong className="mono">{p.code}</strong>
          <span className="badge">{p.kind === 'percent' ? `−${p.value}%` : `−${formatNumber(p.value)} fixed`}</span>
          {p.perUserOnce && <span className="badge">once per player</span>}
        </span>
        <span className="row">
          {exhausted && <span className="badge bad-badge">used up</span>}
          {expired && <span className="badge bad-badge">outside window</span>}
          <span className={`badge ${p.isActive ? 'ok-badge' : ''}`} data-testid="promo-status">
            {p.isActive ? 'active' : 'inactive'}
          </span>
        </span>
      </div>
      <div className="row between small-text">
        <span data-testid="promo-uses">
          used {formatNumber(p.usedCount)}
          {p.maxUses === null ? ' (unlimited)' : ` of ${formatNumber(p.maxUses)}`}
        </span>
        <span className="muted">{formatWindow(p.startsAt, p.endsAt)}</span>
      </div>
      {p.maxUses !== null && (
        <div
          className="bar thin"
          role="progressbar"
          aria-label="Uses"
          aria-valuemin={0}
          aria-valuemax={p.maxUses}
          aria-valuenow={p.usedCount}
        >
          <div className="bar-fill" style={{ width: `${usedPct}%` }} />
        </div>
      )}
      <AdminOnly>
        <div className="row">
          <button type="button" className="small" onClick={() => setEditing((v) => !v)} data-testid="promo-edit">
            {editing ? 'Close' : 'Edit'}
          </button>
          {p.isActive ? (
            <ConfirmAction
              label="Deactivate"
              title={`Stop promo code ${p.code}?`}
              confirmLabel="Stop this code"
              danger
              disabled={toggle.isPending}
              onConfirm={() => toggle.mutate({ code: p.code, isActive: false })}
              testId="promo-deactivate"
            >
              <p>Quotes and purchases refuse it from now on; discounts already given stay.</p>
            </ConfirmAction>
          ) : (
            <ConfirmAction
              label="Activate"
              title={`Accept promo code ${p.code}?`}
              confirmLabel="Accept this code"
              disabled={toggle.isPending}
              onConfirm={() => toggle.mutate({ code: p.code, isActive: true })}
              testId="promo-activate"
            >
              <p>Players can use it again within its window and uses.</p>
            </ConfirmAction>
          )}
        </div>
      </AdminOnly>
      <ErrorBanner error={toggle.error} testId="promo-error" />
      {editing && <PromoEditForm promo={p} onDone={() => setEditing(false)} />}
    </li>
  );
}

function PromoEditForm({ promo: p, onDone }: { promo: Promo; onDone: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshShop();
  const [maxUses, setMaxUses] = useState(p.maxUses === null ? '' : String(p.maxUses));
  const [startsAt, setStartsAt] = useState(toLocalInput(p.startsAt));
  const [endsAt, setEndsAt] = useState(toLocalInput(p.endsAt));
  const [perUserOnce, setPerUserOnce] = useState(p.perUserOnce);
  const [errors, setErrors] = useState<Partial<Record<'maxUses' | 'startsAt' | 'endsAt', string>>>({});
  const update = useMutation(
    trpc.admin.shop.promos.update.mutationOptions({
      onSuccess: () => {
        refresh();
        onDone();
      },
    }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    const uses = parseWhole(maxUses, 1, 100_000_000);
    if (uses === undefined) found.maxUses = 'A whole number from 1, or empty for unlimited.';
    else if (uses !== null && uses < p.usedCount) found.maxUses = `At least the ${p.usedCount} uses already made.`;
    const from = fromLocalInput(startsAt);
    const to = fromLocalInput(endsAt);
    if (from === undefined) found.startsAt = 'Not a date.';
    if (to === undefined) found.endsAt = 'Not a date.';
    if (from && to && from >= to) found.endsAt = 'The code must end after it starts.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    update.mutate({ code: p.code, maxUses: uses ?? null, startsAt: from ?? null, endsAt: to ?? null, perUserOnce });
  };

  return (
    <form className="stack tight edit-panel" onSubmit={submit} noValidate data-testid="promo-edit-form">
      <div className="grid-2">
        <Field
          label="Max uses (empty = unlimited)"
          name={`promo-${p.code}-maxUses`}
          inputMode="numeric"
          value={maxUses}
          onChange={(e) => setMaxUses(e.target.value)}
          error={errors.maxUses}
        />
        <Field
          label="Starts"
          name={`promo-${p.code}-startsAt`}
          type="datetime-local"
          value={startsAt}
          onChange={(e) => setStartsAt(e.target.value)}
          error={errors.startsAt}
        />
        <Field
          label="Ends"
          name={`promo-${p.code}-endsAt`}
          type="datetime-local"
          value={endsAt}
          onChange={(e) => setEndsAt(e.target.value)}
          error={errors.endsAt}
        />
      </div>
      <label className="row check">
        <input type="checkbox" className="checkbox" checked={perUserOnce} onChange={(e) => setPerUserOnce(e.target.checked)} />
        Once per player
      </label>
      <button type="submit" className="primary small" disabled={update.isPending} data-testid="promo-save">
        {update.isPending ? 'Saving…' : 'Save'}
      </button>
      <ErrorBanner error={update.error} testId="promo-edit-error" />
    </form>
  );
}
