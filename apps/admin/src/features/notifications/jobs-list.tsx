import { NOTIFICATION_JOB_STATUSES } from '@casino/shared';
import { ErrorBanner, formatDate, Loading, MoreButton, type RouterOutputs, useTRPC } from '@casino/ui';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmAction } from '../../components/confirm-action';
import { type Column, DataTable } from '../../components/data-table';
import { Flash, useFlash } from '../../components/flash';
import { SelectField } from '../../components/select-field';
import { useClientTable } from '../../components/use-client-table';
import { useIsAdmin } from '../../lib/role';
import { hrefFor } from '../../lib/router';

type Job = RouterOutputs['admin']['notifications']['jobs']['items'][number];
type JobStatus = (typeof NOTIFICATION_JOB_STATUSES)[number];

const STATUS_OPTIONS = [{ value: '', label: 'Any status' }, ...NOTIFICATION_JOB_STATUSES.map((s) => ({ value: s, label: s }))];
const cancellable = (j: Job) => j.status === 'scheduled' || j.status === 'running';

/** Notification jobs (scheduled, running, sent, cancelled), newest first; scheduled or running ones can be cancelled. */
export function JobsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<JobStatus | ''>('scheduled');
  const flash = useFlash();
  const isAdmin = useIsAdmin();
  const jobs = useInfiniteQuery(
    trpc.admin.notifications.jobs.infiniteQueryOptions(
      { limit: 20, ...(status ? { status } : {}) },
      { getNextPageParam: (p) => p.nextCursor ?? undefined },
    ),
  );
  const cancel = useMutation(
    trpc.admin.notifications.cancel.mutationOptions({
      onSuccess: () => {
        flash.show('Job cancelled.');
        return queryClient.invalidateQueries(trpc.admin.notifications.jobs.pathFilter());
      },
    }),
  );
  const rows = jobs.data?.pages.flatMap((p) => p.items) ?? [];
  const table = useClientTable(rows, { key: 'sendAt', dir: 'desc' });
  const columns: Column<Job>[] = [
    {
      key: 'title',
      header: 'Notification',
      sortable: true,
      cell: (j) => (
        <>
          <strong>{j.title}</strong>
          <div className="small-text muted job-body">{j.body}</div>
        </>
      ),
    },
    { key: 'status', header: 'Status', sortable: true, cell: (j) => <span className={`badge job-${j.status}`}>{j.status}</span> },
    {
      key: 'userId',
      header: 'To',
      cell: (j) => (j.userId ? <a href={hrefFor({ name: 'user', userId: j.userId })}>Player #{j.userId}</a> : 'Every player'),
    },
    { key: 'sendAt', header: 'Sends', sortable: true, cell: (j) => formatDate(j.sendAt) },
    {
      key: 'recipients',
      header: 'Recipients',
      numeric: true,
      sortable: true,
      cell: (j) => (j.status === 'scheduled' ? '—' : j.recipients),
    },
    {
      key: 'finishedAt',
      header: 'Finished',
      wide: true,
      cell: (j) => (j.cancelledAt ? `cancelled ${formatDate(j.cancelledAt)}` : formatDate(j.finishedAt)),
    },
  ];
  if (isAdmin) {
    columns.push({
      key: 'actions',
      header: 'Actions',
      actions: true,
      cell: (j) =>
        cancellable(j) ? (
          <ConfirmAction
            label="Cancel job"
            title="Cancel this notification job?"
            confirmLabel="Yes, cancel it"
            danger
            pending={cancel.isPending && cancel.variables?.jobId === j.id}
            onConfirm={() => cancel.mutate({ jobId: j.id })}
            testId="job-cancel"
          >
            <p>“{j.title}” is not sent to anyone who has not received it yet. This cannot be undone; compose it again to resend.</p>
          </ConfirmAction>
        ) : null,
    });
  }
  return (
    <section className="card stack" aria-labelledby="jobs-title" data-testid="jobs">
      <div className="row between">
        <h2 id="jobs-title">Jobs</h2>
        <SelectField
          label="Status"
          name="jobStatus"
          value={status}
          onChange={(e) => setStatus(e.target.value as JobStatus | '')}
          options={STATUS_OPTIONS}
        />
      </div>
      <Flash message={flash.message} testId="jobs-flash" />
      {jobs.isPending && <Loading />}
      <ErrorBanner error={jobs.error ?? cancel.error} testId="jobs-error" />
      <DataTable
        rows={table.rows}
        columns={columns}
        rowKey={(j) => j.id}
        caption="Notification jobs"
        empty={`No ${status || ''} jobs.`}
        sort={table.sort}
        onSort={table.onSort}
        page={table.page}
        loading={jobs.isPending}
        testId="jobs-table"
        rowTestId="job-row"
        rowAttrs={(j) => ({ 'data-status': j.status, 'data-id': String(j.id) })}
      />
      <MoreButton list={jobs} label="Show more" testId="more-jobs" />
    </section>
  );
}
