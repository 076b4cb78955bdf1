import type { RouterOutputs } from '@casino/ui';
import { formatAmount, formatMultiplier, formatNumber, formatPercent, formatPercentValue } from '../../lib/format';

type Slot = RouterOutputs['admin']['games']['config']['slot'];

/** Reel weights per reel, paytable and the exactly computed RTP of the machine in force. */
export function SlotConfig({ slot }: { slot: Slot }) {
  const totals = [0, 1, 2].map((r) => slot.weights.reduce((sum, w) => sum + (w[r] ?? 0), 0));
  const b = slot.rtpBreakdown;
  return (
    <section className="card stack" data-testid="config-slot">
      <h2>Slot</h2>
      <dl className="facts">
        <dt>RTP (exact)</dt>
        <dd data-testid="config-slot-rtp">
          <strong>{formatPercent(slot.rtp)}</strong> · base game {formatPercent(b.baseRtp)} · hit rate {formatPercent(b.hitRate)} · mean
          streak bonus {formatPercentValue(b.meanBonusPercent, 2)}
        </dd>
        <dt>Bets</dt>
        <dd>
          {formatNumber(slot.minBet)}–{formatAmount(slot.maxBet, 'gold')} · max win {formatMultiplier(slot.maxWinMultiplier)} the bet
        </dd>
        <dt>Streak bonus</dt>
        <dd>
          +{formatPercentValue(slot.streakBonus.percentPerWin)} per consecutive win, up to +
          {formatPercentValue(slot.streakBonus.maxPercent)} (±5% jitter), on at most the streak's smallest bet
        </dd>
      </dl>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Symbol</th>
              <th className="num">Reel 1</th>
              <th className="num">Reel 2</th>
              <th className="num">Reel 3</th>
              <th className="num">Three</th>
              <th className="num">Pair</th>
            </tr>
          </thead>
          <tbody>
            {slot.symbols.map((s, i) => {
              const w = slot.weights[i] ?? [0, 0, 0];
              return (
                <tr key={s.id}>
                  <td>
                    {s.name} <span className="muted mono small-text">{s.id}</span>
                  </td>
                  {[0, 1, 2].map((r) => (
                    <td key={r} className="num" title={formatPercent((w[r] ?? 0) / (totals[r] || 1))}>
                      {w[r] ?? 0}
                    </td>
                  ))}
                  <td className="num">{formatMultiplier(slot.paytable.triple[s.id] ?? 0)}</td>
                  <td className="num">{formatMultiplier(slot.paytable.pair[s.id] ?? 0)}</td>
                </tr>
              );
            })}
            <tr className="muted">
              <td>Total weight</td>
              {totals.map((t, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the three reels are fixed positions
                <td key={r} className="num">
                  {t}
                </td>
              ))}
              <td colSpan={2} />
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
