import type { TRpsChoice } from '@casino/shared';
import { Hand } from './hands';

/**
 * The two hands: while the round is decided and for a short beat after, both shake as fists
 * ("rock, paper, scissors…"); then each shows its choice. Always the same height.
 */
export function RpsDuel({ shaking, mine, house }: { shaking: boolean; mine: TRpsChoice | null; house: TRpsChoice | null }) {
  const show = !shaking && mine && house;
  return (
    <div
      className={`rps-duel${shaking ? ' shaking' : ''}`}
      data-testid="rps-duel"
      data-state={shaking ? 'shaking' : show ? 'shown' : 'idle'}
    >
      <figure>
        <Hand choice={show ? mine : 'rock'} />
        <figcaption className="small-text muted">You{show ? `: ${mine}` : ''}</figcaption>
      </figure>
      <span className="rps-vs muted" aria-hidden="true">
        vs
      </span>
      <figure>
        <Hand choice={show ? house : 'rock'} flip />
        <figcaption className="small-text muted">House{show ? `: ${house}` : ''}</figcaption>
      </figure>
    </div>
  );
}
