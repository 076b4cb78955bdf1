import type { TGameConfig } from '@casino/shared';
import { ErrorBanner, Field, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

/** Publishes the draft as the next version on top of `baseVersion`, with the reason the history shows. */
export function PublishForm({
  baseVersion,
  draft,
  publishable,
  onPublished,
}: {
  baseVersion: number;
  draft: TGameConfig;
  publishable: boolean;
  /** The editor starts over from the new version (it remounts), so the parent keeps the message. */
  onPublished: (version: number) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const publish = useMutation(
    trpc.admin.games.publish.mutationOptions({
      onSuccess: (data) => {
        onPublished(data.version);
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
        <button
          type="submit"
          className="primary"
          disabled={!publishable || reason.trim().length < 3 || publish.isPending}
          data-testid="publish-config"
        >
          {publish.isPending ? 'Publishing…' : `Publish as version ${baseVersion + 1}`}
        </button>
        <span className="muted small-text" data-testid="publish-hint">
          {!publishable
            ? 'Publishing needs a change and every game inside the band.'
            : reason.trim().length < 3
              ? 'Say why (at least 3 characters): the version history shows it.'
              : ''}
        </span>
      </div>
      <ErrorBanner error={publish.error} testId="publish-error" />
    </form>
  );
}
