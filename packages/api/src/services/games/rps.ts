/** Rock-paper-scissors: the server's choice is the round's only fair draw. */
import { hmacStream, playRps, rpsRtp, type TRpsChoice } from '@casino/shared';
import type { Deps } from '../../deps';
import { activeGameConfig, gameConfigAt } from '../game-config/cache';
import { fairnessRef } from './fairness';
import { checkBet, playRound } from './play';

export async function playRpsRound(deps: Deps, userId: number, bet: number, choice: TRpsChoice) {
  const { version, config } = await activeGameConfig(deps);
  const cfg = config.rps;
  checkBet(cfg, bet);
  const round = await playRound(deps, {
    userId,
    game: 'rps',
    configVersion: version,
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
    configVersion: version,
  };
}

export async function rpsPublicConfig(deps: Deps, at?: number) {
  const active = at === undefined ? await activeGameConfig(deps) : { version: at, config: await gameConfigAt(deps, at) };
  const cfg = active.config.rps;
  return {
    version: active.version,
    minBet: cfg.minBet,
    maxBet: cfg.maxBet,
    houseEdgePercent: cfg.houseEdgePercent,
    rtp: rpsRtp(cfg.houseEdgePercent),
  };
}
