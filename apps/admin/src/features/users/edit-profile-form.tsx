import { RANKS, ROLES, type TRank, type TRole } from '@casino/shared';
import { ErrorBanner, Field, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Flash, useFlash } from '../../components/flash';
import { SelectField } from '../../components/select-field';
import { useRefreshUser } from './use-refresh-user';

type Profile = RouterOutputs['admin']['users']['get']['profile'];

/** Nickname, rank and role in one audited change; only the fields that differ are sent. */
export function EditProfileForm({ profile }: { profile: Profile }) {
  const trpc = useTRPC();
  const refresh = useRefreshUser(profile.id);
  const flash = useFlash();
  const [nickname, setNickname] = useState(profile.nickname);
  const [rank, setRank] = useState<TRank>(profile.rank);
  const [role, setRole] = useState<TRole>(profile.role);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const update = useMutation(
    trpc.admin.users.update.mutationOptions({
      onSuccess: (r) => {
        setReason('');
        flash.show(`Saved: ${Object.keys(r.after).join(', ')} changed.`);
        void refresh();
      },
    }),
  );
  const changes = {
    ...(nickname.trim() !== profile.nickname ? { nickname: nickname.trim() } : {}),
    ...(rank !== profile.rank ? { rank } : {}),
    ...(role !== profile.role ? { role } : {}),
  };
  const dirty = Object.keys(changes).length > 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 3) return setReasonError('Say why (at least 3 characters); it goes into the audit log.');
    setReasonError(undefined);
    update.mutate({ userId: profile.id, ...changes, reason: reason.trim() });
  };
  return (
    <form className="card stack" onSubmit={submit} noValidate data-testid="edit-profile">
      <h2>Profile</h2>
      <div className="grid-2">
        <Field label="Nickname" name="editNickname" value={nickname} onChange={(e) => setNickname(e.target.value)} maxLength={20} />
        <SelectField
          label="Rank"
          name="editRank"
          options={RANKS.map((r) => ({ value: r, label: r }))}
          value={rank}
          onChange={(e) => setRank(e.target.value as TRank)}
        />
        <SelectField
          label="Role"
          name="editRole"
          options={ROLES.map((r) => ({ value: r, label: r }))}
          value={role}
          onChange={(e) => setRole(e.target.value as TRole)}
        />
      </div>
      <Field label="Reason" name="editReason" value={reason} onChange={(e) => setReason(e.target.value)} error={reasonError} />
      <button type="submit" className="primary" disabled={!dirty || update.isPending} data-testid="edit-submit">
        {update.isPending ? 'Saving…' : 'Save changes'}
      </button>
      <Flash message={flash.message} testId="edit-result" />
      <ErrorBanner error={update.error} testId="edit-error" />
    </form>
  );
}
