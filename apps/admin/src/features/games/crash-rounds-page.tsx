import { ErrorBanner, Field, Loading, useDebounced, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DataTable } from '../../components/data-table';
import { SelectField } from '../../components/select-field';
import { useClientTable } from '../../components/use-client-table';
import { CRASH_COLUMNS } from './crash-round-row';

const STATUSES = ['active', 'cashed', 'busted', 'expired'] as const;
type Status = (typeof STATUSES)[number];
const STATUS_OPTIONS = [{ value: '', label: 'Any' }, ...STATUSES.map((s) => ({ value: s, label: s }))];
const LIMIT_OPTIONS = [50, 100, 200].map((n) => ({ value: String(n), label: String(n) }));

/** admin.crash.sessions: every crash round, newest first; a round in play keeps its crash point hidden. */
export function CrashRoundsPage({ presetUserId }: { presetUserId?: number | undefined }) {
  const trpc = useTRPC();
  const [userId, setUserId] = useState(presetUserId ? String(presetUserId) : '');
  const [status, setStatus] = useState<Status | ''>('');
  const [limit, setLimit] = useState('50');
  const settledUser = useDebounced(userId.trim(), 300);
  const userNumber = Number(settledUser);
  const badUser = settledUser !== '' && !(Number.isSafeInteger(userNumber) && userNumber > 0);
  const input = {
    limit: Number(limit),
    ...(settledUser && !badUser ? { userId: userNumber } : {}),
    ...(status ? { status } : {}),
  };
  const rounds = useQuery({ ...trpc.admin.crash.sessions.queryOptions(input), enabled: !badUser, refetchInterval: 5000 });
  const table = useClientTable(rounds.data ?? [], { key: 'startedAt', dir: 'desc' });

  return (
    <div className="stack" data-testid="crash-rounds-page">
      <h1>Crash rounds</h1>
      <search className="filters">
        <Field
          label="User ID"
          name="crash-user"
          inputMode="numeric"
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
          error={badUser ? 'A user number, e.g. 42.' : undefined}
        />
        <SelectField
          label="Status"
          name="crash-status"
          options={STATUS_OPTIONS}
          value={status}
          onChange={(e) => setStatus(e.target.value as Status | '')}
        />
        <SelectField label="Show" name="crash-limit" options={LIMIT_OPTIONS} value={limit} onChange={(e) => setLimit(e.target.value)} />
      </search>
      <p className="muted small-text">Refreshes every 5 seconds. Crash points of rounds still in play are withheld, even here.</p>
      {rounds.isPending && !badUser && <Loading />}
      <ErrorBanner error={rounds.error} />
      <DataTable
        rows={table.rows}
        columns={CRASH_COLUMNS}
        rowKey={(r) => r.id}
        caption="Crash rounds"
        empty="No crash rounds match."
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={rounds.isPending}
        testId="crash-rounds-table"
        rowTestId="crash-round"
        rowAttrs={(r) => ({ 'data-status': r.status })}
      />
    </div>
  );
}
