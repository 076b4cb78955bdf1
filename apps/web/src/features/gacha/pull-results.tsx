import type { RouterOutputs } from '@casino/ui';
import { useEffect } from 'react';
import { RARITY_LABEL } from '../../lib/games';
import { play } from '../../lib/sound';
import { CardBack, RarityArt } from './rarity-art';

type Pull = RouterOutputs['games']['gacha']['pull'];

const TEASE: Record<string, string> = { near_miss_epic: 'So close to Epic!', near_miss_legendary: 'So close to Legendary!', pity: 'Pity!' };
/** Cards turn one after another; a teased card glows longer before it turns. */
const STEP_MS = 160;
const TEASE_MS = 700;

/**
 * The pulled items, turned over one after another. Near-miss (SPEC §3) is cosmetic: the back of
 * a Common or Rare card glows in Epic or Legendary colours before it turns, and the front
 * always shows the rarity and item awarded, which screen readers get from the start.
 */
export function PullResults({ pull }: { pull: Pull }) {
  useEffect(() => {
    play(pull.items.some((p) => p.rarity === 'epic' || p.rarity === 'legendary') ? 'rare' : 'reveal');
  }, [pull]);
  let at = 0;
  return (
    <ol className="pulls" data-testid="gacha-results" key={pull.roundId}>
      {pull.items.map((p, i) => {
        const teased = p.animationType !== 'normal';
        const delay = at + (teased ? TEASE_MS : 0);
        at = delay + STEP_MS;
        return (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: pulls of one round are an ordered list
            key={i}
            className={`pull rarity-border-${p.rarity} anim-${p.animationType}`}
            style={{ '--turn-delay': `${delay}ms` } as React.CSSProperties}
            data-testid="gacha-item"
            data-rarity={p.rarity}
            data-animation={p.animationType}
          >
            <div className="pull-back" aria-hidden="true">
              <CardBack />
            </div>
            <div className="pull-front">
              <RarityArt rarity={p.rarity} />
              <span className={`pull-rarity rarity-${p.rarity}`}>{RARITY_LABEL[p.rarity] ?? p.rarity}</span>
              <strong className="pull-name">{p.item.name}</strong>
              {TEASE[p.animationType] && <span className="pull-tease small-text">{TEASE[p.animationType]}</span>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
