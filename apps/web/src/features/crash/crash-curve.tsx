import { CRASH_GROWTH_PER_MS, msToReach, multiplierAt } from '@casino/shared';
import { useEffect, useState } from 'react';
import { formatMultiplier } from '../../lib/games';
import type { Round } from './crash-state';
import { Explosion, Rocket } from './rocket';
import { serverClock } from './server-clock';

const W = 320;
const H = 180;
const SAMPLES = 48;

/** The server clock, re-read every animation frame while `active`. */
function useFrameClock(active: boolean): number {
  const [now, setNow] = useState(() => serverClock.now());
  useEffect(() => {
    if (!active) return;
    let id = 0;
    const loop = () => {
      setNow(serverClock.now());
      id = requestAnimationFrame(loop);
    };
    id = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(id);
  }, [active]);
  return now;
}

/** Where the curve stands: live on the server clock while running, frozen where the round ended. */
function curveState(round: Round, now: number): { elapsed: number; multiplier: number; tone: string } {
  if (round.phase === 'running') {
    const elapsed = Math.max(0, now - round.startedAtMs);
    return { elapsed, multiplier: multiplierAt(elapsed), tone: 'running' };
  }
  if (round.phase === 'settled') {
    const m = round.status === 'busted' ? (round.crashPoint ?? round.multiplier) : round.multiplier;
    return { elapsed: msToReach(m), multiplier: m, tone: round.status };
  }
  return { elapsed: 0, multiplier: 1, tone: 'idle' };
}

const STATUS: Record<string, string> = {
  idle: 'Place a bet to launch',
  running: 'Flying: cash out before it crashes',
  cashed: 'Cashed out',
  busted: 'Crashed',
  expired: 'Expired',
};

/**
 * The multiplier curve e^(0.00006·ms) as an SVG line, scaled so the tip stays in view, with
 * the rocket at its tip. The multiplier is written above the stage, never over the curve.
 */
export function CrashCurve({ round }: { round: Round }) {
  const now = useFrameClock(round.phase === 'running');
  const { elapsed, multiplier, tone } = curveState(round, now);
  const xMax = Math.max(4000, elapsed * 1.2);
  const yMax = Math.max(1.4, 1 + (multiplier - 1) * 1.3);
  const x = (t: number) => (t / xMax) * W;
  const y = (m: number) => H - ((m - 1) / (yMax - 1)) * H;
  const point = (t: number) => `${x(t).toFixed(1)},${y(Math.exp(CRASH_GROWTH_PER_MS * t)).toFixed(1)}`;
  const line = Array.from({ length: SAMPLES + 1 }, (_, i) => point((elapsed * i) / SAMPLES)).join(' L');
  const grid = [1.2, 1.5, 2, 3, 5, 10, 20, 50, 100, 200, 500].filter((g) => g < yMax).slice(-4);
  const tip = { left: `${(x(elapsed) / W) * 100}%`, top: `${(y(multiplier) / H) * 100}%` };

  return (
    <div className={`crash-view crash-${tone}`} data-testid="crash-stage" data-phase={round.phase}>
      <div className="crash-readout">
        <span className="crash-multiplier" data-testid="crash-multiplier" aria-live="off">
          {formatMultiplier(multiplier)}
        </span>
        <span className="crash-status small-text">{STATUS[tone]}</span>
      </div>
      <div className="crash-stage">
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" aria-hidden="true">
          {grid.map((g) => (
            <line key={g} className="crash-grid" x1={0} x2={W} y1={y(g)} y2={y(g)} />
          ))}
          {elapsed > 0 && <path className="crash-line" d={`M${line}`} />}
        </svg>
        {/* Grid labels as HTML, so the stretched SVG does not distort the text. */}
        {grid.map((g) => (
          <span key={g} className="crash-grid-label" style={{ top: `${(y(g) / H) * 100}%` }} aria-hidden="true">
            {g}×
          </span>
        ))}
        <div className="crash-rocket" style={tip} data-testid="crash-rocket" aria-hidden="true">
          {tone === 'busted' ? <Explosion /> : <Rocket />}
        </div>
      </div>
    </div>
  );
}
