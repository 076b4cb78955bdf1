import { ZCrashTarget } from '@casino/shared';
import { Field, formatNumber } from '@casino/ui';
import { type FormEvent, useState } from 'react';
import { BetInput, betProblem } from '../../components/bet-input';

export type CrashBet = { bet: number; autoCashout: number | null };

/** Why the auto cash-out text is not a valid target, or null (empty means none). */
function targetProblem(raw: string): string | null {
  if (raw.trim() === '') return null;
  return ZCrashTarget.safeParse(Number(raw)).success ? null : 'A multiplier from 1.01 with at most two decimals.';
}

export function CrashBetForm({
  limits,
  busy,
  disabled,
  onBet,
}: {
  limits: { min: number; max: number; balance: number };
  busy: boolean;
  disabled: boolean;
  onBet: (bet: CrashBet) => void;
}) {
  const [bet, setBet] = useState<string | null>(null);
  const [auto, setAuto] = useState('');
  const betText = bet ?? String(limits.min);
  const problem = betProblem(betText, limits) ?? targetProblem(auto);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (problem || busy || disabled) return;
    onBet({ bet: Number(betText), autoCashout: auto.trim() ? Number(auto) : null });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <BetInput value={betText} onChange={setBet} limits={limits} disabled={busy} />
      <Field
        label="Auto cash-out at (optional)"
        name="autoCashout"
        inputMode="decimal"
        placeholder="e.g. 2.00"
        value={auto}
        disabled={busy}
        onChange={(e) => setAuto(e.target.value.replace(',', '.'))}
        error={targetProblem(auto) ?? undefined}
        hint={<span className="muted small-text">The server cashes out for you at this multiplier, even if you leave the page.</span>}
      />
      <button type="submit" className="primary big" disabled={!!problem || busy || disabled} data-testid="crash-bet">
        {busy ? 'Placing bet…' : problem ? 'Place bet' : `Bet ${formatNumber(Number(betText))} gold`}
      </button>
    </form>
  );
}
