import { REQUIREMENT_KEYS, type TRequirementKey } from '@casino/shared';
import { Field } from '@casino/ui';
import { type GoalLine, KEY_OPTIONS, type RewardFields } from './goals';

/** Requirement lines: a key from CONTRACT's list and a target each. */
export function GoalsEditor({
  lines,
  onChange,
  error,
}: {
  lines: GoalLine[];
  onChange: (l: GoalLine[]) => void;
  error?: string | undefined;
}) {
  const set = (i: number, patch: Partial<GoalLine>) => onChange(lines.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const unused = REQUIREMENT_KEYS.find((k) => !lines.some((l) => l.key === k));
  return (
    <fieldset className="form-section">
      <legend>Goals (all must be reached)</legend>
      {lines.map((l, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are edited in place and have no id of their own
        <div key={i} className="goal-line">
          <div className="field">
            <label htmlFor={`f-goal-${i}-key`}>Goal {i + 1}</label>
            <select
              id={`f-goal-${i}-key`}
              data-testid={`field-goal-${i}-key`}
              value={l.key}
              onChange={(e) => set(i, { key: e.target.value as TRequirementKey })}
            >
              {KEY_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <Field
            label="Target"
            name={`goal-${i}-target`}
            inputMode="numeric"
            value={l.target}
            onChange={(e) => set(i, { target: e.target.value })}
          />
          <button
            type="button"
            className="small"
            aria-label={`Remove goal ${i + 1}`}
            onClick={() => onChange(lines.filter((_, j) => j !== i))}
          >
            ✕
          </button>
        </div>
      ))}
      {error && (
        <p className="field-error" data-testid="goals-error">
          {error}
        </p>
      )}
      <button
        type="button"
        className="small"
        disabled={!unused}
        onClick={() => unused && onChange([...lines, { key: unused, target: '' }])}
        data-testid="goal-add"
      >
        + Goal
      </button>
    </fieldset>
  );
}

export function RewardsEditor({
  value,
  onChange,
  error,
  prefix,
}: {
  value: RewardFields;
  onChange: (r: RewardFields) => void;
  error?: string | undefined;
  prefix: string;
}) {
  const field = (k: keyof RewardFields, label: string) => (
    <Field
      label={label}
      name={`${prefix}-${k}`}
      inputMode="numeric"
      placeholder="0"
      value={value[k]}
      onChange={(e) => onChange({ ...value, [k]: e.target.value })}
    />
  );
  return (
    <fieldset className="form-section">
      <legend>Rewards</legend>
      <div className="grid-2">
        {field('gold', 'Gold')}
        {field('gems', 'Gems')}
        {field('exp', 'Exp')}
      </div>
      {error && (
        <p className="field-error" data-testid={`${prefix}-rewards-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
