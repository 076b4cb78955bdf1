/**
 * Bulk import: paste CSV (header siteId,nickname,password,phoneNumber,rank) or a JSON array,
 * check it (a dry run: nothing is written), then import. The report lists every row.
 */
import { ErrorBanner, formatNumber, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { type Column, DataTable } from '../../components/data-table';
import { Flash, useFlash } from '../../components/flash';
import { parseImportText } from './import-parse';

type Report = RouterOutputs['admin']['users']['import'];
type ReportRow = Report['rows'][number];

const STATUS_TEXT: Record<ReportRow['status'], string> = {
  created: 'Created',
  valid: 'Ready to import',
  invalid: 'Invalid',
  duplicate: 'Duplicate in this batch',
  taken: 'Name already taken',
};

const COLUMNS: Column<ReportRow>[] = [
  { key: 'index', header: 'Row', numeric: true, cell: (r) => r.index + 1 },
  { key: 'siteId', header: 'Site ID', cell: (r) => <span className="mono">{r.siteId}</span> },
  { key: 'status', header: 'Result', cell: (r) => <span className={`import-${r.status}`}>{STATUS_TEXT[r.status]}</span> },
  {
    key: 'details',
    header: 'Details',
    cell: (r) =>
      r.temporaryPassword ? (
        <span>
          Temporary password: <code data-testid="import-temp-password">{r.temporaryPassword}</code>
        </span>
      ) : (
        r.errors.join('; ') || (r.userId ? `#${r.userId}` : '')
      ),
  },
];

export function UserImport() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [parseError, setParseError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const flash = useFlash();
  const run = useMutation(
    trpc.admin.users.import.mutationOptions({
      onSuccess: (r) => {
        if (r.dryRun) return;
        flash.show(`Imported ${formatNumber(r.summary.created ?? 0)} of ${formatNumber(r.total)} rows.`);
        void queryClient.invalidateQueries(trpc.admin.users.pathFilter());
        void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
      },
    }),
  );

  const submit = (dryRun: boolean, reason?: string) => {
    const parsed = parseImportText(text);
    if (!parsed.ok) return setParseError(parsed.error);
    setParseError(null);
    run.mutate({ users: parsed.rows, dryRun, ...(reason ? { reason } : {}) });
  };
  const report = run.data;

  return (
    <section className="card stack" data-testid="user-import">
      <h2>Import users</h2>
      <p className="muted small-text">
        CSV with a header row (siteId, nickname, password, phoneNumber, rank) or a JSON array, up to 200 rows. A row without a password gets
        a temporary one, shown once below. Every imported player must change the password at first login.
      </p>
      <label className="field">
        <span>Rows</span>
        <textarea
          className="code-input"
          rows={6}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="import-text"
          spellCheck={false}
        />
      </label>
      {parseError && <p className="field-error">{parseError}</p>}
      <div className="row">
        <button type="button" onClick={() => submit(true)} disabled={run.isPending || !text.trim()} data-testid="import-check">
          Check (dry run)
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => setConfirming(true)}
          disabled={run.isPending || !report?.dryRun || report.summary.valid === 0}
          data-testid="import-run"
        >
          Import {report?.dryRun ? report.summary.valid : ''} valid rows
        </button>
      </div>
      <Flash message={flash.message} testId="import-result" />
      <ErrorBanner error={run.error} />
      {report && (
        <>
          <p className="small-text" data-testid="import-summary">
            {report.dryRun ? 'Dry run — nothing was written. ' : ''}
            {Object.entries(report.summary)
              .filter(([, n]) => n > 0)
              .map(([k, n]) => `${STATUS_TEXT[k as ReportRow['status']]}: ${n}`)
              .join(' · ')}
          </p>
          <DataTable caption="Import report" testId="import-report" rows={report.rows} rowKey={(r) => r.index} columns={COLUMNS} />
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title="Import these users?"
        confirmLabel="Import"
        askReason
        pending={run.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={({ reason }) => {
          setConfirming(false);
          submit(false, reason);
        }}
        testId="import-confirm"
      >
        <p>{report?.summary.valid ?? 0} accounts will be created with the starting balance. Rows that are not valid are skipped.</p>
      </ConfirmDialog>
    </section>
  );
}
