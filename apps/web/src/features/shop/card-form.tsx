/**
 * The sandbox gateway's card form. No real card exists here: the player picks one of the
 * documented test tokens (CONTRACT.md) or types another token.
 */
import { ZPaymentToken } from '@casino/shared';
import { Field } from '@casino/ui';

export const TEST_CARDS = [
  { token: 'tok_visa', title: 'Visa •••• 4242', effect: 'Pays: authorized and captured.', tone: 'ok' },
  { token: 'tok_declined', title: 'Declined card', effect: 'Refused at authorization. Nothing is charged.', tone: 'bad' },
  {
    token: 'tok_capture_fail',
    title: 'Capture fails',
    effect: 'Authorized, then the capture fails; the hold is released.',
    tone: 'bad',
  },
] as const;

export type CardChoice = { pick: string; other: string };
export const DEFAULT_CARD: CardChoice = { pick: 'tok_visa', other: '' };

/** The token to send, or why there is none yet. */
export function cardToken(c: CardChoice): { token: string | null; problem: string | null } {
  if (c.pick !== 'other') return { token: c.pick, problem: null };
  const t = c.other.trim();
  if (t === '') return { token: null, problem: 'Enter a payment token.' };
  return ZPaymentToken.safeParse(t).success
    ? { token: t, problem: null }
    : { token: null, problem: 'Tokens are 3–128 letters, digits, _ or -.' };
}

export function CardForm({ value, onChange, disabled }: { value: CardChoice; onChange: (c: CardChoice) => void; disabled: boolean }) {
  const { problem } = cardToken(value);
  return (
    <fieldset className="cards" disabled={disabled} data-testid="card-form">
      <legend>Card</legend>
      <p className="muted small-text sandbox-note">Sandbox payments: no real money moves. Pick a test card to see each outcome.</p>
      {TEST_CARDS.map((c) => (
        <label key={c.token} className={`card-option${value.pick === c.token ? ' on' : ''}`} data-testid={`card-${c.token}`}>
          <input
            type="radio"
            name="card"
            value={c.token}
            checked={value.pick === c.token}
            onChange={() => onChange({ ...value, pick: c.token })}
          />
          <span className="stack tight">
            <span className="row between">
              <strong>{c.title}</strong>
              <code className={`token token-${c.tone}`}>{c.token}</code>
            </span>
            <span className="muted small-text">{c.effect}</span>
          </span>
        </label>
      ))}
      <label className={`card-option${value.pick === 'other' ? ' on' : ''}`} data-testid="card-other">
        <input
          type="radio"
          name="card"
          value="other"
          checked={value.pick === 'other'}
          onChange={() => onChange({ ...value, pick: 'other' })}
        />
        <span className="stack tight">
          <strong>Another token</strong>
          <span className="muted small-text">Any other token is treated as a working card.</span>
        </span>
      </label>
      {value.pick === 'other' && (
        <Field
          label="Payment token"
          name="paymentToken"
          autoComplete="off"
          spellCheck={false}
          value={value.other}
          onChange={(e) => onChange({ ...value, other: e.target.value })}
          error={value.other ? (problem ?? undefined) : undefined}
        />
      )}
    </fieldset>
  );
}
