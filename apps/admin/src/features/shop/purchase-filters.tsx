import { PRICE_CURRENCIES, PURCHASE_STATUSES, ZSku } from '@casino/shared';
import { Field } from '@casino/ui';
import { SelectField } from '../../components/select-field';

export type PurchaseFilters = { status: string; userId: string; sku: string; currency: string; flagged: string; from: string; to: string };
export const NO_PURCHASE_FILTERS: PurchaseFilters = { status: '', userId: '', sku: '', currency: '', flagged: '', from: '', to: '' };

const any = { value: '', label: 'Any' };
const STATUS_OPTIONS = [any, ...PURCHASE_STATUSES.map((s) => ({ value: s, label: s }))];
const CURRENCY_OPTIONS = [any, ...PRICE_CURRENCIES.map((c) => ({ value: c, label: c === 'cash' ? 'card' : c }))];
const FLAG_OPTIONS = [any, { value: 'yes', label: 'Flagged for review' }, { value: 'no', label: 'Not flagged' }];

type Status = (typeof PURCHASE_STATUSES)[number];
type Currency = (typeof PRICE_CURRENCIES)[number];

/** Form strings → the admin.shop.purchases input (dates are whole local days); a malformed user id is left out and reported. */
export function toPurchaseInput(f: PurchaseFilters) {
  const userId = /^\d{1,10}$/.test(f.userId.trim()) ? Number(f.userId.trim()) : undefined;
  const sku = f.sku.trim().toLowerCase();
  return {
    limit: 20,
    ...(f.status ? { status: f.status as Status } : {}),
    ...(userId && userId <= 2_147_483_647 ? { userId } : {}),
    ...(ZSku.safeParse(sku).success ? { sku } : {}),
    ...(f.currency ? { currency: f.currency as Currency } : {}),
    ...(f.flagged ? { flagged: f.flagged === 'yes' } : {}),
    ...(f.from ? { from: new Date(`${f.from}T00:00:00`) } : {}),
    ...(f.to ? { to: new Date(`${f.to}T23:59:59.999`) } : {}),
  };
}

export function PurchaseFiltersForm({ value, onChange }: { value: PurchaseFilters; onChange: (next: PurchaseFilters) => void }) {
  const bind = (key: keyof PurchaseFilters) => ({
    name: `purchases-${key}`,
    value: value[key],
    onChange: (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value }),
  });
  const badUser = value.userId.trim() !== '' && !/^\d{1,10}$/.test(value.userId.trim());
  const badSku = value.sku.trim() !== '' && !ZSku.safeParse(value.sku.trim().toLowerCase()).success;
  return (
    <search className="filters" data-testid="purchase-filters">
      <SelectField label="Status" options={STATUS_OPTIONS} {...bind('status')} />
      <Field label="User ID" inputMode="numeric" error={badUser ? 'A user number.' : undefined} {...bind('userId')} />
      <Field label="SKU" autoComplete="off" error={badSku ? 'A full SKU, e.g. gems_100.' : undefined} {...bind('sku')} />
      <SelectField label="Currency" options={CURRENCY_OPTIONS} {...bind('currency')} />
      <SelectField label="Review" options={FLAG_OPTIONS} {...bind('flagged')} />
      <Field label="From" type="date" {...bind('from')} />
      <Field label="To" type="date" {...bind('to')} />
    </search>
  );
}
