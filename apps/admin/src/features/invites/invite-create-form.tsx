import { ErrorBanner, Field, fieldErrorsOf, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { MutationFlash } from '../../components/flash';

/** Empty code = the server picks a random one; empty max uses = unlimited; empty expiry = never. */
export function InviteCreateForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [code, setCode] = useState('');
  const [maxUses, setMaxUses] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [local, setLocal] = useState<{ maxUses?: string; expiresAt?: string }>({});
  const create = useMutation(
    trpc.admin.invites.create.mutationOptions({
      onSuccess: () => {
        setCode('');
        setMaxUses('');
        setExpiresAt('');
        void queryClient.invalidateQueries(trpc.admin.invites.list.pathFilter());
        void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
      },
    }),
  );
  const server = fieldErrorsOf(create.error);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: typeof local = {};
    const uses = maxUses.trim() ? Number(maxUses) : null;
    if (uses !== null && (!Number.isInteger(uses) || uses < 1)) found.maxUses = 'A whole number of at least 1, or empty for unlimited.';
    const expiry = expiresAt ? new Date(expiresAt) : null;
    if (expiry && !(expiry.getTime() > Date.now())) found.expiresAt = 'Pick a moment in the future.';
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    create.mutate({ ...(code.trim() ? { code: code.trim() } : {}), maxUses: uses, expiresAt: expiry });
  };

  return (
    <form className="card stack" onSubmit={submit} data-testid="invite-create" noValidate>
      <h2>New invite code</h2>
      <Field label="Code (empty = random)" name="code" value={code} onChange={(e) => setCode(e.target.value)} error={server.code} />
      <div className="grid-2">
        <Field
          label="Max uses (empty = unlimited)"
          name="maxUses"
          inputMode="numeric"
          value={maxUses}
          onChange={(e) => setMaxUses(e.target.value)}
          error={local.maxUses ?? server.maxUses}
        />
        <Field
          label="Expires (optional)"
          name="expiresAt"
          type="datetime-local"
          value={expiresAt}
          onChange={(e) => setExpiresAt(e.target.value)}
          error={local.expiresAt ?? server.expiresAt}
        />
      </div>
      <button type="submit" className="primary" disabled={create.isPending} data-testid="invite-create-submit">
        {create.isPending ? 'Creating…' : 'Create code'}
      </button>
      <MutationFlash
        mutation={create}
        testId="invite-created"
        message={(d) => (
          <>
            Created <strong>{d.code}</strong>.
          </>
        )}
      />
      <ErrorBanner error={create.error} testId="invite-create-error" />
    </form>
  );
}
