/** Progress towards the guaranteed Epic-or-better pull; `within` is the server's count (pullsToGuarantee). */
export function PityMeter({ counter, threshold, within }: { counter: number; threshold: number; within: number }) {
  const pct = Math.min(100, (counter / threshold) * 100);
  return (
    <div className="stack tight" data-testid="pity">
      <div className="row between">
        <span>
          Pity <strong data-testid="pity-counter">{counter}</strong> / {threshold}
        </span>
        <span className="muted small-text" data-testid="pity-within" data-within={within}>
          {within === 1 ? 'Next pull: Epic or better guaranteed' : `Epic+ guaranteed within ${within} pulls`}
        </span>
      </div>
      <div className="bar" role="progressbar" aria-label="Pity" aria-valuemin={0} aria-valuemax={threshold} aria-valuenow={counter}>
        <div className="bar-fill pity-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
