import type { RouterOutputs } from '@casino/ui';
import { formatMultiplier, formatPercent } from '../../lib/games';
import { SymbolArt } from './symbols';

type SlotConfig = RouterOutputs['games']['slot']['config'];

/** The published machine: what pays, how often each symbol lands, and the exact RTP. */
export function Paytable({ config }: { config: SlotConfig }) {
  const reelTotals = [0, 1, 2].map((r) => config.weights.reduce((sum, w) => sum + (w[r] ?? 0), 0));
  const chance = (i: number) => {
    const w = config.weights[i] ?? [0, 0, 0];
    return formatPercent((w[0] ?? 0) / (reelTotals[0] || 1), 1);
  };
  const { rtpBreakdown: rtp, streakBonus } = config;
  return (
    <section className="card stack" data-testid="paytable">
      <h2>Paytable</h2>
      <p className="muted small-text" data-testid="slot-rtp">
        Return to player <strong>{formatPercent(config.rtp)}</strong> (base game {formatPercent(rtp.baseRtp)}, hit rate{' '}
        {formatPercent(rtp.hitRate)}). Consecutive wins add +{streakBonus.percentPerWin}% per win up to +{streakBonus.maxPercent}% (±5%
        jitter) on at most the smallest bet of the streak, so no way of sizing bets returns more. A round pays at most{' '}
        {formatMultiplier(config.maxWinMultiplier)} the bet.
      </p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Symbol</th>
              <th className="num">Three</th>
              <th className="num">Pair</th>
              <th className="num">Per reel</th>
            </tr>
          </thead>
          <tbody>
            {config.symbols.map((s, i) => (
              <tr key={s.id}>
                <td className="paytable-symbol">
                  <SymbolArt id={s.id} size={28} /> {s.name}
                </td>
                <td className="num">{formatMultiplier(config.paytable.triple[s.id] ?? 0)}</td>
                <td className="num">{formatMultiplier(config.paytable.pair[s.id] ?? 0)}</td>
                <td className="num">{chance(i)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
