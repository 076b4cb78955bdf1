/** admin.games.recalculateStats under live play, its repairs (issue 6 #18), and its audit row in the same transaction (issue 7 #2). */
import { adminAuditLog, gameRounds, userGameStats } from '@casino/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { reconcile } from '../wallet/queries';
import { recalculateStats, recalculateStatsAudited } from './recalculate';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ maxConnections: 40 });
});
afterAll(() => env.close());

type Player = Awaited<ReturnType<typeof newPlayer>>;
const key = (r: { userId: number; game: string }) => `${r.userId}:${r.game}`;

/** The stats the round records imply, aggregated here (not by the SQL under test). */
async function statsFromRounds(userIds: number[]) {
  const rounds = await env.deps.db.select().from(gameRounds).where(inArray(gameRounds.userId, userIds));
  const out = new Map<string, Record<string, number | string>>();
  for (const r of rounds) {
    const s = out.get(key(r)) ?? {
      userId: r.userId,
      game: r.game,
      totalBets: 0,
      totalWagered: 0,
      totalWins: 0,
      totalLosses: 0,
      totalPayout: 0,
      totalProfit: 0,
      highestMultiplier: 0,
    };
    s.totalBets = Number(s.totalBets) + 1;
    s.totalWagered = Number(s.totalWagered) + r.bet;
    s.totalWins = Number(s.totalWins) + (r.result === 'win' ? 1 : 0);
    s.totalLosses = Number(s.totalLosses) + (r.result === 'loss' ? 1 : 0);
    s.totalPayout = Number(s.totalPayout) + r.payout;
    s.totalProfit = Number(s.totalProfit) + r.payout - r.bet;
    s.highestMultiplier = Math.max(Number(s.highestMultiplier), r.multiplier);
    out.set(key(r), s);
  }
  return [...out.values()].sort((a, b) => String(key(a as never)).localeCompare(key(b as never)));
}

async function storedStats(userIds: number[]) {
  const rows = await env.deps.db.select().from(userGameStats).where(inArray(userGameStats.userId, userIds));
  return rows.map(({ updatedAt: _, ...r }) => r).sort((a, b) => key(a).localeCompare(key(b)));
}

/** A player's first rounds of every game, in a random order (crash settles by an immediate cash-out or its bust). */
async function firstRounds(p: Player) {
  const plays = [
    () => p.caller.games.slot.spin({ bet: 10 }),
    () => p.caller.games.rps.play({ bet: 10, choice: 'rock' }),
    () => p.caller.games.gacha.pull({ count: 1, currency: 'gold' }),
    () => p.caller.games.slot.spin({ bet: 20 }),
    async () => {
      const { gameId } = await p.caller.games.crash.bet({ bet: 10 });
      await p.caller.games.crash.cashout({ gameId }).catch((e) => {
        if (e.cause?.reason !== 'crash_busted') throw e;
      });
    },
  ].sort(() => Math.random() - 0.5);
  for (const play of plays) await play();
}

