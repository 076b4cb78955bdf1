/**
 * A button that opens the one confirmation dialog before it acts (delete, deactivate, refund…).
 * The dialog's test id is `<testId>-dialog`, its confirm button `<testId>-dialog-confirm`.
 */
import { type ReactNode, useState } from 'react';
import { ConfirmDialog } from './confirm-dialog';

type Props = {
  label: string;
  title: string;
  confirmLabel: string;
  children: ReactNode;
  onConfirm: (reason: string) => void;
  testId: string;
  danger?: boolean;
  disabled?: boolean;
  pending?: boolean;
  askReason?: boolean;
  typeToConfirm?: string;
  /** Checked before opening (e.g. a form above must be valid first); false keeps it closed. */
  canOpen?: () => boolean;
  className?: string;
};

export function ConfirmAction({
  label,
  title,
  confirmLabel,
  children,
  onConfirm,
  testId,
  danger,
  disabled,
  pending,
  askReason,
  typeToConfirm,
  canOpen,
  className,
}: Props) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={className ?? `small${danger ? ' danger' : ''}`}
        disabled={disabled || pending}
        onClick={() => setOpen(canOpen ? canOpen() : true)}
        data-testid={testId}
      >
        {pending ? 'Working…' : label}
      </button>
      <ConfirmDialog
        open={open}
        title={title}
        confirmLabel={confirmLabel}
        danger={danger}
        pending={pending}
        askReason={askReason}
        typeToConfirm={typeToConfirm}
        onCancel={() => setOpen(false)}
        onConfirm={({ reason }) => {
          setOpen(false);
          onConfirm(reason);
        }}
        testId={`${testId}-dialog`}
      >
        {children}
      </ConfirmDialog>
    </>
  );
}
