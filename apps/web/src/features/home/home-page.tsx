import type { RouterOutputs } from '@casino/ui';
import { lazy, Suspense } from 'react';
import { Balances } from './balances';
import { GamesGrid } from './games-grid';
import { LevelBar } from './level-bar';
import { LiveMetrics } from './live-metrics';
import { RecentTransactions } from './recent-transactions';
import { WidgetsSkeleton } from './widgets-skeleton';
import './home-widgets.css';

// Its own chunk, so the dashboard's claims and panels do not grow the main bundle; until it and
// each widget's data arrive, every widget holds its loaded size (home-widgets.css), so nothing moves.
const ProgressionWidgets = lazy(() => import('./progression-widgets').then((m) => ({ default: m.ProgressionWidgets })));

export function HomePage({ me }: { me: RouterOutputs['auth']['me'] }) {
  return (
    <div className="stack home" data-testid="home">
      <section className="hello" data-widget="hello">
        <h1 data-testid="nickname">{me.nickname}</h1>
        <span className={`rank rank-${me.rank.toLowerCase()}`} data-testid="rank">
          {me.rank}
        </span>
      </section>
      <Balances gold={me.gold} gems={me.gems} />
      <LevelBar level={me.level} experience={me.experience} maxExperience={me.maxExperience} />
      <Suspense fallback={<WidgetsSkeleton />}>
        <ProgressionWidgets gold={me.gold} />
      </Suspense>
      <LiveMetrics />
      <GamesGrid />
      <RecentTransactions />
    </div>
  );
}
