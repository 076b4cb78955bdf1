import { type TFraudThresholds, thresholdsProblem } from '@casino/shared';
import { ErrorBanner, Field, formatDate, Loading, type RouterOutputs, useTRPC } from '@casino/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { MutationFlash } from '../../components/flash';

type View = RouterOutputs['admin']['fraud']['thresholds']['get'];
type Key = keyof TFraudThresholds;

const FIELDS: { key: Key; label: string }[] = [
  { key: 'review', label: 'Review at score' },
  { key: 'softBlock', label: 'Soft block at score' },
  { key: 'hardBlock', label: 'Hard block at score' },
  { key: 'softBlockCooldownSeconds', label: 'Soft-block cooldown (seconds)' },
];

export function ThresholdsForm() {
  const trpc = useTRPC();
  const current = useQuery(trpc.admin.fraud.thresholds.get.queryOptions());
  if (current.isPending) return <Loading />;
  if (current.isError) return <ErrorBanner error={current.error} />;
  return <ThresholdsEditor current={current.data} />;
}

function ThresholdsEditor({ current }: { current: View }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<Key, string>>({
    review: String(current.review),
    softBlock: String(current.softBlock),
    hardBlock: String(current.hardBlock),
    softBlockCooldownSeconds: String(current.softBlockCooldownSeconds),
  });
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation(
    trpc.admin.fraud.thresholds.set.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.admin.fraud.thresholds.get.queryKey(), data);
        void queryClient.invalidateQueries(trpc.admin.audit.pathFilter());
      },
    }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Object.fromEntries(FIELDS.map((f) => [f.key, Number(values[f.key])])) as TFraudThresholds;
    const bad = FIELDS.find((f) => !Number.isInteger(n[f.key]) || n[f.key] < 1 || values[f.key].trim() === '');
    if (bad) return setProblem(`${bad.label}: a whole number of at least 1.`);
    if (n.softBlockCooldownSeconds > 86_400) return setProblem('The cooldown is at most 86400 seconds (a day).');
    const order = thresholdsProblem(n);
    if (order) return setProblem(order);
    setProblem(null);
    save.mutate(n);
  };

  return (
    <form className="card stack" onSubmit={submit} noValidate data-testid="thresholds-form">
      <p className="muted small-text">
        The sum of the matching rules' scores decides: below “review” the purchase is allowed; at “review” it goes through and is listed for
        you; at “soft block” it is refused and the player waits out the cooldown; at “hard block” it is refused.
      </p>
      <div className="grid-2">
        {FIELDS.map((f) => (
          <Field
            key={f.key}
            label={f.label}
            name={f.key}
            inputMode="numeric"
            value={values[f.key]}
            onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
          />
        ))}
      </div>
      {problem && (
        <p className="field-error" data-testid="thresholds-problem">
          {problem}
        </p>
      )}
      <div className="row between">
        <button type="submit" className="primary" disabled={save.isPending} data-testid="thresholds-save">
          {save.isPending ? 'Saving…' : 'Save thresholds'}
        </button>
        <span className="muted small-text" data-testid="thresholds-origin">
          {current.isDefault
            ? 'Built-in defaults (not saved yet)'
            : `Last changed ${current.updatedAt ? formatDate(current.updatedAt) : ''}${current.updatedBy ? ` by #${current.updatedBy}` : ' (start-up defaults)'}`}
        </span>
      </div>
      <MutationFlash mutation={save} testId="thresholds-saved" message={() => 'Saved. The next purchase on every server uses them.'} />
      <ErrorBanner error={save.error} testId="thresholds-error" />
    </form>
  );
}
