import { checkFraudCondition } from '@casino/shared';
import { ErrorBanner, formatDate, formatNumber, Loading, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmAction } from '../../components/confirm-action';
import { type Column, DataTable } from '../../components/data-table';
import { Flash, useFlash } from '../../components/flash';
import { useClientTable } from '../../components/use-client-table';
import { AdminOnly, useIsAdmin } from '../../lib/role';
import { describeCondition, pretty } from './format';
import { RuleEditor } from './rule-editor';

export type FraudRule = RouterOutputs['admin']['fraud']['rules']['list'][number];

/** Every rule, active or not: each matching active rule adds its score to a purchase attempt. */
export function RulesPanel() {
  const trpc = useTRPC();
  const rules = useQuery(trpc.admin.fraud.rules.list.queryOptions());
  const [editing, setEditing] = useState<FraudRule | 'new' | null>(null);
  const flash = useFlash();
  const isAdmin = useIsAdmin();
  const table = useClientTable(rules.data ?? [], { key: 'score', dir: 'desc' });
  const columns: Column<FraudRule>[] = [
    {
      key: 'id',
      header: 'Rule',
      sortable: true,
      cell: (r) => (
        <>
          <strong className="mono">{r.id}</strong>
          {r.description && <div className="small-text muted">{r.description}</div>}
        </>
      ),
    },
    {
      key: 'condition',
      header: 'Condition',
      cell: (r) => {
        const checked = checkFraudCondition(r.condition);
        return (
          <span className="mono small-text condition-line" data-testid="rule-condition">
            {checked.ok ? describeCondition(checked.condition) : pretty(r.condition)}
          </span>
        );
      },
    },
    {
      key: 'score',
      header: 'Score',
      numeric: true,
      sortable: true,
      cell: (r) => (
        <span className={`badge ${r.score >= 0 ? 'score-up' : 'score-down'}`} data-testid="rule-score">
          {r.score >= 0 ? `+${formatNumber(r.score)}` : formatNumber(r.score)}
        </span>
      ),
    },
    {
      key: 'isActive',
      header: 'State',
      sortable: true,
      cell: (r) => (
        <span className="badge" data-testid="rule-state">
          {r.isActive ? 'active' : 'inactive'}
        </span>
      ),
    },
    {
      key: 'updatedAt',
      header: 'Changed',
      sortable: true,
      wide: true,
      cell: (r) => (
        <span className="small-text">
          {formatDate(r.updatedAt)}
          {r.updatedBy ? ` by #${r.updatedBy}` : ' (default)'}
        </span>
      ),
    },
  ];
  if (isAdmin)
    columns.push({
      key: 'actions',
      header: 'Actions',
      actions: true,
      cell: (r) => <RuleActions rule={r} onEdit={() => setEditing(r)} onDone={flash.show} />,
    });

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
      <Flash message={flash.message} testId="rule-flash" />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(r) => r.id}
        caption="Fraud rules"
        empty="No rules yet: every purchase is allowed."
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={rules.isPending}
        testId="rules-table"
        rowTestId="rule-row"
        rowAttrs={(r) => ({ 'data-rule': r.id, ...(r.isActive ? {} : { className: 'rule-inactive' }) })}
      />
    </section>
  );
}

function RuleActions({ rule, onEdit, onDone }: { rule: FraudRule; onEdit: () => void; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.admin.fraud.rules.list.pathFilter());
    void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
  };
  const toggle = useMutation(
    trpc.admin.fraud.rules.upsert.mutationOptions({
      onSuccess: (_r, v) => {
        onDone(`Rule ${v.id} ${v.isActive ? 'activated' : 'deactivated'}.`);
        refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.admin.fraud.rules.delete.mutationOptions({
      onSuccess: (_r, v) => {
        onDone(`Rule ${v.id} deleted.`);
        refresh();
      },
    }),
  );
  return (
    <div className="stack tight">
      <span className="row">
        <button type="button" className="small" onClick={onEdit} data-testid="rule-edit">
          Edit
        </button>
        {rule.isActive ? (
          <ConfirmAction
            label="Deactivate"
            title={`Deactivate rule ${rule.id}?`}
            confirmLabel="Deactivate"
            danger
            pending={toggle.isPending}
            onConfirm={() => toggle.mutate({ ...rule, isActive: false })}
            testId="rule-toggle"
          >
            <p>Purchase attempts stop getting its score from now on. You can activate it again.</p>
          </ConfirmAction>
        ) : (
          <button
            type="button"
            className="small"
            disabled={toggle.isPending}
            onClick={() => toggle.mutate({ ...rule, isActive: true })}
            data-testid="rule-toggle"
          >
            Activate
          </button>
        )}
        <ConfirmAction
          label="Delete"
          title={`Delete rule ${rule.id}?`}
          confirmLabel="Delete rule"
          danger
          pending={remove.isPending}
          onConfirm={() => remove.mutate({ id: rule.id })}
          testId="rule-delete"
          typeToConfirm={rule.id}
        >
          <p>The rule is removed for good; past decisions keep the scores it gave them.</p>
        </ConfirmAction>
      </span>
      <ErrorBanner error={toggle.error ?? remove.error} testId="rule-row-error" />
    </div>
  );
}
