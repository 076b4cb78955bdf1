/**
 * Rounds re-derive under their own configuration version: a slot round played under version 1
 * still verifies after a new paytable is published (and would not under the new one), and a
 * crash round that spans a publish keeps the edge and cap it was bet under.
 */
import { DEFAULT_GAME_CONFIG, type TGameConfig } from '@casino/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';

let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

/** Every paying multiplier 2% higher (RTP ≈ 97.9%, inside the band): any win pays differently. */
function richerPaytable(c: TGameConfig): TGameConfig {
  const bump = (t: Record<string, number>) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v * 102) / 100]));
  return { ...c, slot: { ...c.slot, paytable: { triple: bump(c.slot.paytable.triple), pair: bump(c.slot.paytable.pair) } } };
}

type Row = Awaited<ReturnType<ReturnType<typeof callerFor>['games']['fairness']['rounds']>>['items'][number];
const slotInput = (r: Row, serverSeed: string, configVersion: number) => {
  const o = r.outcome as { streakBefore: number; streakStakeBefore: number };
  return {
    game: 'slot' as const,
    serverSeed,
    clientSeed: r.clientSeed,
    nonce: r.nonce,
    bet: r.bet,
    streak: o.streakBefore,
    streakStake: o.streakStakeBefore || undefined,
    configVersion,
  };
};

describe('fairness under old configuration versions', () => {
  it('slot rounds verify under the version they were played with, before and after a new paytable', async () => {
    const p = await newPlayer(env.deps);
    await admin.caller.admin.users.adjustBalance({ userId: p.user.id, currency: 'gold', delta: 10_000, reason: 'budget' });
    // 20 spins at a 40% hit rate: at least one win under version 1 (P(none) ≈ 4·10⁻⁵).
    for (let i = 0; i < 20; i++) await p.caller.games.slot.spin({ bet: 100 });
    const base = await admin.caller.admin.games.active();
    const published = await admin.caller.admin.games.publish({
      baseVersion: base.version,
      draft: richerPaytable(base.config),
      reason: 'richer paytable',
    });
    for (let i = 0; i < 20; i++) await p.caller.games.slot.spin({ bet: 100 });
    const { revealed } = await p.caller.games.fairness.rotate();
    const rounds = (await p.caller.games.fairness.rounds({ game: 'slot', limit: 100 })).items;
    expect(rounds.filter((r) => r.configVersion === base.version)).toHaveLength(20);
    expect(rounds.filter((r) => r.configVersion === published.version)).toHaveLength(20);
    const anon = callerFor(env.deps);
    for (const r of rounds) {
      const res = await anon.games.fairness.verify(slotInput(r, revealed.serverSeed, r.configVersion));
      if (res.game !== 'slot') throw new Error('slot expected');
      expect({ reels: res.outcome.reels, payout: res.outcome.payout }).toEqual({
        reels: (r.outcome as { reels: unknown }).reels,
        payout: r.payout,
      });
    }
    // The version matters: an old win re-derived under the new paytable pays differently.
    const oldWin = rounds.find((r) => r.configVersion === base.version && r.payout > 0);
    expect(oldWin).toBeDefined();
    if (!oldWin) return;
    const under = await anon.games.fairness.verify(slotInput(oldWin, revealed.serverSeed, published.version));
    expect(under.game === 'slot' && under.outcome.payout).not.toBe(oldWin.payout);
    // The public config of the old version is the machine the browser re-derives with.
    expect((await anon.games.slot.config({ version: base.version })).paytable).toEqual(base.config.slot.paytable);
    expect(await reasonOf(anon.games.slot.config({ version: 9999 }))).toBe('NOT_FOUND:game_config_version_not_found');
    // Back to the defaults for the next test.
    await admin.caller.admin.games.rollback({ version: 1, reason: 'restore' });
  });

  it('a crash round that spans a publish keeps its version, edge and cap', async () => {
    const p = await newPlayer(env.deps);
    const before = await admin.caller.admin.games.active();
    const bet = await p.caller.games.crash.bet({ bet: 10 });
    expect(bet.configVersion).toBe(before.version);
    const draft = { ...before.config, crash: { ...before.config.crash, houseEdgePercent: 3, maxWinMultiplier: 50 } };
    const published = await admin.caller.admin.games.publish({ baseVersion: before.version, draft, reason: 'crash edge 3%' });
    await p.caller.games.crash.cashout({}).catch(() => null); // cashed at ~1× or already busted: either settles it
    expect((await p.caller.games.crash.config()).houseEdgePercent).toBe(3);
    const { revealed } = await p.caller.games.fairness.rotate();
    const [round] = (await p.caller.games.fairness.rounds({ game: 'crash', limit: 1 })).items;
    if (!round) throw new Error('the crash round was not recorded');
    const o = round.outcome as { crashPoint: number; houseEdgePercent: number };
    expect(round.configVersion).toBe(before.version);
    expect(o.houseEdgePercent).toBe(DEFAULT_GAME_CONFIG.crash.houseEdgePercent);
    const seeds = { serverSeed: revealed.serverSeed, clientSeed: round.clientSeed, nonce: round.nonce };
    const own = await callerFor(env.deps).games.fairness.verify({ game: 'crash', ...seeds, configVersion: round.configVersion });
    expect(own.game === 'crash' && own.outcome.crashPoint).toBe(o.crashPoint);
    // The new version's higher edge gives a lower crash point from the same seeds (both are 1× at the floor).
    const newer = await callerFor(env.deps).games.fairness.verify({ game: 'crash', ...seeds, configVersion: published.version });
    const newerPoint = newer.game === 'crash' ? newer.outcome.crashPoint : Number.NaN;
    if (o.crashPoint > 1) expect(newerPoint).toBeLessThan(o.crashPoint);
    else expect(newerPoint).toBe(1);
  });
});

const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: { code?: string; cause?: { reason?: string } }) => `${e.code}:${e.cause?.reason ?? ''}`,
  );
