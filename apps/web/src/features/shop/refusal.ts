/**
 * Why a catalog product cannot be bought now: a short label for its button and the shared
 * sentence (REASONS in @casino/shared) underneath. The reason comes from the server.
 */
import { reasonText, type TRank } from '@casino/shared';
import { RANK_LABEL } from './format';

type Product = {
  minRank: TRank;
  limited: { perUserLimit: number | null; startsAt: Date | null; endsAt: Date | null } | null;
};

export function refusalLabel(reason: string, p: Product, now = Date.now()): string {
  switch (reason) {
    case 'RANK_REQUIRED':
      return `${RANK_LABEL[p.minRank]} only`;
    case 'OUT_OF_STOCK':
      return 'Sold out';
    case 'USER_LIMIT':
      return p.limited?.perUserLimit ? `Limit reached (${p.limited.perUserLimit} per player)` : 'Limit reached';
    case 'WINDOW_CLOSED':
      return p.limited?.startsAt && p.limited.startsAt.getTime() > now ? 'Coming soon' : 'Sale ended';
    case 'DISABLED':
      return 'Not on sale';
    default:
      return 'Unavailable';
  }
}

export const refusalMessage = (reason: string) => reasonText(reason) ?? 'This is not available right now.';
