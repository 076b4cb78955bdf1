import { RANKS, type TRank } from '@casino/shared';
import { Field } from '@casino/ui';
import type { Sort } from '../../components/data-table';
import { SelectField } from '../../components/select-field';

type StatusFilter = 'active' | 'banned' | 'anonymised';
export type UserFilters = {
  search: string;
  rank: TRank | '';
  status: StatusFilter | '';
  locked: '' | 'yes' | 'no';
  createdFrom: string;
  createdTo: string;
  sort: Sort;
  page: number;
};
export const NO_FILTERS: UserFilters = {
  search: '',
  rank: '',
  status: '',
  locked: '',
  createdFrom: '',
  createdTo: '',
  sort: { key: 'id', dir: 'desc' },
  page: 1,
};

const any = { value: '', label: 'Any' };
const RANK_OPTIONS = [any, ...RANKS.map((r) => ({ value: r, label: r }))];
const STATUS_OPTIONS = [
  any,
  { value: 'active', label: 'Active' },
  { value: 'banned', label: 'Banned' },
  { value: 'anonymised', label: 'Anonymised' },
];
const LOCKED_OPTIONS = [any, { value: 'yes', label: 'Locked now' }, { value: 'no', label: 'Not locked' }];

/** Form strings → the admin.users.search filters; dates are whole local days. */
export function toSearchInput(f: UserFilters, search: string) {
  return {
    ...(search ? { search } : {}),
    ...(f.rank ? { rank: f.rank } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.locked ? { locked: f.locked === 'yes' } : {}),
    ...(f.createdFrom ? { createdFrom: new Date(`${f.createdFrom}T00:00:00`) } : {}),
    ...(f.createdTo ? { createdTo: new Date(`${f.createdTo}T23:59:59.999`) } : {}),
  };
}

export function UserFiltersForm({ value, onChange }: { value: UserFilters; onChange: (next: UserFilters) => void }) {
  // Any filter change starts again at page 1.
  const set = (patch: Partial<UserFilters>) => onChange({ ...value, ...patch, page: 1 });
  return (
    <search className="filters">
      <Field
        label="Search ID, nickname or #id"
        name="search"
        type="search"
        value={value.search}
        onChange={(e) => set({ search: e.target.value })}
      />
      <SelectField
        label="Rank"
        name="rank"
        options={RANK_OPTIONS}
        value={value.rank}
        onChange={(e) => set({ rank: e.target.value as UserFilters['rank'] })}
      />
      <SelectField
        label="Status"
        name="status"
        options={STATUS_OPTIONS}
        value={value.status}
        onChange={(e) => set({ status: e.target.value as UserFilters['status'] })}
      />
      <SelectField
        label="Login"
        name="locked"
        options={LOCKED_OPTIONS}
        value={value.locked}
        onChange={(e) => set({ locked: e.target.value as UserFilters['locked'] })}
      />
      <Field
        label="Joined from"
        name="createdFrom"
        type="date"
        value={value.createdFrom}
        onChange={(e) => set({ createdFrom: e.target.value })}
      />
      <Field label="Joined to" name="createdTo" type="date" value={value.createdTo} onChange={(e) => set({ createdTo: e.target.value })} />
    </search>
  );
}
