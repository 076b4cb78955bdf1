/** A new promo code: percent or fixed, optional max uses, window, once per player. */
import { ZPromoCode } from '@casino/shared';
import { ErrorBanner, Field, fieldErrorsOf, useTRPC } from '@casino/ui';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { MutationFlash } from '../../components/flash';
import { SelectField } from '../../components/select-field';
import { fromLocalInput, parseWhole, useRefreshShop } from './format';

const KIND_OPTIONS = [
  { value: 'percent', label: 'Percent off' },
  { value: 'fixed', label: 'Fixed amount off' },
] as const;

type Errors = Partial<Record<'code' | 'value' | 'maxUses' | 'startsAt' | 'endsAt', string>>;

export function PromoCreateForm() {
  const trpc = useTRPC();
  const refresh = useRefreshShop();
  const [code, setCode] = useState('');
  const [kind, setKind] = useState<'percent' | 'fixed'>('percent');
  const [value, setValue] = useState('');
  const [maxUses, setMaxUses] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [perUserOnce, setPerUserOnce] = useState(false);
  const [isActive, setIsActive] = useState(true);
  const [errors, setErrors] = useState<Errors>({});
  const create = useMutation(
    trpc.admin.shop.promos.create.mutationOptions({
      onSuccess: () => {
        setCode('');
        setValue('');
        setMaxUses('');
        setStartsAt('');
        setEndsAt('');
        refresh();
      },
    }),
  );
  const server = fieldErrorsOf(create.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: Errors = {};
    const c = code.trim().toUpperCase();
    if (!ZPromoCode.safeParse(c).success) found.code = '3–32 letters, digits, _ or -.';
    const v = parseWhole(value, 1, kind === 'percent' ? 100 : 1_000_000_000);
    if (typeof v !== 'number') found.value = kind === 'percent' ? '1 to 100.' : 'A whole number from 1.';
    const uses = parseWhole(maxUses, 1, 100_000_000);
    if (uses === undefined) found.maxUses = 'A whole number from 1, or empty for unlimited.';
    const from = fromLocalInput(startsAt);
    const to = fromLocalInput(endsAt);
    if (from === undefined) found.startsAt = 'Not a date.';
    if (to === undefined) found.endsAt = 'Not a date.';
    if (from && to && from >= to) found.endsAt = 'The code must end after it starts.';
    setErrors(found);
    if (Object.keys(found).length > 0 || typeof v !== 'number') return;
    create.mutate({ code: c, kind, value: v, maxUses: uses ?? null, perUserOnce, startsAt: from ?? null, endsAt: to ?? null, isActive });
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate data-testid="promo-create">
      <h2>New promo code</h2>
      <div className="grid-2">
        <Field
          label="Code"
          name="promo-code"
          autoComplete="off"
          autoCapitalize="characters"
          placeholder="LAUNCH10"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={errors.code ?? server.code}
        />
        <SelectField
          label="Kind"
          name="promo-kind"
          options={KIND_OPTIONS}
          value={kind}
          onChange={(e) => setKind(e.target.value as 'percent' | 'fixed')}
        />
        <Field
          label={kind === 'percent' ? 'Percent off' : 'Amount off'}
          name="promo-value"
          inputMode="numeric"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={errors.value ?? server.value}
          hint={
            kind === 'fixed' ? (
              <span className="muted small-text">In the product's own unit: gold, gems, or cents for card prices.</span>
            ) : undefined
          }
        />
        <Field
          label="Max uses (empty = unlimited)"
          name="promo-maxUses"
          inputMode="numeric"
          value={maxUses}
          onChange={(e) => setMaxUses(e.target.value)}
          error={errors.maxUses ?? server.maxUses}
        />
        <Field
          label="Starts (optional)"
          name="promo-startsAt"
          type="datetime-local"
          value={startsAt}
          onChange={(e) => setStartsAt(e.target.value)}
          error={errors.startsAt}
        />
        <Field
          label="Ends (optional)"
          name="promo-endsAt"
          type="datetime-local"
          value={endsAt}
          onChange={(e) => setEndsAt(e.target.value)}
          error={errors.endsAt}
        />
      </div>
      <div className="row">
        <label className="row check">
          <input type="checkbox" className="checkbox" checked={perUserOnce} onChange={(e) => setPerUserOnce(e.target.checked)} />
          Once per player
        </label>
        <label className="row check">
          <input type="checkbox" className="checkbox" checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />
          Active
        </label>
      </div>
      <button type="submit" className="primary" disabled={create.isPending} data-testid="promo-create-submit">
        {create.isPending ? 'Creating…' : 'Create code'}
      </button>
      <MutationFlash
        mutation={create}
        testId="promo-created"
        message={(d) => (
          <>
            Created <strong className="mono">{d.code}</strong>.
          </>
        )}
      />
      <ErrorBanner error={create.error} testId="promo-create-error" />
    </form>
  );
}
