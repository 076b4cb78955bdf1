import type { TGameConfig } from '@casino/shared';
import { NumInput } from './num-input';

type Slot = TGameConfig['slot'];

/** Reel weights and the paytable per symbol, bet limits, the payout cap and the streak bonus. */
export function SlotEditor({ slot, onChange }: { slot: Slot; onChange: (slot: Slot) => void }) {
  const setWeight = (i: number, reel: 0 | 1 | 2, n: number) =>
    onChange({
      ...slot,
      symbols: slot.symbols.map((s, j) => {
        if (j !== i) return s;
        const weights: [number, number, number] = [...s.weights];
        weights[reel] = n;
        return { ...s, weights };
      }),
    });
  const setPay = (kind: 'triple' | 'pair', id: string, n: number) =>
    onChange({ ...slot, paytable: { ...slot.paytable, [kind]: { ...slot.paytable[kind], [id]: n } } });

  return (
    <section className="card stack" data-testid="edit-slot">
      <h2>Slot</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Symbol</th>
              <th className="num">Reel 1</th>
              <th className="num">Reel 2</th>
              <th className="num">Reel 3</th>
              <th className="num">Three ×</th>
              <th className="num">Pair ×</th>
            </tr>
          </thead>
          <tbody>
            {slot.symbols.map((s, i) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                {([0, 1, 2] as const).map((r) => (
                  <td key={r} className="num">
                    <NumInput label={`${s.name} weight on reel ${r + 1}`} value={s.weights[r]} onChange={(n) => setWeight(i, r, n)} />
                  </td>
                ))}
                <td className="num">
                  <NumInput
                    label={`${s.name} pays for three`}
                    step={0.01}
                    value={slot.paytable.triple[s.id] ?? 0}
                    onChange={(n) => setPay('triple', s.id, n)}
                    testId={`pay-triple-${s.id}`}
                  />
                </td>
                <td className="num">
                  <NumInput
                    label={`${s.name} pays for a pair`}
                    step={0.01}
                    value={slot.paytable.pair[s.id] ?? 0}
                    onChange={(n) => setPay('pair', s.id, n)}
                    testId={`pay-pair-${s.id}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="grid-3">
        <NumInput showLabel label="Min bet" value={slot.minBet} onChange={(minBet) => onChange({ ...slot, minBet })} />
        <NumInput showLabel label="Max bet" value={slot.maxBet} onChange={(maxBet) => onChange({ ...slot, maxBet })} />
        <NumInput
          showLabel
          label="Max win (× bet)"
          step={0.01}
          value={slot.maxWinMultiplier}
          onChange={(maxWinMultiplier) => onChange({ ...slot, maxWinMultiplier })}
        />
        <NumInput
          showLabel
          label="Streak bonus per win (%)"
          step={0.01}
          value={slot.streakBonus.percentPerWin}
          onChange={(percentPerWin) => onChange({ ...slot, streakBonus: { ...slot.streakBonus, percentPerWin } })}
        />
        <NumInput
          showLabel
          label="Streak bonus cap (%)"
          step={0.01}
          value={slot.streakBonus.maxPercent}
          onChange={(maxPercent) => onChange({ ...slot, streakBonus: { ...slot.streakBonus, maxPercent } })}
        />
      </div>
    </section>
  );
}
