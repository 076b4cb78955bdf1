import type { RouterOutputs } from '@casino/ui';
import { Achievements } from './achievements';
import { GameSessions } from './game-sessions';
import { Leaderboard } from './leaderboard';
import { StatsTable } from './stats-table';

export function ProfilePage({ me }: { me: RouterOutputs['auth']['me'] }) {
  return (
    <div className="stack" data-testid="profile-page">
      <section className="hello">
        <h1>{me.nickname}</h1>
        <span className={`rank rank-${me.rank.toLowerCase()}`}>{me.rank}</span>
        <span className="muted small-text">Level {me.level}</span>
      </section>
      <StatsTable />
      <GameSessions />
      <Achievements />
      <Leaderboard myId={me.id} />
    </div>
  );
}
