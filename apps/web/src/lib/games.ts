/** Display helpers shared by the game screens: names, multipliers and percentages. */
import { GAMES, type TGame } from '@casino/shared';

export { GAMES };
export type Game = TGame;

export const GAME_LABEL: Record<Game, string> = { slot: 'Slot', gacha: 'Gacha', rps: 'RPS', crash: 'Crash' };

export const formatMultiplier = (m: number) => `${m.toFixed(2)}×`;

/** 0.9612 → "96.12%". */
export const formatPercent = (fraction: number, digits = 2) => `${(fraction * 100).toFixed(digits)}%`;

export const RARITY_LABEL: Record<string, string> = { legendary: 'Legendary', epic: 'Epic', rare: 'Rare', common: 'Common' };

export const formatDuration = (ms: number) => {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m ${s % 60}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
};
