import type { SelectHTMLAttributes } from 'react';

type Option = { value: string; label: string };

export function SelectField({
  label,
  name,
  options,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; options: readonly Option[] }) {
  const id = `f-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} data-testid={`field-${name}`} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
