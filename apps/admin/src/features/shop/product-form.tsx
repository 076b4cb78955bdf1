/** Create or edit a product: every CONTRACT field, the limited-package fields and the grants. */
import type { TPriceCurrency, TProductKind, TRank } from '@casino/shared';
import { ErrorBanner, Field, fieldErrorsOf, useTRPC } from '@casino/ui';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { SelectField } from '../../components/select-field';
import { useRefreshShop } from './format';
import {
  CURRENCY_OPTIONS,
  EMPTY_PRODUCT,
  formOf,
  KIND_OPTIONS,
  type ProductFormErrors,
  type ProductFormState,
  type ProductRow,
  productInput,
  RANK_OPTIONS,
} from './product-form-state';

export function ProductForm({ product, onDone }: { product: ProductRow | null; onDone: (sku: string) => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshShop();
  const creating = product === null;
  const [f, setF] = useState<ProductFormState>(() => (product ? formOf(product) : EMPTY_PRODUCT));
  const [errors, setErrors] = useState<ProductFormErrors>({});
  const done = {
    onSuccess: (r: { sku: string }) => {
      refresh();
      onDone(r.sku);
    },
  };
  const create = useMutation(trpc.admin.shop.products.create.mutationOptions(done));
  const update = useMutation(trpc.admin.shop.products.update.mutationOptions(done));
  const save = creating ? create : update;
  const server = fieldErrorsOf(save.error);

  const set = <K extends keyof ProductFormState>(key: K, value: ProductFormState[K]) => setF((s) => ({ ...s, [key]: value }));
  const text = (key: keyof ProductFormState) => ({
    name: `product-${key}`,
    value: f[key] as string,
    onChange: (e: { target: { value: string } }) => set(key, e.target.value as never),
    error: errors[key] ?? server[key],
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { input, errors: found } = productInput(f, creating);
    setErrors(found);
    if (!input) return;
    if (creating) create.mutate(input);
    else update.mutate(input);
  };

  const items = f.items;
  const setItem = (i: number, patch: Partial<(typeof items)[number]>) =>
    set(
      'items',
      items.map((line, j) => (j === i ? { ...line, ...patch } : line)),
    );

  return (
    <form className="card stack product-form" onSubmit={submit} noValidate data-testid="product-form">
      <div className="row between">
        <h2>{creating ? 'New product' : `Edit ${product.sku}`}</h2>
        <button type="button" className="link" onClick={() => onDone('')}>
          Cancel
        </button>
      </div>

      <fieldset className="form-section">
        <legend>Product</legend>
        <div className="grid-2">
          {creating ? <Field label="SKU" placeholder="gold_2000" autoComplete="off" {...text('sku')} /> : null}
          <Field label="Name" {...text('name')} />
        </div>
        <div className="field">
          <label htmlFor="f-product-description">Description</label>
          <textarea
            id="f-product-description"
            name="product-description"
            data-testid="field-product-description"
            rows={2}
            maxLength={500}
            value={f.description}
            onChange={(e) => set('description', e.target.value)}
          />
          {errors.description && <p className="field-error">{errors.description}</p>}
        </div>
        <div className="grid-2">
          <SelectField
            label="Kind"
            name="product-kind"
            options={KIND_OPTIONS}
            value={f.kind}
            onChange={(e) => set('kind', e.target.value as TProductKind)}
          />
          <Field label="Sort order" inputMode="numeric" {...text('sortOrder')} />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Price</legend>
        <div className="grid-2">
          <SelectField
            label="Paid with"
            name="product-currency"
            options={CURRENCY_OPTIONS}
            value={f.currency}
            onChange={(e) => set('currency', e.target.value as TPriceCurrency)}
          />
          <Field
            label={f.currency === 'cash' ? 'Price (USD)' : `Price (${f.currency})`}
            inputMode={f.currency === 'cash' ? 'decimal' : 'numeric'}
            placeholder={f.currency === 'cash' ? '4.99' : '50'}
            {...text('amount')}
          />
          <Field label="Discount %" inputMode="numeric" {...text('discountPercent')} />
          <Field label="Discount ends (empty = open-ended)" type="datetime-local" {...text('discountEndsAt')} />
          <SelectField
            label="Minimum rank"
            name="product-minRank"
            options={RANK_OPTIONS}
            value={f.minRank}
            onChange={(e) => set('minRank', e.target.value as TRank)}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>Grants</legend>
        <div className="grid-2">
          <Field label="Gold" inputMode="numeric" placeholder="0" {...text('gold')} />
          <Field label="Gems" inputMode="numeric" placeholder="0" {...text('gems')} />
        </div>
        {items.map((line, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: item lines are edited in place and have no id of their own
          <div key={i} className="item-line">
            <Field
              label={`Item ${i + 1} id`}
              name={`product-item-${i}`}
              placeholder="lucky_clover"
              value={line.itemId}
              onChange={(e) => setItem(i, { itemId: e.target.value })}
            />
            <Field
              label="Qty"
              name={`product-item-${i}-qty`}
              inputMode="numeric"
              value={line.quantity}
              onChange={(e) => setItem(i, { quantity: e.target.value })}
            />
            <button
              type="button"
              className="small"
              aria-label={`Remove item ${i + 1}`}
              onClick={() =>
                set(
                  'items',
                  items.filter((_, j) => j !== i),
                )
              }
            >
              ✕
            </button>
          </div>
        ))}
        {errors.items && <p className="field-error">{errors.items}</p>}
        <div className="row between">
          <button
            type="button"
            className="small"
            onClick={() => set('items', [...items, { itemId: '', quantity: '1' }])}
            disabled={items.length >= 20}
          >
            + Item
          </button>
          <label className="row check">
            <input
              type="checkbox"
              className="checkbox"
              checked={f.battlepassPremium}
              onChange={(e) => set('battlepassPremium', e.target.checked)}
              data-testid="field-product-battlepass"
            />
            Battle pass premium
          </label>
        </div>
        {errors.grants && (
          <p className="field-error" data-testid="product-grants-error">
            {errors.grants}
          </p>
        )}
      </fieldset>

      <fieldset className="form-section">
        <legend>
          <label className="row check">
            <input
              type="checkbox"
              className="checkbox"
              checked={f.limited}
              onChange={(e) => set('limited', e.target.checked)}
              data-testid="field-product-limited"
            />
            Limited package
          </label>
        </legend>
        {f.limited ? (
          <div className="grid-2">
            <Field label="Total stock" inputMode="numeric" {...text('stock')} />
            <Field label="Per-player limit (empty = none)" inputMode="numeric" {...text('perUserLimit')} />
            <Field label="Sale starts (empty = now)" type="datetime-local" {...text('startsAt')} />
            <Field label="Sale ends (empty = open-ended)" type="datetime-local" {...text('endsAt')} />
          </div>
        ) : (
          <p className="muted small-text">Unlimited stock, always on sale while active.</p>
        )}
      </fieldset>

      <label className="row check">
        <input
          type="checkbox"
          className="checkbox"
          checked={f.isActive}
          onChange={(e) => set('isActive', e.target.checked)}
          data-testid="field-product-active"
        />
        Active (listed in the shop)
      </label>
      <ErrorBanner error={save.error} testId="product-form-error" />
      <button type="submit" className="primary" disabled={save.isPending} data-testid="product-save">
        {save.isPending ? 'Saving…' : creating ? 'Create product' : 'Save changes'}
      </button>
    </form>
  );
}
