import { useState } from 'react';
import { AUTO_SPIN_COUNTS, type AutoSpin } from './use-auto-spin';

/** Choose 10, 25 or 50 spins; one button starts and stops the run, so keyboard focus stays on it. */
export function AutoSpinControls({ auto, disabled }: { auto: AutoSpin; disabled: boolean }) {
  const [count, setCount] = useState<number>(AUTO_SPIN_COUNTS[0]);
  return (
    <div className="auto-spin" data-testid="auto-spin" data-state={auto.running ? 'running' : 'idle'} data-done={auto.done}>
      <label className="auto-count">
        <span className="muted small-text">Auto-spin</span>
        <select
          value={count}
          onChange={(e) => setCount(Number(e.target.value))}
          disabled={disabled || auto.running}
          data-testid="auto-count"
        >
          {AUTO_SPIN_COUNTS.map((n) => (
            <option key={n} value={n}>
              {n} spins
            </option>
          ))}
        </select>
      </label>
      {auto.running ? (
        <button type="button" className="stop-auto" onClick={auto.stop} data-testid="auto-stop">
          Stop ({auto.done} / {auto.total})
        </button>
      ) : (
        <button type="button" className="start-auto" onClick={() => auto.start(count)} disabled={disabled} data-testid="auto-start">
          Start auto-spin
        </button>
      )}
      <p className="small-text muted auto-note" role="status" data-testid="auto-note">
        {auto.running ? `Spinning ${auto.total} times: stops on a big win.` : (auto.note ?? '')}
      </p>
    </div>
  );
}
