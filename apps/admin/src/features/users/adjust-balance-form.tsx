import { CURRENCIES, type TCurrency } from '@casino/shared';
import { ErrorBanner, Field, formatNumber, useTRPC } from '@casino/ui';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Flash, useFlash } from '../../components/flash';
import { SelectField } from '../../components/select-field';
import { newIdempotencyKey } from '../../lib/idempotency';
import { hrefFor } from '../../lib/router';
import { useRefreshUser } from './use-refresh-user';

const CURRENCY_OPTIONS = CURRENCIES.map((c) => ({ value: c, label: c }));

/** Grants or deducts through the ledger; each submit carries its own idempotency key. */
export function AdjustBalanceForm({ userId }: { userId: number }) {
  const trpc = useTRPC();
  const refresh = useRefreshUser(userId);
  const [currency, setCurrency] = useState<TCurrency>('gold');
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const flash = useFlash();
  const [errors, setErrors] = useState<{ delta?: string; reason?: string }>({});
  const adjust = useMutation(
    trpc.admin.users.adjustBalance.mutationOptions({
      onSuccess: (r, v) => {
        if (!r.approval)
          flash.show(
            `${r.idempotent ? 'Already applied earlier; ' : 'Done; '}${v.currency} balance is now ${formatNumber(r.balance)} (ledger #${r.ledgerId}).`,
          );
        setDelta('');
        setReason('');
        void refresh();
      },
    }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const amount = Number(delta.trim());
    const found: typeof errors = {};
    if (!/^[+-]?\d+$/.test(delta.trim()) || amount === 0) found.delta = 'A whole number other than 0; use a minus sign to deduct.';
    else if (Math.abs(amount) > 1_000_000_000) found.delta = 'At most 1,000,000,000 at a time.';
    if (reason.trim().length < 3) found.reason = 'Say why (at least 3 characters); it goes into the audit log.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    adjust.mutate({ userId, currency, delta: amount, reason: reason.trim(), idempotencyKey: newIdempotencyKey() });
  };

  return (
    <form className="card stack" onSubmit={submit} data-testid="adjust-form" noValidate>
      <h2>Adjust balance</h2>
      <div className="grid-2">
        <SelectField
          label="Currency"
          name="currency"
          options={CURRENCY_OPTIONS}
          value={currency}
          onChange={(e) => setCurrency(e.target.value as TCurrency)}
        />
        <Field
          label="Amount (+/−)"
          name="delta"
          inputMode="text"
          placeholder="e.g. 500 or -200"
          value={delta}
          onChange={(e) => setDelta(e.target.value)}
          error={errors.delta}
        />
      </div>
      <Field label="Reason" name="adjustReason" value={reason} onChange={(e) => setReason(e.target.value)} error={errors.reason} />
      <button type="submit" className="primary" disabled={adjust.isPending} data-testid="adjust-submit">
        {adjust.isPending ? 'Applying…' : 'Apply'}
      </button>
      {adjust.isSuccess && adjust.data.approval ? (
        <p className="banner" data-testid="adjust-pending">
          Above the four-eyes threshold: request #{adjust.data.approval.id} waits for another admin on the{' '}
          <a href={hrefFor({ name: 'approvals' })}>Approvals</a> page.
        </p>
      ) : (
        <Flash message={flash.message} testId="adjust-result" />
      )}
      <ErrorBanner error={adjust.error} testId="adjust-error" />
    </form>
  );
}
