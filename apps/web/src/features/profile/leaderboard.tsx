import { ErrorBanner, formatNumber, formatSigned, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { plural } from '../../lib/format';
import { formatMultiplier, GAME_LABEL, type Game } from '../../lib/games';

const PERIODS = { day: 'Today', week: 'This week', month: 'This month', all: 'All time' } as const;
const METRICS = { profit: 'Net gold', wins: 'Wins', wagered: 'Gold bet', multiplier: 'Best multiplier' } as const;
// The gacha pays in items: no profit, no multiplier; a "win" is a pull with Epic or better.
const GACHA_METRICS = { wins: 'Epic+ pulls', wagered: 'Spent' } as const;
type Period = keyof typeof PERIODS;
type Metric = keyof typeof METRICS;

/** Every number with its unit: "+1,200 gold", "14 wins", "3.20×". */
const formatValue = (metric: Metric, v: number, game: Game | 'all') => {
  if (metric === 'multiplier') return formatMultiplier(v);
  if (metric === 'profit') return `${formatSigned(v)} gold`;
  if (metric === 'wins') return game === 'gacha' ? `${formatNumber(v)} Epic+` : `${formatNumber(v)} ${v === 1 ? 'win' : 'wins'}`;
  return game === 'gacha' ? `${formatNumber(v)} spent` : `${formatNumber(v)} gold`;
};

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
  const [chosenMetric, setMetric] = useState<Metric>('profit');
  const metrics: Partial<Record<Metric, string>> = game === 'gacha' ? GACHA_METRICS : METRICS;
  const metric: Metric = chosenMetric in metrics ? chosenMetric : 'wins';
  const board = useQuery(trpc.games.leaderboard.queryOptions({ game, period, metric, limit: 20 }));
  const games = { all: 'All games', ...GAME_LABEL } as Record<Game | 'all', string>;

  return (
    <section className="card stack" data-testid="leaderboard">
      <h2>Leaderboard</h2>
      <div className="filters">
        <Select label="Game" value={game} options={games} onChange={setGame} />
        <Select label="Period" value={period} options={PERIODS} onChange={setPeriod} />
        <Select label="Metric" value={metric} options={metrics as Record<Metric, string>} onChange={setMetric} />
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
              <strong>{formatValue(metric, e.value, game)}</strong>
            </div>
            <div className="ledger-sub muted">
              <span>{plural(e.rounds, 'round')}</span>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
