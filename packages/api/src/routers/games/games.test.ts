import { fairnessSeeds, gachaPity } from '@casino/db';
import { hmacStream, spinSlot, type TVerifyInput, verifyRound, ZVerifyInput } from '@casino/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeGameConfig } from '../../services/game-config/cache';
import { crashPublicConfig } from '../../services/games/crash';
import { verifyWithConfig } from '../../services/games/fairness';
import { gachaPublicConfig } from '../../services/games/gacha';
import { rpsPublicConfig } from '../../services/games/rps';
import { slotPublicConfig } from '../../services/games/slot';
import { installGameConfig } from '../../test/game-config';
import { callerFor, createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv({ maxConnections: 30 });
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e) => `${e.code}:${e.cause?.reason ?? ''}`,
  );

describe('slot', () => {
  it('publishes its configuration with the exact RTP', async () => {
    const cfg = await callerFor(env.deps).games.slot.config();
    expect(cfg.rtp).toBeCloseTo(0.96, 3);
    expect(cfg.minBet).toBe(10);
    expect(cfg.symbols.length).toBe(cfg.weights.length);
  });

  it('spins: debits the bet, credits the payout through the ledger, and the outcome re-derives from the seeds', async () => {
    const p = await newPlayer(env.deps);
    const spin = await p.caller.games.slot.spin({ bet: 100 });
    // A win may also unlock achievements, whose rewards are their own ledger entries.
    const history = await p.caller.economy.wallet.history({ limit: 10 });
    const rewards = history.items.filter((i) => i.reason === 'achievement_reward').reduce((n, i) => n + i.delta, 0);
    expect(spin.balance).toBe(1000 - 100 + spin.payout + rewards);
    expect((await p.caller.economy.wallet.balance()).gold).toBe(spin.balance);
    expect(history.items.find((i) => i.reason === 'slot_bet')?.delta).toBe(-100);
    expect(history.items.find((i) => i.reason === 'slot_win')?.delta).toBe(spin.payout > 0 ? spin.payout : undefined);
    const { revealed } = await p.caller.games.fairness.rotate();
    expect(revealed.serverSeedHash).toBe(spin.fairness.serverSeedHash);
    const again = spinSlot(env.deps.config.games.slot, hmacStream(revealed.serverSeed, spin.fairness.clientSeed, spin.fairness.nonce), {
      bet: 100,
      streak: 0,
    });
    expect(again.reels).toEqual(spin.reels);
    expect(again.payout).toBe(spin.payout);
  });

  it('rejects bets outside the limits, non-integers and unaffordable bets without changing anything', async () => {
    const p = await newPlayer(env.deps);
    expect(await reasonOf(p.caller.games.slot.spin({ bet: 5 }))).toBe('BAD_REQUEST:bet_out_of_range');
    expect(await reasonOf(p.caller.games.slot.spin({ bet: 10_001 }))).toBe('BAD_REQUEST:bet_out_of_range');
    expect(await reasonOf(p.caller.games.slot.spin({ bet: 10.5 }))).toBe('BAD_REQUEST:');
    await admin.caller.admin.users.adjustBalance({ userId: p.user.id, currency: 'gold', delta: -995, reason: 'drain for test' });
    expect(await reasonOf(p.caller.games.slot.spin({ bet: 10 }))).toBe('BAD_REQUEST:insufficient_funds');
    expect((await p.caller.economy.wallet.balance()).gold).toBe(5);
    expect((await p.caller.games.fairness.current()).nextNonce).toBe(0);
    expect(await p.caller.games.stats.mine()).toEqual([]);
  });

  it('commits a new account to its first seed pair at signup: the first round plays under that hash', async () => {
    const p = await newPlayer(env.deps);
    const pairs = await env.deps.db.select().from(fairnessSeeds).where(eq(fairnessSeeds.userId, p.user.id));
    expect(pairs.map((s) => ({ revealed: s.revealedAt !== null, nextNonce: s.nextNonce }))).toEqual([{ revealed: false, nextNonce: 0 }]);
    const spin = await p.caller.games.slot.spin({ bet: 10 });
    expect(spin.fairness).toMatchObject({ serverSeedHash: pairs[0]?.serverSeedHash, nonce: 0 });
  });

  it('keeps the books exact under 40 concurrent spins of one player', async () => {
    const p = await newPlayer(env.deps);
    const results = await Promise.allSettled(Array.from({ length: 40 }, () => p.caller.games.slot.spin({ bet: 50 })));
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok.length).toBeGreaterThan(0);
    const nonces = ok.map((r) => (r as PromiseFulfilledResult<{ fairness: { nonce: number } }>).value.fairness.nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    const [stats] = await p.caller.games.stats.mine();
    expect(stats?.totalBets).toBe(ok.length);
    expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
  });
});

