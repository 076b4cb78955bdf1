import { useId } from 'react';

/** A number input for the editor's forms and tables; an empty or partial entry is NaN, which the preview refuses. */
export function NumInput({
  label,
  value,
  onChange,
  step = 1,
  testId,
  showLabel = false,
}: {
  label: string;
  value: number;
  onChange: (n: number) => void;
  step?: number;
  testId?: string;
  showLabel?: boolean;
}) {
  const id = useId();
  const input = (
    <input
      id={id}
      type="number"
      inputMode="decimal"
      step={step}
      min={0}
      className="num-input"
      aria-label={showLabel ? undefined : label}
      value={Number.isFinite(value) ? value : ''}
      onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
      data-testid={testId}
    />
  );
  if (!showLabel) return input;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {input}
    </div>
  );
}
