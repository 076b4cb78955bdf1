/** The player's data export (a JSON download) and anonymisation (irreversible: the admin types the siteId). */
import { ErrorBanner, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Flash, useFlash } from '../../components/flash';
import { downloadFile } from '../../lib/download';
import { useRefreshUser } from './use-refresh-user';

type Profile = RouterOutputs['admin']['users']['get']['profile'];

export function DangerZone({ profile }: { profile: Profile }) {
  const trpc = useTRPC();
  const refresh = useRefreshUser(profile.id);
  const flash = useFlash();
  const [confirming, setConfirming] = useState(false);
  const exportData = useMutation(
    trpc.admin.users.export.mutationOptions({
      onSuccess: (data) => {
        // Plain JSON (dates as ISO strings): readable by anyone the file is handed to.
        const json = JSON.stringify(data, null, 2);
        downloadFile(`user-${profile.id}-export.json`, json, 'application/json');
        flash.show('Export downloaded.');
      },
    }),
  );
  const anonymize = useMutation(
    trpc.admin.users.anonymize.mutationOptions({
      onSuccess: () => {
        setConfirming(false);
        flash.show('Account anonymised. Its siteId and nickname are free again.');
        void refresh();
      },
    }),
  );
  const gone = profile.status === 'deleted';
  return (
    <section className="card stack" data-testid="danger-zone">
      <h2>Data</h2>
      <div className="row wrap">
        <button
          type="button"
          onClick={() => exportData.mutate({ userId: profile.id })}
          disabled={exportData.isPending}
          data-testid="export-user"
        >
          {exportData.isPending ? 'Preparing…' : 'Download data export (JSON)'}
        </button>
        <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={gone} data-testid="anonymize">
          Delete (anonymise)…
        </button>
      </div>
      <Flash message={flash.message} testId="data-result" />
      <ErrorBanner error={exportData.error ?? anonymize.error} testId="data-error" />
      <ConfirmDialog
        open={confirming}
        title={`Anonymise ${profile.nickname}?`}
        confirmLabel="Anonymise for good"
        danger
        askReason
        typeToConfirm={profile.siteId}
        pending={anonymize.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={({ reason }) => anonymize.mutate({ userId: profile.id, reason })}
        testId="anonymize-dialog"
      >
        <p>
          <strong>This cannot be undone.</strong> The siteId, nickname and phone number are removed and freed, every session ends and the
          account can never log in again. The ledger, rounds and statistics stay (anonymous).
        </p>
      </ConfirmDialog>
    </section>
  );
}
