import type { RouterOutputs } from '@casino/ui';
import { RARITY_LABEL } from '../../lib/games';

type Pull = RouterOutputs['games']['gacha']['pull'];

const TEASE: Record<string, string> = { near_miss_epic: 'So close to Epic!', near_miss_legendary: 'So close to Legendary!', pity: 'Pity!' };

/**
 * The pulled items, revealed one after another. The animation (near-miss flash, pity burst)
 * is a CSS effect on the card only: the rarity and item written on it are what was awarded.
 */
export function PullResults({ pull }: { pull: Pull }) {
  return (
    <ol className="pulls" data-testid="gacha-results" key={pull.roundId}>
      {pull.items.map((p, i) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: pulls of one round are an ordered list
          key={i}
          className={`pull rarity-border-${p.rarity} anim-${p.animationType}`}
          style={{ animationDelay: `${i * 120}ms` }}
          data-testid="gacha-item"
          data-rarity={p.rarity}
          data-animation={p.animationType}
        >
          <span className={`pull-rarity rarity-${p.rarity}`}>{RARITY_LABEL[p.rarity] ?? p.rarity}</span>
          <strong className="pull-name">{p.item.name}</strong>
          {TEASE[p.animationType] && <span className="pull-tease small-text">{TEASE[p.animationType]}</span>}
        </li>
      ))}
    </ol>
  );
}
