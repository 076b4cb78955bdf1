/**
 * The one confirmation for destructive actions: a modal <dialog> (focus trapped, Escape cancels)
 * saying what will happen, an optional reason for the audit log and, for irreversible actions, a
 * typed confirmation (the confirm button stays disabled until the text matches exactly).
 */
import { Field } from '@casino/ui';
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';

export type ConfirmResult = { reason: string };

type Props = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: (r: ConfirmResult) => void;
  onCancel: () => void;
  danger?: boolean;
  pending?: boolean;
  /** Asks for a reason (at least 3 characters) that goes into the audit log. */
  askReason?: boolean;
  /** Irreversible: the admin must type this text to enable the confirm button. */
  typeToConfirm?: string;
  testId?: string;
};

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  danger,
  pending,
  askReason,
  typeToConfirm,
  testId = 'confirm-dialog',
}: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setReason('');
      setTyped('');
      setReasonError(undefined);
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  const matches = !typeToConfirm || typed.trim() === typeToConfirm;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (askReason && reason.trim().length < 3) return setReasonError('Say why (at least 3 characters); it goes into the audit log.');
    if (!matches) return;
    onConfirm({ reason: reason.trim() });
  };

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={onCancel}
      onClose={() => open && onCancel()}
      data-testid={testId}
    >
      <form className="stack" onSubmit={submit} noValidate>
        <h2 id={titleId}>{title}</h2>
        <div className="stack small-text">{children}</div>
        {askReason && (
          <Field
            label="Reason (kept in the audit log)"
            name={`${testId}-reason`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={reasonError}
          />
        )}
        {typeToConfirm && (
          <Field
            label={`Type ${typeToConfirm} to confirm`}
            name={`${testId}-typed`}
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        )}
        <div className="row end">
          <button type="button" onClick={onCancel} data-testid={`${testId}-cancel`}>
            Cancel
          </button>
          <button
            type="submit"
            className={danger ? 'danger solid' : 'primary'}
            disabled={pending || !matches}
            data-testid={`${testId}-confirm`}
          >
            {pending ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
