import { formatNumber, type RouterOutputs } from '@casino/ui';
import { formatPercent } from '../../lib/format';

type Gacha = RouterOutputs['admin']['games']['config']['gacha'];

/** The published odds (per pull and long-run with pity), costs, pity threshold and item catalog. */
export function GachaConfig({ gacha }: { gacha: Gacha }) {
  return (
    <section className="card stack" data-testid="config-gacha">
      <h2>Gacha</h2>
      <dl className="facts">
        <dt>Costs</dt>
        <dd>
          {formatNumber(gacha.costs.single)} per pull · {formatNumber(gacha.costs.ten)} for ten (gold or gems)
        </dd>
        <dt>Pity</dt>
        <dd>Epic or better guaranteed after {formatNumber(gacha.pity.threshold)} pulls without one</dd>
      </dl>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Rarity</th>
              <th className="num">Per pull</th>
              <th className="num">With pity</th>
              <th>Items</th>
            </tr>
          </thead>
          <tbody>
            {gacha.rarities.map((r) => (
              <tr key={r.rarity} data-testid="config-gacha-rarity">
                <td>{r.rarity}</td>
                <td className="num">{formatPercent(r.probability)}</td>
                <td className="num">{formatPercent(r.effectiveProbability, 3)}</td>
                <td className="small-text">{gacha.items[r.rarity].map((i) => i.name).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
