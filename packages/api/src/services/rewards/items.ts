/** Items a reward may grant: the gacha prizes of the configuration plus the special items (streak protection). */
import { GACHA_RARITIES, SPECIAL_ITEMS } from '@casino/shared';
import type { ApiConfig } from '../../config';

export type CatalogItem = { id: string; name: string; rarity: string };

const cache = new WeakMap<ApiConfig['games']['gacha'], Map<string, CatalogItem>>();

export function itemCatalog(config: Pick<ApiConfig, 'games'>): Map<string, CatalogItem> {
  const gacha = config.games.gacha;
  let map = cache.get(gacha);
  if (!map) {
    map = new Map<string, CatalogItem>();
    for (const rarity of GACHA_RARITIES) for (const i of gacha.items[rarity]) map.set(i.id, { id: i.id, name: i.name, rarity });
    for (const [id, i] of Object.entries(SPECIAL_ITEMS)) map.set(id, { id, name: i.name, rarity: i.rarity });
    cache.set(gacha, map);
  }
  return map;
}
