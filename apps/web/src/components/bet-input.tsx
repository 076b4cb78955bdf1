import { Field, formatNumber } from '@casino/ui';
import { hrefFor } from '../lib/router';

type Limits = { min: number; max: number; balance: number };

/** Why `raw` cannot be bet, or null. Mirrors the server's checks so most mistakes never leave the page. */
export function betProblem(raw: string, { min, max, balance }: Limits): string | null {
  const bet = Number(raw);
  if (raw.trim() === '' || !Number.isSafeInteger(bet)) return 'Enter a whole number.';
  if (bet < min || bet > max) return `Bets are from ${formatNumber(min)} to ${formatNumber(max)}.`;
  if (bet > balance) return 'Not enough gold for that bet.';
  return null;
}

/** Bet field with quick adjustments, limited to the table limits and what the player holds. */
export function BetInput({
  value,
  onChange,
  limits,
  disabled,
  name = 'bet',
}: {
  value: string;
  onChange: (next: string) => void;
  limits: Limits;
  disabled?: boolean;
  name?: string;
}) {
  const bet = Number(value) || limits.min;
  const top = Math.max(limits.min, Math.min(limits.max, limits.balance));
  const clamp = (n: number) => String(Math.min(top, Math.max(limits.min, Math.floor(n))));
  const quick: [string, () => string][] = [
    ['Min', () => String(limits.min)],
    ['½', () => clamp(bet / 2)],
    ['×2', () => clamp(bet * 2)],
    ['Max', () => String(top)],
  ];
  const problem = value === '' ? null : betProblem(value, limits);
  return (
    <div className="stack tight">
      <Field
        label={`Bet (${formatNumber(limits.min)}–${formatNumber(limits.max)} gold)`}
        name={name}
        type="number"
        inputMode="numeric"
        min={limits.min}
        max={limits.max}
        step={1}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        error={problem ?? undefined}
      />
      {(Number(value) > limits.balance || limits.balance < limits.min) && (
        <a className="small-text" href={hrefFor('shop')} data-testid="get-gold">
          Get more gold in the shop →
        </a>
      )}
      <div className="chips">
        {quick.map(([label, next]) => (
          <button key={label} type="button" className="small" disabled={disabled} onClick={() => onChange(next())}>
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}