describe('rock-paper-scissors', () => {
  it('pays 2× minus the edge on a win, returns the bet on a draw, keeps it on a loss', async () => {
    const p = await newPlayer(env.deps);
    const seen = new Set<string>();
    for (let i = 0; i < 15; i++) {
      const before = (await p.caller.economy.wallet.balance()).gold;
      const r = await p.caller.games.rps.play({ bet: 20, choice: 'rock' });
      seen.add(r.result);
      const expected = r.result === 'win' ? Math.floor(2 * 20 * 0.94) : r.result === 'draw' ? 20 : 0;
      expect(r.payout).toBe(expected);
      // The first win also unlocks the first_win achievement (+100 gold).
      const bonus = r.result === 'win' && !seen.has('counted-win') ? 100 : 0;
      if (r.result === 'win') seen.add('counted-win');
      expect(r.balance).toBe(before - 20 + r.payout + bonus);
      expect((await p.caller.economy.wallet.balance()).gold).toBe(r.balance);
    }
    expect(seen.size).toBeGreaterThan(1);
    const achievements = await p.caller.games.achievements();
    expect(achievements.find((a) => a.code === 'first_win')?.unlocked).toBe(seen.has('win'));
    expect(achievements.find((a) => a.code === 'rounds_100')?.progress).toEqual({ current: 15, target: 100, done: false });
  });
});

describe('gacha', () => {
  it('publishes the odds and pulls 1 or 10 for gold or gems into the inventory', async () => {
    const cfg = await callerFor(env.deps).games.gacha.config();
    expect(cfg.rarities.map((r) => r.rarity)).toEqual(['legendary', 'epic', 'rare', 'common']);
    expect(cfg.costs).toEqual({ single: 50, ten: 450 });
    const p = await newPlayer(env.deps);
    const ten = await p.caller.games.gacha.pull({ count: 10, currency: 'gold' });
    expect(ten.items).toHaveLength(10);
    // 1,000 − 450, plus 100 when the pull unlocked first_win (an Epic or better counts as a win)
    // and 1,000 more when it unlocked gacha_legendary.
    const won = ten.items.some((i) => i.rarity === 'epic' || i.rarity === 'legendary');
    const legendary = ten.items.some((i) => i.rarity === 'legendary');
    expect(ten.balance).toBe(550 + (won ? 100 : 0) + (legendary ? 1000 : 0));
    expect((await p.caller.economy.wallet.balance()).gold).toBe(ten.balance);
    const inv = await p.caller.games.gacha.inventory();
    expect(inv.reduce((n, i) => n + i.quantity, 0)).toBe(10);
    expect(await reasonOf(p.caller.games.gacha.pull({ count: 1, currency: 'gems' }))).toBe('BAD_REQUEST:insufficient_funds');
    await admin.caller.admin.users.adjustBalance({ userId: p.user.id, currency: 'gems', delta: 50, reason: 'gems for gacha' });
    expect((await p.caller.games.gacha.pull({ count: 1, currency: 'gems' })).balance).toBe(0);
    const history = await p.caller.games.gacha.history({ limit: 10 });
    expect(history.items).toHaveLength(2);
    // Page by page through the opaque cursor: each round once.
    const first = await p.caller.games.gacha.history({ limit: 1 });
    const second = await p.caller.games.gacha.history({ limit: 1, cursor: first.nextCursor ?? undefined });
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(history.items.map((i) => i.id));
    expect(second.nextCursor).toBeNull();
  });

  it('states one guarantee everywhere: 91 pulls from a fresh counter (pity fires on the pull after 90 misses), then counting down', async () => {
    const p = await newPlayer(env.deps);
    const fresh = await p.caller.games.gacha.pity();
    expect(fresh).toEqual({ pityCounter: 0, threshold: 90, guaranteedWithin: 91 });
    const pulled = await p.caller.games.gacha.pull({ count: 10, currency: 'gold' });
    const after = await p.caller.games.gacha.pity();
    expect(after.pityCounter).toBe(pulled.pityCounter);
    expect(after.guaranteedWithin).toBe(pulled.guaranteedWithin);
    expect(after.guaranteedWithin).toBe(91 - after.pityCounter);
    // At the threshold the very next pull is the guaranteed one.
    await env.deps.db.update(gachaPity).set({ counter: 90 }).where(eq(gachaPity.userId, p.user.id));
    expect(await p.caller.games.gacha.pity()).toMatchObject({ pityCounter: 90, guaranteedWithin: 1 });
    const pity = await p.caller.games.gacha.pull({ count: 1, currency: 'gold' });
    expect(pity.items[0]?.animationType).toBe('pity');
    expect(pity.guaranteedWithin).toBe(91);
  });

  it('reaches pity exactly at 90 under 20 concurrent pulls, every pull re-deriving from the seeds', async () => {
    const p = await newPlayer(env.deps);
    await admin.caller.admin.users.adjustBalance({ userId: p.user.id, currency: 'gold', delta: 100_000, reason: 'gacha budget' });
    // Force a long dry spell: the table without Epic/Legendary, so only pity can award them.
    const active = await activeGameConfig(env.deps);
    const dryGacha = { ...active.config.gacha, weights: { legendary: 0, epic: 1, rare: 2000, common: 8000 } };
    const dryVersion = await installGameConfig(env.deps, { ...active.config, gacha: dryGacha });
    const caller = callerFor(env.deps, p.accessToken);
    const pulls = await Promise.all(Array.from({ length: 20 }, () => caller.games.gacha.pull({ count: 10, currency: 'gold' })));
    expect(pulls.every((r) => r.items.length === 10)).toBe(true);
    const rounds = (await p.caller.games.fairness.rounds({ game: 'gacha', limit: 100 })).items.reverse();
    const all = rounds.flatMap((r) => (r.outcome as { items: { rarity: string; animationType: string; pityCounter: number }[] }).items);
    expect(all).toHaveLength(200);
    // With Epic weight 1 in 10,001 a natural Epic is possible but rare; count pity pulls exactly.
    let misses = 0;
    for (const pull of all) {
      if (misses === 90) expect(pull.animationType).toBe('pity');
      if (pull.animationType === 'pity') expect(misses).toBe(90);
      misses = pull.rarity === 'epic' || pull.rarity === 'legendary' ? 0 : misses + 1;
    }
    expect(all.filter((x) => x.animationType === 'pity').length).toBeGreaterThanOrEqual(2);
    const { revealed } = await p.caller.games.fairness.rotate();
    for (const r of rounds) {
      const o = r.outcome as { count: 1 | 10; pityBefore: number; items: unknown[] };
      const v = verifyRound(
        {
          game: 'gacha',
          serverSeed: revealed.serverSeed,
          clientSeed: r.clientSeed,
          nonce: r.nonce,
          count: o.count,
          pityCounter: o.pityBefore,
        },
        { gacha: dryGacha },
      );
      expect(v.outcome).toEqual({ pulls: o.items });
      expect(r.configVersion).toBe(dryVersion);
    }
    // Back to the table in force before, for the tests after this one.
    await installGameConfig(env.deps, active.config);
    expect((await p.caller.games.gacha.pity()).pityCounter).toBe(all.at(-1)?.pityCounter);
  });
});