describe('recalculateStats', () => {
  it('runs again and again while 30 players play their first rounds: no error, and the books agree at the end', async () => {
    const admin = await newAdmin(env.deps);
    const players = await Promise.all(Array.from({ length: 30 }, () => newPlayer(env.deps)));
    const ids = players.map((p) => p.user.id);
    let playing = true;
    let recalcs = 0;
    const recalcLoop = async (userId?: number) => {
      while (playing) {
        await admin.caller.admin.games.recalculateStats(userId ? { userId } : undefined);
        recalcs += 1;
      }
    };
    const loops = [recalcLoop(), recalcLoop(), recalcLoop(ids[0]), recalcLoop(ids[29])];
    const play = Promise.all(players.map(firstRounds)).finally(() => {
      playing = false;
    });
    const results = await Promise.allSettled([play, ...loops]);
    for (const r of results) if (r.status === 'rejected') throw r.reason;
    expect(recalcs).toBeGreaterThan(4);

    const expected = await statsFromRounds(ids);
    expect(expected.reduce((n, s) => n + Number(s.totalBets), 0)).toBe(5 * 30);
    expect(await storedStats(ids)).toEqual(expected);
    expect(await recalculateStats(env.deps.db)).toMatchObject({ mismatched: 0 });
    expect(await storedStats(ids)).toEqual(expected);
    expect((await reconcile(env.deps.db)).violations).toEqual([]);
  });

  it('repairs a changed row, a lost row and a row without rounds, and counts them', async () => {
    const [a, b, c] = await Promise.all([newPlayer(env.deps), newPlayer(env.deps), newPlayer(env.deps)]);
    await firstRounds(a);
    await firstRounds(b);
    const ids = [a.user.id, b.user.id, c.user.id];
    const expected = await statsFromRounds(ids);
    const only = (u: number, g: 'slot' | 'rps') => and(eq(userGameStats.userId, u), eq(userGameStats.game, g));
    await env.deps.db.update(userGameStats).set({ totalBets: 99, highestMultiplier: 42 }).where(only(a.user.id, 'slot'));
    await env.deps.db.delete(userGameStats).where(only(b.user.id, 'rps'));
    await env.deps.db.insert(userGameStats).values({ userId: c.user.id, game: 'rps', totalBets: 3, totalWagered: 30 });

    expect(await recalculateStats(env.deps.db, b.user.id)).toEqual({ rows: 4, mismatched: 1 });
    expect(await recalculateStats(env.deps.db, c.user.id)).toEqual({ rows: 0, mismatched: 1 });
    expect(await recalculateStats(env.deps.db)).toMatchObject({ mismatched: 1 });
    expect(await storedStats(ids)).toEqual(expected);
    expect(await recalculateStats(env.deps.db)).toMatchObject({ mismatched: 0 });
  });

  it('repairs broken rows while their players keep playing, each break counted once', async () => {
    const admin = await newAdmin(env.deps);
    const players = await Promise.all(Array.from({ length: 8 }, () => newPlayer(env.deps)));
    const ids = players.map((p) => p.user.id);
    for (const p of players) await p.caller.games.slot.spin({ bet: 10 });
    await Promise.all(players.map((p) => p.caller.games.rps.play({ bet: 10, choice: 'rock' })));
    // Per player: slot counts 99 rounds too many, rps lost its row, gacha has a row but no rounds yet.
    // Play only adds onto a row, so none of these can heal by itself: each needs exactly one repair.
    await env.deps.db
      .update(userGameStats)
      .set({ totalBets: 99 })
      .where(and(inArray(userGameStats.userId, ids), eq(userGameStats.game, 'slot')));
    await env.deps.db.delete(userGameStats).where(and(inArray(userGameStats.userId, ids), eq(userGameStats.game, 'rps')));
    await env.deps.db
      .insert(userGameStats)
      .values(ids.map((userId) => ({ userId, game: 'gacha' as const, totalBets: 5, totalWagered: 50 })));
    const breaks = ids.length * 3;

    let playing = true;
    let mismatched = 0;
    const recalcLoop = async (userId?: number) => {
      do {
        const r = await admin.caller.admin.games.recalculateStats(userId ? { userId } : undefined);
        mismatched += r.mismatched;
      } while (playing);
    };
    const play = Promise.all(
      players.map(async (p) => {
        for (let n = 0; n < 4; n++) {
          await p.caller.games.slot.spin({ bet: 10 });
          await p.caller.games.rps.play({ bet: 10, choice: 'paper' });
          await p.caller.games.gacha.pull({ count: 1, currency: 'gold' });
        }
      }),
    ).finally(() => {
      playing = false;
    });
    const results = await Promise.allSettled([play, recalcLoop(), recalcLoop(), recalcLoop(ids[0]), recalcLoop(ids[7])]);
    for (const r of results) if (r.status === 'rejected') throw r.reason;

    expect(mismatched).toBe(breaks);
    expect(await storedStats(ids)).toEqual(await statsFromRounds(ids));
    expect(await recalculateStats(env.deps.db)).toMatchObject({ mismatched: 0 });
  });
});

