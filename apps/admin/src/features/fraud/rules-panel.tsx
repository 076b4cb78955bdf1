import { checkFraudCondition } from '@casino/shared';
import { ErrorBanner, formatDate, Loading, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { AdminOnly } from '../../lib/role';
import { describeCondition, pretty } from './format';
import { RuleEditor } from './rule-editor';

export type FraudRule = RouterOutputs['admin']['fraud']['rules']['list'][number];

/** Every rule, active or not: each matching active rule adds its score to a purchase attempt. */
export function RulesPanel() {
  const trpc = useTRPC();
  const rules = useQuery(trpc.admin.fraud.rules.list.queryOptions());
  const [editing, setEditing] = useState<FraudRule | 'new' | null>(null);

  return (
    <section className="stack" data-testid="fraud-rules">
      <div className="row between">
        <p className="muted small-text">
          Each active rule whose condition holds adds its score; the thresholds turn the total into an action.
        </p>
        <AdminOnly>
          <button type="button" className="primary" onClick={() => setEditing('new')} data-testid="rule-new">
            New rule
          </button>
        </AdminOnly>
      </div>
      {editing && (
        <RuleEditor
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {rules.isPending && <Loading />}
      <ErrorBanner error={rules.error} />
      {rules.isSuccess && rules.data.length === 0 && <p className="muted">No rules yet: every purchase is allowed.</p>}
      <ul className="plain stack">
        {rules.data?.map((r) => (
          <RuleRow key={r.id} rule={r} onEdit={() => setEditing(r)} />
        ))}
      </ul>
    </section>
  );
}

function RuleRow({ rule, onEdit }: { rule: FraudRule; onEdit: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.admin.fraud.rules.list.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
  };
  const toggle = useMutation(trpc.admin.fraud.rules.upsert.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.admin.fraud.rules.delete.mutationOptions({ onSuccess: refresh }));
  const checked = checkFraudCondition(rule.condition);

  return (
    <li className={`card stack tight${rule.isActive ? '' : ' rule-inactive'}`} data-testid="rule-row" data-rule={rule.id}>
      <div className="row between">
        <strong className="mono">{rule.id}</strong>
        <span className="row">
          <span className={`badge ${rule.score >= 0 ? 'score-up' : 'score-down'}`} data-testid="rule-score">
            {rule.score >= 0 ? `+${rule.score}` : rule.score}
          </span>
          <span className="badge" data-testid="rule-state">
            {rule.isActive ? 'active' : 'inactive'}
          </span>
        </span>
      </div>
      {rule.description && <p className="small-text">{rule.description}</p>}
      <p className="mono small-text condition-line" data-testid="rule-condition">
        {checked.ok ? describeCondition(checked.condition) : pretty(rule.condition)}
      </p>
      <div className="row between">
        <span className="muted small-text">
          changed {formatDate(rule.updatedAt)}
          {rule.updatedBy ? ` by #${rule.updatedBy}` : ' (default)'}
        </span>
        <span className="row">
          <button type="button" className="small" onClick={onEdit} data-testid="rule-edit">
            Edit
          </button>
          <button
            type="button"
            className="small"
            disabled={toggle.isPending}
            onClick={() => toggle.mutate({ ...rule, isActive: !rule.isActive })}
            data-testid="rule-toggle"
          >
            {rule.isActive ? 'Deactivate' : 'Activate'}
          </button>
          <button
            type="button"
            className="small danger"
            disabled={remove.isPending}
            onClick={() => (confirming ? remove.mutate({ id: rule.id }) : setConfirming(true))}
            onBlur={() => setConfirming(false)}
            data-testid="rule-delete"
          >
            {confirming ? 'Confirm delete' : 'Delete'}
          </button>
        </span>
      </div>
      <ErrorBanner error={toggle.error ?? remove.error} testId="rule-row-error" />
    </li>
  );
}
