import { Field } from '@casino/ui';

export type AuditFilters = {
  actor: string;
  action: string;
  targetType: string;
  targetId: string;
  search: string;
  from: string;
  to: string;
};
export const NO_AUDIT_FILTERS: AuditFilters = { actor: '', action: '', targetType: '', targetId: '', search: '', from: '', to: '' };

/** Form strings → the admin.audit filters; dates are whole local days. */
export function toAuditInput(f: AuditFilters) {
  const text = (v: string) => v.trim() || undefined;
  return {
    actor: text(f.actor),
    action: text(f.action),
    targetType: text(f.targetType),
    targetId: text(f.targetId),
    search: text(f.search),
    from: f.from ? new Date(`${f.from}T00:00:00`) : undefined,
    to: f.to ? new Date(`${f.to}T23:59:59.999`) : undefined,
  };
}

export function AuditFiltersForm({ value, onChange }: { value: AuditFilters; onChange: (next: AuditFilters) => void }) {
  const bind = (key: keyof AuditFilters) => ({
    name: `audit-${key}`,
    value: value[key],
    onChange: (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value }),
  });
  return (
    <search className="filters">
      <Field label="Admin (nickname or ID)" type="search" {...bind('actor')} />
      <Field label="Action" placeholder="user.ban" {...bind('action')} />
      <Field label="Target type" placeholder="user / invite" {...bind('targetType')} />
      <Field label="Target ID" {...bind('targetId')} />
      <Field label="Search (action, admin, reason)" type="search" {...bind('search')} />
      <Field label="From" type="date" {...bind('from')} />
      <Field label="To" type="date" {...bind('to')} />
    </search>
  );
}
