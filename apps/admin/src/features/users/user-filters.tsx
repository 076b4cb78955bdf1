import { RANKS, type TRank, type TUserStatus, USER_STATUSES } from '@casino/shared';
import { Field } from '@casino/ui';
import { SelectField } from '../../components/select-field';

export type UserFilters = { search: string; rank: TRank | ''; status: TUserStatus | '' };
export const NO_FILTERS: UserFilters = { search: '', rank: '', status: '' };

const any = { value: '', label: 'Any' };
const RANK_OPTIONS = [any, ...RANKS.map((r) => ({ value: r, label: r }))];
const STATUS_OPTIONS = [any, ...USER_STATUSES.map((s) => ({ value: s, label: s }))];

export function UserFiltersForm({ value, onChange }: { value: UserFilters; onChange: (next: UserFilters) => void }) {
  return (
    <search className="filters">
      <Field
        label="Search ID or nickname"
        name="search"
        type="search"
        value={value.search}
        onChange={(e) => onChange({ ...value, search: e.target.value })}
      />
      <SelectField
        label="Rank"
        name="rank"
        options={RANK_OPTIONS}
        value={value.rank}
        onChange={(e) => onChange({ ...value, rank: e.target.value as UserFilters['rank'] })}
      />
      <SelectField
        label="Status"
        name="status"
        options={STATUS_OPTIONS}
        value={value.status}
        onChange={(e) => onChange({ ...value, status: e.target.value as UserFilters['status'] })}
      />
    </search>
  );
}
