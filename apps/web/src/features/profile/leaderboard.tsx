import { ErrorBanner, formatNumber, formatSigned, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatMultiplier, GAME_LABEL, type Game } from '../../lib/games';

const PERIODS = { day: 'Today', week: 'This week', month: 'This month', all: 'All time' } as const;
const METRICS = { profit: 'Profit', wins: 'Wins', wagered: 'Wagered', multiplier: 'Best multiplier' } as const;
type Period = keyof typeof PERIODS;
type Metric = keyof typeof METRICS;

const formatValue = (metric: Metric, v: number) =>
  metric === 'multiplier' ? formatMultiplier(v) : metric === 'profit' ? formatSigned(v) : formatNumber(v);

function Select<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: Record<T, string>;
  onChange: (v: T) => void;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={`lb-${label.toLowerCase()}`}>
        {(Object.keys(options) as T[]).map((k) => (
          <option key={k} value={k}>
            {options[k]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Rankings by game, period (UTC) and metric; nicknames only, the player's own row highlighted. */
export function Leaderboard({ myId }: { myId: number }) {
  const trpc = useTRPC();
  const [game, setGame] = useState<Game | 'all'>('all');
  const [period, setPeriod] = useState<Period>('week');
  const [metric, setMetric] = useState<Metric>('profit');
  const board = useQuery(trpc.games.leaderboard.queryOptions({ game, period, metric, limit: 20 }));
  const games = { all: 'All games', ...GAME_LABEL } as Record<Game | 'all', string>;

  return (
    <section className="card stack" data-testid="leaderboard">
      <h2>Leaderboard</h2>
      <div className="filters">
        <Select label="Game" value={game} options={games} onChange={setGame} />
        <Select label="Period" value={period} options={PERIODS} onChange={setPeriod} />
        <Select label="Metric" value={metric} options={METRICS} onChange={setMetric} />
      </div>
      {board.isPending && <Loading />}
      <ErrorBanner error={board.error} />
      {board.isSuccess && board.data.entries.length === 0 && <p className="muted">Nobody has played in this period yet.</p>}
      <ol className="plain ledger">
        {board.data?.entries.map((e) => (
          <li key={e.userId} className={e.userId === myId ? 'me' : ''} data-testid="lb-row" data-me={e.userId === myId}>
            <div className="ledger-main">
              <span>
                <strong>#{e.rank}</strong> {e.nickname}
              </span>
              <strong>{formatValue(metric, e.value)}</strong>
            </div>
            <div className="ledger-sub muted">
              <span>{formatNumber(e.rounds)} rounds</span>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