describe('output schemas', () => {
  // An output schema strips what it does not name: each answer must equal what its service returns.
  it('every config procedure answers its service result whole', async () => {
    const anon = callerFor(env.deps);
    expect(await anon.games.slot.config()).toEqual(await slotPublicConfig(env.deps));
    expect(await anon.games.gacha.config()).toEqual(await gachaPublicConfig(env.deps));
    expect(await anon.games.rps.config()).toEqual(await rpsPublicConfig(env.deps));
    const crash = await anon.games.crash.config();
    expect(crash).toEqual(await crashPublicConfig(env.deps));
    expect(crash).not.toHaveProperty('tickMs');
    const all = await admin.caller.admin.games.config();
    expect(all).toEqual({
      slot: await slotPublicConfig(env.deps),
      gacha: await gachaPublicConfig(env.deps),
      rps: await rpsPublicConfig(env.deps),
      crash: { ...(await crashPublicConfig(env.deps)), tickMs: env.deps.config.games.crash.tickMs },
      bigWinThresholdGold: env.deps.config.games.bigWinThresholdGold,
    });
  });

  it('fairness.verify answers the whole derivation of every game, typed by game', async () => {
    const seeds = { serverSeed: 'revealed-seed', clientSeed: 'client-seed', nonce: 7 };
    const inputs: TVerifyInput[] = [
      { game: 'slot', ...seeds, bet: 100, streak: 2, streakStake: 50 },
      { game: 'gacha', ...seeds, count: 10, pityCounter: 85 },
      { game: 'rps', ...seeds, bet: 100, choice: 'scissors' },
      { game: 'crash', ...seeds },
    ];
    const anon = callerFor(env.deps);
    for (const input of inputs) {
      const answer = await anon.games.fairness.verify(input);
      expect(answer, input.game).toEqual(await verifyWithConfig(env.deps, ZVerifyInput.parse(input)));
      expect(answer.game).toBe(input.game);
    }
    const slot = await anon.games.fairness.verify({ game: 'slot', ...seeds, bet: 100 });
    // Typed by game: the slot branch has reels without a cast.
    if (slot.game === 'slot') expect(slot.outcome.reels).toHaveLength(3);
    else expect.unreachable('slot verify answered another game');
  });
});
