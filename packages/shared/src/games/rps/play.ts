import { z } from 'zod';
import type { Rng } from '../../fairness/rng';

export const RPS_CHOICES = ['rock', 'paper', 'scissors'] as const;
export type TRpsChoice = (typeof RPS_CHOICES)[number];
export const ZRpsChoice = z.enum(RPS_CHOICES);
export type TRpsResult = 'win' | 'draw' | 'lose';

/** 6% makes the game's RTP (3 − 2·edge) / 3 = 96%, the same target as the slot. */
export const DEFAULT_RPS_HOUSE_EDGE_PERCENT = 6;

const BEATS: Record<TRpsChoice, TRpsChoice> = { rock: 'scissors', paper: 'rock', scissors: 'paper' };

export interface TRpsRound {
  serverChoice: TRpsChoice;
  result: TRpsResult;
  payout: number;
}

export function rpsResult(choice: TRpsChoice, serverChoice: TRpsChoice): TRpsResult {
  if (choice === serverChoice) return 'draw';
  return BEATS[choice] === serverChoice ? 'win' : 'lose';
}

/** win: floor(2 × bet × (1 − edge)), the edge resolved to 0.01% and computed in exact integers; draw: bet; lose: 0. */
export function rpsPayout(bet: number, result: TRpsResult, houseEdgePercent: number): number {
  if (result === 'lose') return 0;
  if (result === 'draw') return bet;
  const raw = 2 * bet * (10_000 - Math.round(houseEdgePercent * 100));
  return (raw - (raw % 10_000)) / 10_000;
}

/** Expected return per unit bet: the server's choice is uniform, so each result has probability 1/3. */
export function rpsRtp(houseEdgePercent: number): number {
  return (2 * (1 - houseEdgePercent / 100) + 1) / 3;
}

/** The server's choice is RPS_CHOICES[nextInt(3)]: the round's only draw. */
export function playRps(rng: Rng, input: { bet: number; choice: TRpsChoice; houseEdgePercent?: number }): TRpsRound {
  const { bet, choice, houseEdgePercent = DEFAULT_RPS_HOUSE_EDGE_PERCENT } = input;
  if (!Number.isSafeInteger(bet) || bet < 1) throw new RangeError(`bet must be a positive integer, got ${bet}`);
  if (!(houseEdgePercent >= 0 && houseEdgePercent < 100))
    throw new RangeError(`houseEdgePercent must be in [0, 100), got ${houseEdgePercent}`);
  const serverChoice = RPS_CHOICES[rng.nextInt(3)] ?? 'rock';
  const result = rpsResult(choice, serverChoice);
  return { serverChoice, result, payout: rpsPayout(bet, result, houseEdgePercent) };
}
