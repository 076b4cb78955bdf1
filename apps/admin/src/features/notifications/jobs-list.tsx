import { NOTIFICATION_JOB_STATUSES } from '@casino/shared';
import { ErrorBanner, formatDate, formatNumber, Loading, MoreButton, type RouterOutputs, useTRPC } from '@casino/ui';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { SelectField } from '../../components/select-field';
import { hrefFor } from '../../lib/router';
import { ConfirmButton } from '../shop/confirm-button';

type Job = RouterOutputs['admin']['notifications']['jobs']['items'][number];
type JobStatus = (typeof NOTIFICATION_JOB_STATUSES)[number];

const STATUS_OPTIONS = [{ value: '', label: 'Any status' }, ...NOTIFICATION_JOB_STATUSES.map((s) => ({ value: s, label: s }))];
const cancellable = (j: Job) => j.status === 'scheduled' || j.status === 'running';

/** Notification jobs (scheduled, running, sent, cancelled), newest first; scheduled or running ones can be cancelled. */
export function JobsList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<JobStatus | ''>('scheduled');
  const jobs = useInfiniteQuery(
    trpc.admin.notifications.jobs.infiniteQueryOptions(
      { limit: 20, ...(status ? { status } : {}) },
      { getNextPageParam: (p) => p.nextCursor ?? undefined },
    ),
  );
  const cancel = useMutation(
    trpc.admin.notifications.cancel.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.admin.notifications.jobs.pathFilter()),
    }),
  );
  const rows = jobs.data?.pages.flatMap((p) => p.items) ?? [];
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
      {jobs.isPending && <Loading />}
      <ErrorBanner error={jobs.error ?? cancel.error} testId="jobs-error" />
      {jobs.isSuccess && rows.length === 0 && <p className="muted">No {status || ''} jobs.</p>}
      <ul className="plain list">
        {rows.map((j) => (
          <li key={j.id} className="job" data-testid="job-row" data-status={j.status} data-id={j.id}>
            <div className="row between">
              <strong>{j.title}</strong>
              <span className={`badge job-${j.status}`}>{j.status}</span>
            </div>
            <p className="small-text muted job-body">{j.body}</p>
            <p className="small-text">
              {j.userId ? <a href={hrefFor({ name: 'user', userId: j.userId })}>Player #{j.userId}</a> : 'Every player'}
              {' · '}
              {j.status === 'scheduled' ? `sends ${formatDate(j.sendAt)}` : `sent to ${formatNumber(j.recipients)}`}
              {j.finishedAt && ` · finished ${formatDate(j.finishedAt)}`}
              {j.cancelledAt && ` · cancelled ${formatDate(j.cancelledAt)}`}
            </p>
            {cancellable(j) && (
              <ConfirmButton
                label="Cancel job"
                confirmLabel="Yes, cancel it"
                danger
                disabled={cancel.isPending}
                onConfirm={() => cancel.mutate({ jobId: j.id })}
                testId="job-cancel"
              />
            )}
          </li>
        ))}
      </ul>
      <MoreButton list={jobs} label="Show more" testId="more-jobs" />
    </section>
  );
}
