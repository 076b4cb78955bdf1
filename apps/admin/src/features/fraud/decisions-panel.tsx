import { FRAUD_ACTIONS, FRAUD_REVIEW_STATUSES, type TFraudAction, type TFraudReviewStatus } from '@casino/shared';
import { ErrorBanner, Field, Loading, MoreButton, useDebounced, useTRPC } from '@casino/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DataTable } from '../../components/data-table';
import { Flash, useFlash } from '../../components/flash';
import { SelectField } from '../../components/select-field';
import { useClientTable } from '../../components/use-client-table';
import { useIsAdmin } from '../../lib/role';
import { decisionColumns } from './decision-row';
import { ACTION_LABELS } from './format';

const ACTION_OPTIONS = [{ value: '', label: 'Any' }, ...FRAUD_ACTIONS.map((a) => ({ value: a, label: ACTION_LABELS[a] }))];
const REVIEW_OPTIONS = [{ value: '', label: 'Any' }, ...FRAUD_REVIEW_STATUSES.map((s) => ({ value: s, label: s }))];

/** Every scored purchase attempt, newest first; open reviews are approved or rejected here. */
export function DecisionsPanel() {
  const trpc = useTRPC();
  const [action, setAction] = useState<TFraudAction | ''>('');
  const [reviewStatus, setReviewStatus] = useState<TFraudReviewStatus | ''>('open');
  const [userId, setUserId] = useState('');
  const settledUser = useDebounced(userId.trim(), 300);
  const userNumber = Number(settledUser);
  const badUser = settledUser !== '' && !(Number.isSafeInteger(userNumber) && userNumber > 0);
  const input = {
    limit: 20,
    ...(action ? { action } : {}),
    ...(reviewStatus ? { reviewStatus } : {}),
    ...(settledUser && !badUser ? { userId: userNumber } : {}),
  };
  const list = useInfiniteQuery({
    ...trpc.admin.fraud.decisions.list.infiniteQueryOptions(input, { getNextPageParam: (p) => p.nextCursor ?? undefined }),
    enabled: !badUser,
  });
  const decisions = list.data?.pages.flatMap((p) => p.items) ?? [];
  const flash = useFlash();
  const isAdmin = useIsAdmin();
  const table = useClientTable(decisions, { key: 'id', dir: 'desc' });
  const columns = decisionColumns({ isAdmin, onDone: flash.show });

  return (
    <section className="stack" data-testid="fraud-decisions">
      <search className="filters">
        <SelectField
          label="Review"
          name="decision-review"
          options={REVIEW_OPTIONS}
          value={reviewStatus}
          onChange={(e) => setReviewStatus(e.target.value as TFraudReviewStatus | '')}
        />
        <SelectField
          label="Action"
          name="decision-action"
          options={ACTION_OPTIONS}
          value={action}
          onChange={(e) => setAction(e.target.value as TFraudAction | '')}
        />
        <Field
          label="User ID"
          name="decision-user"
          inputMode="numeric"
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
          error={badUser ? 'A user number, e.g. 42.' : undefined}
        />
      </search>
      {list.isPending && !badUser && <Loading />}
      <ErrorBanner error={list.error} />
      <Flash message={flash.message} testId="decision-flash" />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(d) => d.id}
        caption="Fraud decisions"
        empty="No decisions match."
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={list.isPending && !badUser}
        testId="decisions-table"
        rowTestId="decision-row"
        rowAttrs={(d) => ({ 'data-decision': String(d.id), 'data-action': d.action })}
      />
      <MoreButton list={list} label="Load more" />
    </section>
  );
}
