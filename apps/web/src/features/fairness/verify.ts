/**
 * Re-derives a recorded round in the browser with the shared verifier and lists what was
 * compared, under the configuration version the round was played with (games.slot.config and
 * games.gacha.config { version } publish each version in full).
 */

import {
  DEFAULT_CRASH_HOUSE_EDGE_PERCENT,
  type TGachaConfig,
  type TSlotConfig,
  type TVerifyInput,
  type TVerifyResult,
  verifyRound,
} from '@casino/shared';
import type { RouterOutputs } from '@casino/ui';

export type RoundRow = RouterOutputs['games']['fairness']['rounds']['items'][number];
type SlotPublic = RouterOutputs['games']['slot']['config'];
type GachaPublic = RouterOutputs['games']['gacha']['config'];
export type Check = { label: string; recorded: string; derived: string; ok: boolean };
export type Verification = { ok: boolean; checks: Check[]; input: TVerifyInput; result: TVerifyResult };

export function slotConfigOf(pub: SlotPublic): TSlotConfig {
  return {
    symbols: pub.symbols.map((s, i) => ({ ...s, weights: pub.weights[i] ?? [0, 0, 0] })),
    paytable: pub.paytable,
    maxWinMultiplier: pub.maxWinMultiplier,
    minBet: pub.minBet,
    maxBet: pub.maxBet,
    streakBonus: pub.streakBonus,
  };
}

/** games.gacha.config publishes the table in full (integer and near-miss weights), so pulls re-derive exactly. */
export function gachaConfigOf(pub: GachaPublic): TGachaConfig {
  return { weights: pub.weights, nearMiss: pub.nearMiss, costs: pub.costs, pity: pub.pity, values: pub.values, items: pub.items };
}

type Outcome = Record<string, unknown>;
const num = (v: unknown, fallback = 0) => (typeof v === 'number' ? v : fallback);

/** The verifier's input for a round, from its record and the revealed server seed. */
export function verifyInputOf(row: RoundRow, serverSeed: string): TVerifyInput {
  const o = (row.outcome ?? {}) as Outcome;
  const seeds = { serverSeed, clientSeed: row.clientSeed, nonce: row.nonce, configVersion: row.configVersion };
  switch (row.game) {
    case 'slot':
      // Rounds recorded before the streak kept its smallest stake have none: the bonus was on the bet.
      return { game: 'slot', ...seeds, bet: row.bet, streak: num(o.streakBefore), streakStake: num(o.streakStakeBefore) || undefined };
    case 'gacha':
      return { game: 'gacha', ...seeds, count: o.count === 10 ? 10 : 1, pityCounter: num(o.pityBefore) };
    case 'rps':
      return { game: 'rps', ...seeds, bet: row.bet, choice: o.choice as 'rock', houseEdgePercent: num(o.houseEdgePercent) };
    default:
      return { game: 'crash', ...seeds, houseEdgePercent: num(o.houseEdgePercent, DEFAULT_CRASH_HOUSE_EDGE_PERCENT) };
  }
}

/** JSON with object keys sorted: jsonb does not keep the key order the server wrote. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

const check = (label: string, recorded: unknown, derived: unknown): Check => {
  const r = stableJson(recorded);
  const d = stableJson(derived);
  return { label, recorded: r, derived: d, ok: r === d };
};

/** What the record says against what the seeds give. */
export function compareRound(row: RoundRow, result: TVerifyResult): Check[] {
  const o = (row.outcome ?? {}) as Outcome;
  const checks = [check('Server seed hash', row.serverSeedHash, result.serverSeedHash)];
  if (result.game === 'slot') {
    checks.push(check('Reels', o.reels, result.outcome.reels), check('Payout', row.payout, result.outcome.payout));
  } else if (result.game === 'gacha') {
    checks.push(check('Pulls', o.items, result.outcome.pulls));
  } else if (result.game === 'rps') {
    checks.push(check('House choice', o.serverChoice, result.outcome.serverChoice), check('Payout', row.payout, result.outcome.payout));
  } else {
    checks.push(check('Crash point', o.crashPoint, result.outcome.crashPoint));
  }
  return checks;
}

export function verifyLocally(row: RoundRow, configs: { slot?: TSlotConfig; gacha?: TGachaConfig }): Verification {
  if (!row.serverSeed) throw new Error('The server seed of this round is still secret.');
  const input = verifyInputOf(row, row.serverSeed);
  const result = verifyRound(input, configs);
  const checks = compareRound(row, result);
  return { ok: checks.every((c) => c.ok), checks, input, result };
}
