import type { InputHTMLAttributes, ReactNode } from 'react';

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: ReactNode;
};

/** Labelled input with its validation message; test id `field-<name>`. */
export function Field({ label, name, error, hint, ...input }: FieldProps) {
  const id = `f-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        data-testid={`field-${name}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : undefined}
        {...input}
      />
      {hint}
      {error && (
        <p className="field-error" id={`${id}-err`} data-testid={`field-${name}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
