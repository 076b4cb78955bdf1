/** Battle-pass level rewards as text lines (gold / gems / exp per track); items already stored are kept as they are. */
import type { TBattlepassLevel, TLevelReward } from '@casino/shared';
import { parseWhole } from '../shop/format';

type Track = { gold: string; gems: string; exp: string; items: TLevelReward['items'] };
export type LevelLine = { level: string; free: Track; premium: Track };
type StoredReward = {
  gold?: number | undefined;
  gems?: number | undefined;
  exp?: number | undefined;
  items?: TLevelReward['items'];
} | null;

const trackOf = (r: StoredReward): Track => ({
  gold: r?.gold ? String(r.gold) : '',
  gems: r?.gems ? String(r.gems) : '',
  exp: r?.exp ? String(r.exp) : '',
  items: r?.items,
});
export const emptyLine = (level: number): LevelLine => ({ level: String(level), free: trackOf(null), premium: trackOf(null) });
export const linesOf = (levels: { level: number; free: StoredReward; premium: StoredReward }[]): LevelLine[] =>
  levels.map((l) => ({ level: String(l.level), free: trackOf(l.free), premium: trackOf(l.premium) }));

function rewardOf(t: Track): TLevelReward | null | undefined {
  const out: { gold?: number; gems?: number; exp?: number; items?: TLevelReward['items'] } = {};
  for (const k of ['gold', 'gems', 'exp'] as const) {
    const n = parseWhole(t[k], 0, 100_000_000);
    if (n === undefined) return undefined;
    if (n) out[k] = n;
  }
  if (t.items?.length) out.items = t.items;
  return Object.keys(out).length ? (out as TLevelReward) : null;
}

/** The season's `levels` input, or the first problem. */
export function parseLevels(lines: LevelLine[], maxLevel: number): { value: TBattlepassLevel[] | null; error?: string } {
  const seen = new Set<number>();
  const out: TBattlepassLevel[] = [];
  for (const l of lines) {
    const level = parseWhole(l.level, 1, maxLevel);
    if (typeof level !== 'number') return { value: null, error: `Levels are whole numbers from 1 to ${maxLevel}.` };
    if (seen.has(level)) return { value: null, error: `Level ${level} appears twice.` };
    seen.add(level);
    const free = rewardOf(l.free);
    const premium = rewardOf(l.premium);
    if (free === undefined || premium === undefined) return { value: null, error: `Level ${level}: amounts are whole numbers from 0.` };
    if (!free && !premium) return { value: null, error: `Level ${level} gives nothing on either track.` };
    out.push({ level, free, premium });
  }
  return { value: out.sort((a, b) => a.level - b.level) };
}
