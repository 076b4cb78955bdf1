import { formatNumber, type RouterOutputs } from '@casino/ui';
import { formatPercent, RARITY_LABEL } from '../../lib/games';

type GachaConfig = RouterOutputs['games']['gacha']['config'];

/** Odds disclosure: the table's own chance per pull and the long-run rate once pity is counted. */
export function OddsTable({ config }: { config: GachaConfig }) {
  return (
    <section className="card stack" data-testid="gacha-odds">
      <h2>Odds</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Rarity</th>
              <th className="num">Per pull</th>
              <th className="num">With pity</th>
            </tr>
          </thead>
          <tbody>
            {config.rarities.map((r) => (
              <tr key={r.rarity} data-testid="odds-row" data-rarity={r.rarity}>
                <td className={`rarity-${r.rarity}`}>{RARITY_LABEL[r.rarity] ?? r.rarity}</td>
                <td className="num">{formatPercent(r.probability)}</td>
                <td className="num">{formatPercent(r.effectiveProbability, 3)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small-text">
        After {config.pity.threshold} pulls in a row without Epic or better, the next pull is Epic or better. “With pity” is the long-run
        share of each rarity counting that guarantee. One pull costs {formatNumber(config.costs.single)}, ten cost{' '}
        {formatNumber(config.costs.ten)}, in gold or gems. A near-miss animation never changes the item you get.
      </p>
    </section>
  );
}
