/**
 * Bulk grant: paste CSV (bulk-csv.ts), preview it with a dry run (each line checked here, then
 * by the server: the player exists, the amount and item are valid), then send the lines that
 * passed with one idempotency key — a double click or a retry grants nothing twice.
 */
import { ErrorBanner, Field, formatNumber, useTRPC } from '@casino/ui';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmAction } from '../../components/confirm-action';
import { formatCount } from '../../lib/format';
import { newIdempotencyKey } from '../../lib/idempotency';
import { CSV_COLUMNS, type CsvLine, type GrantRow, parseCsv } from './bulk-csv';
import { BulkTable, type LineStatus } from './bulk-table';

type BulkAnswer = {
  results: {
    index: number;
    /** `pending`: the batch waits for a second admin's approval (four-eyes). */
    status: 'ok' | 'error' | 'pending';
    message?: string | undefined;
    error?: string | undefined;
    nickname?: string | undefined;
  }[];
};

const EXAMPLE =
  'userId,gold,gems,itemId,itemQty,description\n12,1000,,,,Tournament prize\n15,500,20,streak_protection,1,"Sorry for the outage, thanks"';

/** Each line's status from the server's per-row answer (a line is ok when all its rows are). */
function statusesOf(lines: CsvLine[], answer: BulkAnswer | undefined): Map<number, LineStatus> {
  const byIndex = new Map(answer?.results.map((r) => [r.index, r]) ?? []);
  const out = new Map<number, LineStatus>();
  for (const l of lines) {
    if (l.errors.length) {
      out.set(l.line, { ok: false, text: l.errors.join('; ') });
      continue;
    }
    if (!answer) continue;
    const results = l.rows.map((i) => byIndex.get(i));
    const bad = results.filter((r) => !r || r.status === 'error');
    const nickname = results.find((r) => r?.nickname)?.nickname;
    out.set(
      l.line,
      bad.length
        ? { ok: false, text: bad.map((r) => r?.message ?? r?.error ?? 'not checked').join('; '), nickname }
        : { ok: true, text: results.some((r) => r?.status === 'pending') ? 'awaiting approval' : 'ok', nickname },
    );
  }
  return out;
}

export function GrantsTab() {
  const trpc = useTRPC();
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [parsed, setParsed] = useState<ReturnType<typeof parseCsv> | null>(null);
  const [key, setKey] = useState('');
  const dry = useMutation(trpc.admin.rewards.grantBulk.mutationOptions());
  const send = useMutation(trpc.admin.rewards.grantBulk.mutationOptions());

  const preview = () => {
    const p = parseCsv(text, reason);
    setParsed(p);
    send.reset();
    dry.reset();
    if (p.items.length > 0 && !p.problem) {
      const k = newIdempotencyKey();
      setKey(k);
      dry.mutate({ items: p.items, idempotencyKey: k, dryRun: true });
    }
  };
  const edited = () => {
    setParsed(null);
    dry.reset();
  };

  const lines = parsed?.lines ?? [];
  const previewStatus = statusesOf(lines, dry.data);
  // Only lines that passed the dry run are sent, renumbered for the real batch.
  const okLines = dry.data ? lines.filter((l) => previewStatus.get(l.line)?.ok) : [];
  const toSend: GrantRow[] = [];
  const sentLines = okLines.map((l) => {
    const rows = l.rows.map((i) => {
      toSend.push(parsed?.items[i] as GrantRow);
      return toSend.length - 1;
    });
    return { ...l, rows };
  });
  // After the real run: the sent lines' results, and the lines the preview held back, marked skipped.
  const resultStatus = send.data ? statusesOf(sentLines, send.data) : null;
  if (resultStatus) {
    for (const l of lines) {
      const before = previewStatus.get(l.line);
      const after = resultStatus.get(l.line);
      if (after) resultStatus.set(l.line, { ...after, nickname: after.nickname ?? before?.nickname });
      else resultStatus.set(l.line, { ok: false, text: `skipped: ${before?.text ?? 'not checked'}` });
    }
  }

  return (
    <div className="stack" data-testid="grants-admin">
      <section className="card stack">
        <h2>Bulk grant</h2>
        <p className="small-text muted">
          One line per player: <code className="mono">{CSV_COLUMNS.join(',')}</code>. gold and gems may be empty (none); itemId with itemQty
          (default 1); description optional (the default reason is used). A header line is optional; quote a description that contains
          commas.
        </p>
        <div className="field">
          <label htmlFor="f-bulk-csv">CSV</label>
          <textarea
            id="f-bulk-csv"
            className="mono"
            rows={8}
            placeholder={EXAMPLE}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              edited();
            }}
            data-testid="bulk-csv"
          />
        </div>
        <Field
          label="Default reason (for lines without a description)"
          name="bulk-reason"
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            edited();
          }}
        />
        <button
          type="button"
          className="primary"
          disabled={text.trim() === '' || dry.isPending}
          onClick={preview}
          data-testid="bulk-preview"
        >
          {dry.isPending ? 'Checking…' : 'Preview (dry run)'}
        </button>
        {parsed?.problem && <p className="field-error">{parsed.problem}</p>}
        <ErrorBanner error={dry.error} testId="bulk-preview-error" />
      </section>
      {parsed && lines.length === 0 && <p className="muted">No lines to grant.</p>}
      {parsed && lines.length > 0 && (
        <section className="card stack" data-testid="bulk-preview-result">
          <h2>{send.data ? 'Results' : 'Preview'}</h2>
          <BulkTable lines={lines} statuses={resultStatus ?? previewStatus} />
          {!send.data && dry.data && (
            <div className="row between">
              <span className="small-text muted">
                {okLines.length === lines.length
                  ? 'Every line passed.'
                  : `${lines.length - okLines.length} line(s) with errors will be skipped.`}
              </span>
              <ConfirmAction
                label={`Grant ${formatNumber(okLines.length)} line${okLines.length === 1 ? '' : 's'}`}
                title="Send this bulk grant?"
                confirmLabel={`Grant to ${formatNumber(okLines.length)}`}
                className="primary small"
                disabled={okLines.length === 0}
                pending={send.isPending}
                onConfirm={() => send.mutate({ items: toSend, idempotencyKey: key })}
                testId="bulk-send"
              >
                <p>
                  {formatNumber(okLines.length)} line{okLines.length === 1 ? '' : 's'} are granted through the ledger. Above the approval
                  threshold the batch waits for a second admin instead.
                </p>
              </ConfirmAction>
            </div>
          )}
          <ErrorBanner error={send.error} testId="bulk-send-error" />
          {send.data && (
            <p className={`banner ${send.data.success ? 'banner-ok' : 'banner-error'}`} data-testid="bulk-done">
              {send.data.idempotent ? 'This batch was already sent: nothing granted again. ' : ''}
              {send.data.approval
                ? `Above the approval threshold: request #${send.data.approval.id} waits for a second admin (Approvals).`
                : `${formatNumber(sentLines.filter((l) => resultStatus?.get(l.line)?.ok).length)} of ${formatCount(sentLines.length, 'line')} granted.`}
            </p>
          )}
        </section>
      )}
    </div>
  );
}
