import { GACHA_RARITIES, type TGameConfig } from '@casino/shared';
import { formatPercent } from '../../../lib/format';
import { NumInput } from './num-input';

type Gacha = TGameConfig['gacha'];
type Rps = TGameConfig['rps'];
type Crash = TGameConfig['crash'];
const RARITY_LABEL = { legendary: 'Legendary', epic: 'Epic', rare: 'Rare', common: 'Common' } as const;

/** Rarity weights and item values, costs and the pity threshold. */
export function GachaEditor({ gacha, onChange }: { gacha: Gacha; onChange: (g: Gacha) => void }) {
  const total = GACHA_RARITIES.reduce((sum, r) => sum + (gacha.weights[r] || 0), 0);
  return (
    <section className="card stack" data-testid="edit-gacha">
      <h2>Gacha</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Rarity</th>
              <th className="num">Weight</th>
              <th className="num">Chance</th>
              <th className="num">Item value</th>
            </tr>
          </thead>
          <tbody>
            {GACHA_RARITIES.map((r) => (
              <tr key={r}>
                <td>{RARITY_LABEL[r]}</td>
                <td className="num">
                  <NumInput
                    label={`${RARITY_LABEL[r]} weight`}
                    value={gacha.weights[r]}
                    onChange={(n) => onChange({ ...gacha, weights: { ...gacha.weights, [r]: n } })}
                  />
                </td>
                <td className="num">{total > 0 ? formatPercent((gacha.weights[r] || 0) / total) : '—'}</td>
                <td className="num">
                  <NumInput
                    label={`${RARITY_LABEL[r]} item value`}
                    value={gacha.values[r]}
                    onChange={(n) => onChange({ ...gacha, values: { ...gacha.values, [r]: n } })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="grid-3">
        <NumInput
          showLabel
          label="Cost of one pull"
          value={gacha.costs.single}
          onChange={(single) => onChange({ ...gacha, costs: { ...gacha.costs, single } })}
        />
        <NumInput
          showLabel
          label="Cost of ten pulls"
          value={gacha.costs.ten}
          onChange={(ten) => onChange({ ...gacha, costs: { ...gacha.costs, ten } })}
        />
        <NumInput
          showLabel
          label="Pity after (pulls)"
          value={gacha.pity.threshold}
          onChange={(threshold) => onChange({ ...gacha, pity: { threshold } })}
        />
      </div>
    </section>
  );
}

/** House edge and bet limits of rock-paper-scissors and crash (crash also its payout cap). */
export function TableGamesEditor({
  rps,
  crash,
  onRps,
  onCrash,
}: {
  rps: Rps;
  crash: Crash;
  onRps: (r: Rps) => void;
  onCrash: (c: Crash) => void;
}) {
  return (
    <div className="grid-2 top">
      <section className="card stack" data-testid="edit-rps">
        <h2>Rock-paper-scissors</h2>
        <NumInput
          showLabel
          label="House edge (%)"
          step={0.01}
          value={rps.houseEdgePercent}
          onChange={(houseEdgePercent) => onRps({ ...rps, houseEdgePercent })}
          testId="rps-edge"
        />
        <NumInput showLabel label="Min bet" value={rps.minBet} onChange={(minBet) => onRps({ ...rps, minBet })} />
        <NumInput showLabel label="Max bet" value={rps.maxBet} onChange={(maxBet) => onRps({ ...rps, maxBet })} />
      </section>
      <section className="card stack" data-testid="edit-crash">
        <h2>Crash</h2>
        <NumInput
          showLabel
          label="House edge (%)"
          step={0.01}
          value={crash.houseEdgePercent}
          onChange={(houseEdgePercent) => onCrash({ ...crash, houseEdgePercent })}
          testId="crash-edge"
        />
        <NumInput showLabel label="Min bet" value={crash.minBet} onChange={(minBet) => onCrash({ ...crash, minBet })} />
        <NumInput showLabel label="Max bet" value={crash.maxBet} onChange={(maxBet) => onCrash({ ...crash, maxBet })} />
        <NumInput
          showLabel
          label="Max win (× bet)"
          step={0.01}
          value={crash.maxWinMultiplier}
          onChange={(maxWinMultiplier) => onCrash({ ...crash, maxWinMultiplier })}
        />
      </section>
    </div>
  );
}
