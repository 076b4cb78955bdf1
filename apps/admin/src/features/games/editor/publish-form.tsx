import type { TGameConfig } from '@casino/shared';
import { ErrorBanner, Field, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

/** Publishes the draft as the next version on top of `baseVersion`, with the reason the history shows. */
export function PublishForm({ baseVersion, draft, publishable }: { baseVersion: number; draft: TGameConfig; publishable: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const publish = useMutation(
    trpc.admin.games.publish.mutationOptions({
      onSuccess: () => {
        setReason('');
        void queryClient.invalidateQueries(trpc.admin.games.pathFilter());
        void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
      },
    }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 3) return setProblem('Say why (at least 3 characters): the version history shows it.');
    setProblem(null);
    publish.mutate({ baseVersion, draft, reason: reason.trim() });
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate data-testid="publish-form">
      <h2>Publish</h2>
      <Field
        label="Reason for this change"
        name="config-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={problem ?? undefined}
        maxLength={500}
        required
      />
      <div className="row between">
        <button type="submit" className="primary" disabled={!publishable || publish.isPending} data-testid="publish-config">
          {publish.isPending ? 'Publishing…' : `Publish as version ${baseVersion + 1}`}
        </button>
        {!publishable && <span className="muted small-text">Publishing needs a change and every game inside the band.</span>}
      </div>
      {publish.isSuccess && (
        <p className="banner banner-ok" data-testid="publish-done" role="status">
          Version {publish.data.version} published. The next round on every server uses it.
        </p>
      )}
      <ErrorBanner error={publish.error} testId="publish-error" />
    </form>
  );
}
