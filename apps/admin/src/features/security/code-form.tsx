import { ErrorBanner, Field } from '@casino/ui';
import { type FormEvent, useState } from 'react';

/** One code field and a button: confirming the set-up, new recovery codes, turning the factor off. */
export function CodeForm({
  label,
  submitLabel,
  testId,
  pending,
  error,
  onCode,
  danger = false,
}: {
  label: string;
  submitLabel: string;
  testId: string;
  pending: boolean;
  error: unknown;
  onCode: (code: string) => void;
  danger?: boolean;
}) {
  const [code, setCode] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) onCode(code.trim());
    setCode('');
  };
  return (
    <form className="stack" onSubmit={submit} data-testid={testId} noValidate>
      <Field label={label} name={`${testId}-code`} autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} />
      <ErrorBanner error={error} testId={`${testId}-error`} />
      <button type="submit" className={danger ? 'danger' : 'primary'} disabled={pending || !code.trim()} data-testid={`${testId}-submit`}>
        {submitLabel}
      </button>
    </form>
  );
}
