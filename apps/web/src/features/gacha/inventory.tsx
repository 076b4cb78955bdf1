import { ErrorBanner, Loading, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { RARITY_LABEL } from '../../lib/games';
import { RarityArt } from './rarity-art';

const ORDER = ['legendary', 'epic', 'rare', 'common'];

/** Everything the player has pulled, best rarity first; names come from the published catalog. */
export function Inventory({ names }: { names: Record<string, string> }) {
  const trpc = useTRPC();
  const inventory = useQuery(trpc.games.gacha.inventory.queryOptions());
  const items = [...(inventory.data ?? [])].sort((a, b) => ORDER.indexOf(a.rarity) - ORDER.indexOf(b.rarity) || b.quantity - a.quantity);
  return (
    <section className="card stack" data-testid="inventory">
      <h2>Inventory</h2>
      {inventory.isPending && <Loading />}
      <ErrorBanner error={inventory.error} />
      {inventory.isSuccess && items.length === 0 && <p className="muted">Nothing yet: your pulls land here.</p>}
      <ul className="plain inventory">
        {items.map((i) => (
          <li key={i.itemId} className={`rarity-border-${i.rarity}`} data-testid="inventory-item">
            <RarityArt rarity={i.rarity} size={32} />
            <span className={`small-text rarity-${i.rarity}`}>{RARITY_LABEL[i.rarity] ?? i.rarity}</span>
            <strong>{names[i.itemId] ?? i.itemId}</strong>
            <span className="muted small-text">×{i.quantity}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