describe('recalculateStatsAudited', () => {
  /** A trigger that makes `table` refuse `op` (for user `userId` only, when given): a real failure inside the transaction. */
  async function refuse(table: 'user_game_stats' | 'admin_audit_log', op: 'UPDATE' | 'INSERT', userId?: number) {
    await env.deps.db.execute(sql`CREATE OR REPLACE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by test'; END $$`);
    const when = userId === undefined ? sql`` : sql.raw(`WHEN (OLD.user_id = ${Number(userId)})`);
    await env.deps.db.execute(
      sql`CREATE TRIGGER test_refuse BEFORE ${sql.raw(op)} ON ${sql.identifier(table)} FOR EACH ROW ${when} EXECUTE FUNCTION test_refuse()`,
    );
    return () => env.deps.db.execute(sql`DROP TRIGGER test_refuse ON ${sql.identifier(table)}`);
  }
  /** The database's message (Drizzle wraps it as the cause of "Failed query"). */
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => 'resolved',
      (e) => String(e.cause?.message ?? e.message),
    );

  it('the whole-table rebuild and its audit row commit together: a failure in the last batch or in the audit leaves neither', async () => {
    const admin = await newAdmin(env.deps);
    const first = await newPlayer(env.deps);
    const last = await newPlayer(env.deps);
    await firstRounds(first);
    await firstRounds(last);
    const ids = [first.user.id, last.user.id];
    const expected = await statsFromRounds(ids);
    const slotOf = (u: number) => and(eq(userGameStats.userId, u), eq(userGameStats.game, 'slot'));
    await env.deps.db.update(userGameStats).set({ totalBets: 99 }).where(slotOf(first.user.id));
    await env.deps.db.update(userGameStats).set({ totalBets: 77 }).where(slotOf(last.user.id));
    const broken = await storedStats(ids);
    const audits = () =>
      env.deps.db
        .select()
        .from(adminAuditLog)
        .where(and(eq(adminAuditLog.adminId, admin.user.id), eq(adminAuditLog.action, 'games.recalculate_stats')));
    const actor = { id: admin.user.id, ip: '203.0.113.9' };
    // One user per batch: `first` is repaired in an earlier batch than `last`.
    const opts = { batchUsers: 1 };

    const unrefuseStats = await refuse('user_game_stats', 'UPDATE', last.user.id);
    try {
      expect(await failure(recalculateStatsAudited(env.deps.db, actor, undefined, opts))).toBe('refused by test');
    } finally {
      await unrefuseStats();
    }
    expect(await storedStats(ids)).toEqual(broken);
    expect(await audits()).toEqual([]);

    const unrefuseAudit = await refuse('admin_audit_log', 'INSERT');
    try {
      expect(await failure(recalculateStatsAudited(env.deps.db, actor, undefined, opts))).toBe('refused by test');
    } finally {
      await unrefuseAudit();
    }
    expect(await storedStats(ids)).toEqual(broken);
    expect(await audits()).toEqual([]);

    const res = await recalculateStatsAudited(env.deps.db, actor, undefined, opts);
    const keys = await env.deps.db.selectDistinct({ userId: gameRounds.userId, game: gameRounds.game }).from(gameRounds);
    expect(res).toEqual({ rows: keys.length, mismatched: 2 });
    expect(await storedStats(ids)).toEqual(expected);
    const rows = await audits();
    expect(rows.map((r) => ({ targetType: r.targetType, targetId: r.targetId, after: r.after, ip: r.ip }))).toEqual([
      { targetType: 'stats', targetId: null, after: res, ip: '203.0.113.9' },
    ]);
    // Run in batches of 1 or the default, the books now agree.
    expect(await recalculateStats(env.deps.db)).toEqual({ rows: keys.length, mismatched: 0 });
  });
});
