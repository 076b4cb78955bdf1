import { ErrorBanner, formatDate, formatNumber, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { AchievementIcon } from './achievement-icon';

function Progress({ current, target }: { current: number; target: number }) {
  const shown = Number.isInteger(current) ? formatNumber(current) : current.toFixed(2);
  return (
    <div className="row ach-progress">
      <div className="bar" role="progressbar" aria-label="Progress" aria-valuemin={0} aria-valuemax={target} aria-valuenow={current}>
        <div className="bar-fill" style={{ width: `${Math.min(100, (current / target) * 100)}%` }} />
      </div>
      <span className="small-text muted">
        {shown} / {formatNumber(target)}
      </span>
    </div>
  );
}

/** Every achievement, unlocked ones first; the live `achievement` event refreshes this list. */
export function Achievements() {
  const trpc = useTRPC();
  const list = useQuery(trpc.games.achievements.queryOptions());
  const items = [...(list.data ?? [])].sort((a, b) => Number(b.unlocked) - Number(a.unlocked));
  const done = items.filter((a) => a.unlocked).length;
  return (
    <section className="card stack" data-testid="achievements">
      <div className="row between">
        <h2>Achievements</h2>
        {list.isSuccess && (
          <span className="muted small-text">
            {done} / {items.length} unlocked
          </span>
        )}
      </div>
      {list.isPending && <Loading />}
      <ErrorBanner error={list.error} />
      <ul className="plain achievements">
        {items.map((a) => (
          <li key={a.code} className={a.unlocked ? 'unlocked' : 'locked'} data-testid="achievement" data-unlocked={a.unlocked}>
            <AchievementIcon unlocked={a.unlocked} />
            <div className="ach-body">
              <strong>{a.title}</strong>
              <p className="small-text muted">
                {a.description} · +{formatNumber(a.rewardGold)} gold
                {a.unlocked && a.unlockedAt ? ` · unlocked ${formatDate(a.unlockedAt)}` : ''}
              </p>
              {!a.unlocked && a.progress.target > 1 && <Progress current={a.progress.current} target={a.progress.target} />}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
