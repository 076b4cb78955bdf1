import { ErrorBanner, Loading, MoreButton, useTRPC } from '@casino/ui';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DataTable } from '../../components/data-table';
import { SelectField } from '../../components/select-field';
import { useClientTable } from '../../components/use-client-table';
import { useIsAdmin } from '../../lib/role';
import { type WebhookEvent, webhookColumns } from './webhook-event-row';

const STATUSES = ['PENDING', 'DELIVERED', 'FAILED', 'REPLAYED'] as const;
type Status = (typeof STATUSES)[number];
const STATUS_OPTIONS = [{ value: '', label: 'Any' }, ...STATUSES.map((s) => ({ value: s, label: s }))];

/** admin.webhooks.list: payment webhook events newest first; a FAILED one can be replayed. */
export function WebhooksPage() {
  const trpc = useTRPC();
  const [status, setStatus] = useState<Status | ''>('');
  const list = useInfiniteQuery(
    trpc.admin.webhooks.list.infiniteQueryOptions(
      { limit: 20, ...(status ? { status } : {}) },
      { getNextPageParam: (p) => p.nextCursor ?? undefined, refetchInterval: 10_000 },
    ),
  );
  const events = list.data?.pages.flatMap((p) => p.items) ?? [];
  const queryClient = useQueryClient();
  // Here rather than in the row: a replayed event leaves the FAILED filter, its outcome stays on screen.
  const replay = useMutation(
    trpc.admin.webhooks.replay.mutationOptions({
      onSettled: () => {
        void queryClient.invalidateQueries(trpc.admin.webhooks.list.pathFilter());
        void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
      },
    }),
  );
  const result = replay.data;
  const isAdmin = useIsAdmin();
  const [target, setTarget] = useState<WebhookEvent | null>(null);
  const table = useClientTable(events, { key: 'receivedAt', dir: 'desc' });
  const columns = webhookColumns({
    canReplay: isAdmin,
    replayingId: replay.isPending ? replay.variables?.eventId : undefined,
    onReplay: setTarget,
  });

  return (
    <div className="stack" data-testid="webhooks-page">
      <h1>Payment webhooks</h1>
      <search className="filters webhook-filters">
        <SelectField
          label="Status"
          name="webhook-status"
          options={STATUS_OPTIONS}
          value={status}
          onChange={(e) => setStatus(e.target.value as Status | '')}
        />
      </search>
      <p className="muted small-text">
        Events from the payment provider, verified and stored once each. A failed attempt is retried with growing delays; after the last one
        the event is FAILED and can be replayed here once the cause is fixed.
      </p>
      {result && (
        <p
          className={`banner ${result.status === 'REPLAYED' ? 'banner-ok' : 'banner-error'}`}
          role="status"
          data-testid="webhook-replay-result"
          data-status={result.status}
        >
          {result.status === 'REPLAYED'
            ? `Event ${result.id} was processed successfully (now REPLAYED).`
            : `Event ${result.id} still fails: ${result.lastError ?? 'unknown error'}`}
        </p>
      )}
      <ErrorBanner error={replay.error} testId="webhook-replay-error" />
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error} />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(e) => e.id}
        caption="Payment webhook events"
        empty="No events match."
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={list.isPending}
        testId="webhooks-table"
        rowTestId="webhook-event"
        rowAttrs={(e) => ({ 'data-id': e.id, 'data-status': e.status })}
      />
      <ConfirmDialog
        open={target !== null}
        title="Process this event again?"
        confirmLabel="Replay"
        pending={replay.isPending}
        onCancel={() => setTarget(null)}
        onConfirm={() => {
          if (target) replay.mutate({ eventId: target.id });
          setTarget(null);
        }}
        testId="webhook-replay-dialog"
      >
        <p>
          <span className="mono">{target?.type}</span> <span className="mono break">{target?.id}</span> runs through the same handler once
          more. Do this only once the cause of the failure is fixed.
        </p>
      </ConfirmDialog>
      <MoreButton list={list} label="Load more" />
    </div>
  );
}
