import './progression.css';
import { REQUIREMENT_LABELS, type TRequirementKey } from '@casino/shared';
import { formatNumber } from '@casino/ui';

type Goals = Partial<Record<TRequirementKey, number>>;

/** One bar per requirement: what the server has counted so far against the target. */
export function GoalProgress({ requirements, progress }: { requirements: Goals; progress: Goals }) {
  const keys = Object.keys(requirements) as TRequirementKey[];
  return (
    <ul className="plain goals">
      {keys.map((k) => {
        const target = requirements[k] ?? 0;
        const done = Math.min(target, progress[k] ?? 0);
        const pct = target > 0 ? (done / target) * 100 : 0;
        return (
          <li key={k} data-testid="goal" data-key={k}>
            <div className="row between small-text">
              <span>{REQUIREMENT_LABELS[k]}</span>
              <span className="muted" data-testid="goal-count">
                {formatNumber(done)} / {formatNumber(target)}
              </span>
            </div>
            <div
              className="bar thin"
              role="progressbar"
              aria-label={REQUIREMENT_LABELS[k]}
              aria-valuemin={0}
              aria-valuemax={target}
              aria-valuenow={done}
            >
              <div className="bar-fill" style={{ width: `${pct}%` }} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
