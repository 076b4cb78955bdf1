/** Editing a promo code's window, max uses (never below the uses made) and once-per-player; a panel over the promo table. */
import { ErrorBanner, Field, useTRPC } from '@casino/ui';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { formatNumber } from '../../lib/format';
import { fromLocalInput, parseWhole, toLocalInput, useRefreshShop } from './format';
import type { Promo } from './promos-tab';

export function PromoEditForm({ promo: p, onDone }: { promo: Promo; onDone: (saved: boolean) => void }) {
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
        onDone(true);
      },
    }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: typeof errors = {};
    const uses = parseWhole(maxUses, 1, 100_000_000);
    if (uses === undefined) found.maxUses = 'A whole number from 1, or empty for unlimited.';
    else if (uses !== null && uses < p.usedCount) found.maxUses = `At least the ${formatNumber(p.usedCount)} uses already made.`;
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
    <form className="card stack tight edit-panel" onSubmit={submit} noValidate data-testid="promo-edit-form">
      <div className="row between">
        <h3>
          Edit <span className="mono">{p.code}</span>
        </h3>
        <button type="button" className="small" onClick={() => onDone(false)}>
          Close
        </button>
      </div>
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
