/** Progress towards the guaranteed Epic-or-better pull. */
export function PityMeter({ counter, threshold }: { counter: number; threshold: number }) {
  const left = Math.max(1, threshold - counter + 1);
  const pct = Math.min(100, (counter / threshold) * 100);
  return (
    <div className="stack tight" data-testid="pity">
      <div className="row between">
        <span>
          Pity <strong data-testid="pity-counter">{counter}</strong> / {threshold}
        </span>
        <span className="muted small-text">
          {left === 1 ? 'Next pull: Epic or better guaranteed' : `Epic+ guaranteed within ${left} pulls`}
        </span>
      </div>
      <div className="bar" role="progressbar" aria-label="Pity" aria-valuemin={0} aria-valuemax={threshold} aria-valuenow={counter}>
        <div className="bar-fill pity-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
