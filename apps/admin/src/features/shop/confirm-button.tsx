import { useState } from 'react';

/** A button that asks once more before acting: the first click arms it, the second confirms. */
export function ConfirmButton({
  label,
  confirmLabel,
  onConfirm,
  disabled,
  danger,
  testId,
  canArm,
}: {
  label: string;
  confirmLabel: string;
  onConfirm: () => void;
  disabled?: boolean;
  danger?: boolean;
  testId: string;
  /** Checked before arming (e.g. a reason is required); false keeps it unarmed. */
  canArm?: () => boolean;
}) {
  const [armed, setArmed] = useState(false);
  if (!armed) {
    return (
      <button
        type="button"
        className={`small${danger ? ' danger' : ''}`}
        disabled={disabled}
        onClick={() => setArmed(canArm ? canArm() : true)}
        data-testid={testId}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="row confirm">
      <button
        type="button"
        className={`small ${danger ? 'danger solid' : 'primary'}`}
        disabled={disabled}
        onClick={() => {
          setArmed(false);
          onConfirm();
        }}
        data-testid={`${testId}-confirm`}
      >
        {confirmLabel}
      </button>
      <button type="button" className="small" onClick={() => setArmed(false)}>
        Cancel
      </button>
    </span>
  );
}
