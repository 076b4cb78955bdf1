/** Rock-paper-scissors: the server's choice is the round's only fair draw. */
import { hmacStream, playRps, rpsRtp, type TRpsChoice } from '@casino/shared';
import type { Deps } from '../../deps';
import { fairnessRef } from './fairness';
import { checkBet, playRound } from './play';

export async function playRpsRound(deps: Deps, userId: number, bet: number, choice: TRpsChoice) {
  const cfg = deps.config.games.rps;
  checkBet(cfg, bet);
  const round = await playRound(deps, {
    userId,
    game: 'rps',
    currency: 'gold',
    cost: bet,
    decide: async (seed) => {
      const r = playRps(hmacStream(seed.serverSeed, seed.clientSeed, seed.nonce), { bet, choice, houseEdgePercent: cfg.houseEdgePercent });
      return {
        payout: r.payout,
        result: r.result === 'lose' ? 'loss' : r.result,
        outcome: { ...r, choice, bet, houseEdgePercent: cfg.houseEdgePercent },
      };
    },
  });
  const o = round.outcome;
  return {
    roundId: round.roundId,
    choice,
    serverChoice: o.serverChoice,
    result: o.result,
    payout: o.payout,
    balance: round.balance,
    fairness: fairnessRef(round.seed),
  };
}

export function rpsPublicConfig(deps: Pick<Deps, 'config'>) {
  const cfg = deps.config.games.rps;
  return { minBet: cfg.minBet, maxBet: cfg.maxBet, houseEdgePercent: cfg.houseEdgePercent, rtp: rpsRtp(cfg.houseEdgePercent) };
}
