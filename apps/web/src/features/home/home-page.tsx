import type { RouterOutputs } from '@casino/ui';
import { Balances } from './balances';
import { GamesGrid } from './games-grid';
import { LevelBar } from './level-bar';
import { LiveMetrics } from './live-metrics';
import { RecentTransactions } from './recent-transactions';

export function HomePage({ me }: { me: RouterOutputs['auth']['me'] }) {
  return (
    <div className="stack" data-testid="home">
      <section className="hello">
        <h1 data-testid="nickname">{me.nickname}</h1>
        <span className={`rank rank-${me.rank.toLowerCase()}`} data-testid="rank">
          {me.rank}
        </span>
      </section>
      <Balances gold={me.gold} gems={me.gems} />
      <LevelBar level={me.level} experience={me.experience} maxExperience={me.maxExperience} />
      <LiveMetrics />
      <GamesGrid />
      <RecentTransactions />
    </div>
  );
}
