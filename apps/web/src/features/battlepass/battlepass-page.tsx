/**
 * Battle pass: the running season's level (from battle-pass XP earned in every round), and per
 * level the free and premium rewards with their claim buttons. Premium levels stay locked
 * until the premium pass is bought in the shop.
 */
import '../progression/progression.css';
import { ErrorBanner, formatDate, formatNumber, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { formatLeft } from '../progression/format';
import { LevelRow } from './level-row';
import { PremiumOffer } from './premium-offer';

export function BattlepassPage() {
  const trpc = useTRPC();
  const status = useQuery(trpc.economy.battlepass.status.queryOptions());
  const s = status.data;
  return (
    <div className="stack" data-testid="battlepass-page">
      <h1>Battle pass</h1>
      {status.isPending && <Loading />}
      <ErrorBanner error={status.error} />
      {s && !s.season && <p className="card muted">No season is running right now.</p>}
      {s?.season && (
        <>
          <section className="card stack" aria-labelledby="bp-season">
            <div className="row between">
              <h2 id="bp-season">{s.season.name}</h2>
              <span className="muted small-text" title={formatDate(s.season.endsAt)}>
                ends in {formatLeft(s.season.endsAt.getTime() - Date.now())}
              </span>
            </div>
            <div className="row between">
              <strong data-testid="bp-level">
                Level {s.level} / {s.season.maxLevel}
              </strong>
              <span className="muted small-text" data-testid="bp-xp">
                {s.xpForNextLevel === null
                  ? 'Max level'
                  : `${formatNumber(s.xpIntoLevel)} / ${formatNumber(s.xpForNextLevel)} XP to level ${s.level + 1}`}
              </span>
            </div>
            <div
              className="bar"
              role="progressbar"
              aria-label="Battle-pass experience"
              aria-valuemin={0}
              aria-valuemax={s.xpForNextLevel ?? s.season.xpPerLevel}
              aria-valuenow={s.xpIntoLevel}
            >
              <div className="bar-fill" style={{ width: `${(s.xpIntoLevel / (s.xpForNextLevel ?? s.season.xpPerLevel)) * 100}%` }} />
            </div>
            <p className="muted small-text">Every round you play earns battle-pass XP.</p>
          </section>
          {!s.premium && <PremiumOffer />}
          <div className="table-wrap">
            <table className="table bp-levels" data-testid="bp-levels">
              <thead>
                <tr>
                  <th scope="col">Level</th>
                  <th scope="col">Free</th>
                  <th scope="col">Premium {s.premium ? '' : '🔒'}</th>
                </tr>
              </thead>
              <tbody>
                {s.levels.map((l) => (
                  <LevelRow key={l.level} level={l} premium={s.premium} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
