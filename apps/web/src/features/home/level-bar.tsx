import { formatNumber } from '@casino/ui';

export function LevelBar({ level, experience, maxExperience }: { level: number; experience: number; maxExperience: number }) {
  const pct = maxExperience > 0 ? Math.min(100, Math.max(0, (experience / maxExperience) * 100)) : 0;
  return (
    <section className="card level" data-testid="level" data-widget="level">
      <div className="row between">
        <strong data-testid="level-number">Level {level}</strong>
        <span className="muted" data-testid="level-xp">
          {formatNumber(experience)} / {formatNumber(maxExperience)} XP
        </span>
      </div>
      <div
        className="bar"
        role="progressbar"
        aria-label="Experience"
        aria-valuemin={0}
        aria-valuemax={maxExperience}
        aria-valuenow={experience}
      >
        <div className="bar-fill" style={{ width: `${pct}%` }} />
      </div>
    </section>
  );
}
