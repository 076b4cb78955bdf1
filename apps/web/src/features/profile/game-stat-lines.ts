/**
 * What each game's totals mean, in that game's words: spins and hit rate for the slot, pulls
 * and Epic+ rounds for the gacha (which pays in items, so no multiplier and no "profit"),
 * wins / draws / losses for rock-paper-scissors, cash-outs and the best one for crash.
 */
import type { RouterOutputs } from '@casino/ui';
import { formatNet, plural } from '../../lib/format';
import { formatMultiplier, formatPercent } from '../../lib/games';

type Stat = RouterOutputs['games']['stats']['mine'][number];
const n = (v: number) => v.toLocaleString('en-US');
const rate = (part: number, whole: number) => (whole > 0 ? ` (${formatPercent(part / whole, 0)})` : '');

export type StatLines = { headline: string; tone: 'plus' | 'minus' | 'muted'; lines: string[] };

export function statLines(s: Stat): StatLines {
  const net = {
    headline: `net ${formatNet(s.totalProfit)} gold`,
    tone: s.totalProfit > 0 ? 'plus' : s.totalProfit < 0 ? 'minus' : 'muted',
  } as const;
  switch (s.game) {
    case 'slot':
      return {
        ...net,
        lines: [
          `${plural(s.totalBets, 'spin')} · ${n(s.totalWins)} paid${rate(s.totalWins, s.totalBets)}`,
          `bet ${n(s.totalWagered)} gold · won ${n(s.totalPayout)} gold${s.totalWins > 0 ? ` · best win ${formatMultiplier(s.highestMultiplier)} the bet` : ''}`,
        ],
      };
    case 'gacha':
      return {
        headline: `spent ${n(s.totalWagered)}`,
        tone: 'muted',
        lines: [
          `${plural(s.totalBets, 'pull')} (of 1 or 10 items) · ${n(s.totalWins)} with Epic or better${rate(s.totalWins, s.totalBets)}`,
          'spent counts gold and gems alike; gacha pays in items',
        ],
      };
    case 'rps': {
      const draws = Math.max(0, s.totalBets - s.totalWins - s.totalLosses);
      return {
        ...net,
        lines: [
          `${plural(s.totalBets, 'round')} · ${n(s.totalWins)} won · ${n(draws)} drawn · ${n(s.totalLosses)} lost`,
          `bet ${n(s.totalWagered)} gold · won ${n(s.totalPayout)} gold`,
        ],
      };
    }
    default:
      return {
        ...net,
        lines: [
          `${plural(s.totalBets, 'round')} · ${n(s.totalWins)} cashed out${rate(s.totalWins, s.totalBets)}`,
          `bet ${n(s.totalWagered)} gold${s.totalWins > 0 ? ` · best cash-out ${formatMultiplier(s.highestMultiplier)}` : ''}`,
        ],
      };
  }
}
