/**
 * Items a reward may grant: the gacha prizes of a game configuration plus the special items
 * (streak protection). Admin grants read the configuration in force (activeGameConfig), so the
 * items of a published version are grantable at once; other grants fall back to the static one.
 */
import { GACHA_RARITIES, SPECIAL_ITEMS, type TGachaConfig } from '@casino/shared';
import type { Deps } from '../../deps';
import { activeGameConfig } from '../game-config/cache';

export type CatalogItem = { id: string; name: string; rarity: string };
export type ItemCatalog = ReadonlyMap<string, CatalogItem>;

/** Published versions never change, so one map per gacha configuration object is enough. */
const cache = new WeakMap<TGachaConfig, Map<string, CatalogItem>>();

export function itemCatalog(config: { games: { gacha: TGachaConfig } }): ItemCatalog {
  return catalogOf(config.games.gacha);
}

export function catalogOf(gacha: TGachaConfig): ItemCatalog {
  let map = cache.get(gacha);
  if (!map) {
    map = new Map<string, CatalogItem>();
    for (const rarity of GACHA_RARITIES) for (const i of gacha.items[rarity]) map.set(i.id, { id: i.id, name: i.name, rarity });
    for (const [id, i] of Object.entries(SPECIAL_ITEMS)) map.set(id, { id, name: i.name, rarity: i.rarity });
    cache.set(gacha, map);
  }
  return map;
}

/** The items grantable now: the gacha prizes of the game configuration in force. */
export async function activeItemCatalog(deps: Pick<Deps, 'db' | 'kv' | 'clock' | 'logger' | 'config'>): Promise<ItemCatalog> {
  return catalogOf((await activeGameConfig(deps)).config.gacha);
}
