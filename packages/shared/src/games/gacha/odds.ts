import { GACHA_RARITIES, type TGachaConfig, type TGachaRarity } from './config';

export type TRarityTable = Record<TGachaRarity, number>;

/** Per-pull probabilities of the table itself (what a non-pity pull draws from). */
export function gachaBaseRates(config: TGachaConfig): TRarityTable {
  const w = config.weights;
  const total = w.legendary + w.epic + w.rare + w.common;
  return { legendary: w.legendary / total, epic: w.epic / total, rare: w.rare / total, common: w.common / total };
}

/** Rarity probabilities of a pity pull. */
function pityRates(config: TGachaConfig): Pick<TRarityTable, 'legendary' | 'epic'> {
  const { legendary, epic } = config.weights;
  return { legendary: legendary / (legendary + epic), epic: epic / (legendary + epic) };
}

/**
 * Exact expected count of each rarity over `pulls` consecutive pulls starting at `startPity`,
 * by dynamic programming over the pity counter's distribution (states 0..threshold).
 */
export function gachaExpectedCounts(config: TGachaConfig, pulls: number, startPity = 0): TRarityTable & { pity: number } {
  const base = gachaBaseRates(config);
  const forced = pityRates(config);
  const hit = base.legendary + base.epic;
  const t = config.pity.threshold;
  let dist = new Float64Array(t + 1);
  let next = new Float64Array(t + 1);
  dist[Math.min(startPity, t)] = 1;
  const out = { legendary: 0, epic: 0, rare: 0, common: 0, pity: 0 };
  for (let n = 0; n < pulls; n++) {
    next.fill(0);
    let normal = 0;
    for (let c = 0; c < t; c++) {
      const p = dist[c] ?? 0;
      normal += p;
      next[0] = (next[0] ?? 0) + p * hit;
      next[c + 1] = p * (1 - hit);
    }
    for (const r of GACHA_RARITIES) out[r] += normal * base[r];
    const atPity = dist[t] ?? 0;
    out.pity += atPity;
    out.legendary += atPity * forced.legendary;
    out.epic += atPity * forced.epic;
    next[0] = (next[0] ?? 0) + atPity;
    [dist, next] = [next, dist];
  }
  return out;
}

/**
 * Long-run per-pull rarity rates with pity (odds disclosure). A cycle ends at each Epic-or-better;
 * with q = P(no Epic+ on a normal pull) and threshold T, a cycle has S = Σ_{j<T} q^j normal pulls
 * and q^T pity pulls in expectation, so rate(r) = (S·p_r + q^T·pity_r) / (S + q^T).
 */
export function gachaEffectiveRates(config: TGachaConfig): TRarityTable {
  const base = gachaBaseRates(config);
  const forced = pityRates(config);
  const q = base.rare + base.common;
  const t = config.pity.threshold;
  const s = q === 1 ? t : (1 - q ** t) / (1 - q);
  const f = q ** t;
  const len = s + f;
  return {
    legendary: (s * base.legendary + f * forced.legendary) / len,
    epic: (s * base.epic + f * forced.epic) / len,
    rare: (s * base.rare) / len,
    common: (s * base.common) / len,
  };
}

/** The odds disclosure published by games.gacha.config. */
export function gachaOdds(config: TGachaConfig) {
  const base = gachaBaseRates(config);
  const effective = gachaEffectiveRates(config);
  return GACHA_RARITIES.map((rarity) => ({ rarity, probability: base[rarity], effectiveProbability: effective[rarity] }));
}
