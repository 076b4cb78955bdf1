import { ZCrashTarget } from '@casino/shared';
import { Field, formatNumber } from '@casino/ui';
import type { FormEvent } from 'react';
import { BetInput, betProblem } from '../../components/bet-input';
import type { CrashSettings } from './use-crash-settings';

export type CrashBet = { bet: number; autoCashout: number | null };

/** Why the auto cash-out text is not a valid target, or null (empty means none). */
function targetProblem(raw: string): string | null {
  if (raw.trim() === '') return null;
  return ZCrashTarget.safeParse(Number(raw)).success ? null : 'A multiplier from 1.01 with at most two decimals.';
}

/** The bet the settings describe, or null with the reason it cannot be placed. */
export function crashBetOf(settings: CrashSettings, limits: { min: number; max: number; balance: number }) {
  const problem = betProblem(settings.bet, limits) ?? targetProblem(settings.auto);
  if (problem) return { bet: null, problem };
  return { bet: { bet: Number(settings.bet), autoCashout: settings.auto.trim() ? Number(settings.auto) : null }, problem: null };
}

/** Bet and auto cash-out; the values live with the page (useCrashSettings), so a round does not reset them. */
export function CrashBetForm({
  settings,
  onChange,
  limits,
  busy,
  disabled,
  onBet,
}: {
  settings: CrashSettings;
  onChange: (next: CrashSettings) => void;
  limits: { min: number; max: number; balance: number };
  busy: boolean;
  disabled: boolean;
  onBet: (bet: CrashBet) => void;
}) {
  const { bet, problem } = crashBetOf(settings, limits);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (bet && !busy && !disabled) onBet(bet);
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <BetInput value={settings.bet} onChange={(v) => onChange({ ...settings, bet: v })} limits={limits} disabled={busy} />
      <Field
        label="Auto cash-out at (optional)"
        name="autoCashout"
        inputMode="decimal"
        placeholder="e.g. 2.00"
        value={settings.auto}
        disabled={busy}
        onChange={(e) => onChange({ ...settings, auto: e.target.value.replace(',', '.') })}
        error={targetProblem(settings.auto) ?? undefined}
        hint={<span className="muted small-text">The server cashes out for you at this multiplier, even if you leave the page.</span>}
      />
      <button type="submit" className="primary big" disabled={!!problem || busy || disabled} data-testid="crash-bet">
        {busy ? 'Placing bet…' : problem ? 'Place bet' : `Bet ${formatNumber(Number(settings.bet))} gold`}
      </button>
    </form>
  );
}
