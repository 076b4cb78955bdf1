import { randomUUID } from 'node:crypto';
import { crashBets, fairnessSeeds, userAchievements, users, walletLedger } from '@casino/db';
import { msToReach, multiplierAt } from '@casino/shared';
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { manualClock } from '../../../infra/clock';
import { callerFor, createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../../test/harness';
import { expectCrashRoundsConsistent, referenceCrashPoint, referencePayout } from '../../../test/reference';
import { slotStates } from '../slot-state';

const clock = manualClock('2026-03-01T12:00:00Z');
let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
beforeAll(async () => {
  env = await createTestEnv({ clock });
  admin = await newAdmin(env.deps);
});
afterAll(() => env.close());

type Player = Awaited<ReturnType<typeof newPlayer>>;
const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e) => `${e.code}:${e.cause?.reason ?? ''}`,
  );
const rowOf = async (gameId: string) => (await env.deps.db.select().from(crashBets).where(eq(crashBets.id, gameId)))[0];
const gold = async (p: Player) => (await p.caller.economy.wallet.balance()).gold;

/** Bets until a round's crash point satisfies `ok`; the others bust by a cashout at their crash point. */
async function betUntil(p: Player, ok: (cp: number) => boolean, bet = 10) {
  for (;;) {
    clock.advance(1000);
    const res = await p.caller.games.crash.bet({ bet });
    const row = await rowOf(res.gameId);
    if (!row) throw new Error('round not stored');
    if (ok(row.crashPoint)) return { res, row };
    clock.set(row.dueAt); // bust (or expiry, past the TTL)
    expect(await reasonOf(p.caller.games.crash.cashout({ gameId: res.gameId }))).toMatch(/^BAD_REQUEST:crash_(busted|expired)$/);
  }
}

describe('games.crash bet / cashout', () => {
  it('debits once, keeps the crash point on the server, and answers CONFLICT crash_active to a second bet', async () => {
    // A crash point of 1.00 busts at once: the worker may settle it before the second bet, which
    // then rightly goes through. Such a round (about 1 in 100) is set aside for a new player's.
    let p = await newPlayer(env.deps);
    let res = await p.caller.games.crash.bet({ bet: 100, autoCashout: 2.5 });
    for (let i = 0; ((await rowOf(res.gameId))?.crashPoint ?? 0) <= 1; i++) {
      expect(i).toBeLessThan(20);
      p = await newPlayer(env.deps);
      res = await p.caller.games.crash.bet({ bet: 100, autoCashout: 2.5 });
    }
    expect(res).toMatchObject({ balance: 900, autoCashout: 2.5, startedAt: clock.now() });
    expect(Object.keys(res).sort()).toEqual(['autoCashout', 'balance', 'configVersion', 'fairness', 'gameId', 'startedAt']);
    expect(res.fairness).toEqual({ ...(await p.caller.games.fairness.current()), nonce: 0, nextNonce: undefined });
    expect(await reasonOf(p.caller.games.crash.bet({ bet: 100 }))).toBe('CONFLICT:crash_active');
    const cur = await p.caller.games.crash.current();
    expect(cur.available).toBe(true);
    expect(cur.session).toMatchObject({ gameId: res.gameId, bet: 100, autoCashout: 2.5, multiplier: 1, settling: false });
    expect(JSON.stringify(cur.session)).not.toMatch(/crash/i);
    expect(await gold(p)).toBe(900);
  });

  it('bets in one statement from this instance’s view of the seed; a stale view (the nonce moved elsewhere) falls back and takes the true next nonce', async () => {
    const p = await newPlayer(env.deps);
    const states = slotStates(env.deps.db);
    const first = (await betUntil(p, (cp) => cp > 1.01)).row;
    // The one-statement path leaves this instance's view one nonce on.
    expect(states.get(p.user.id)?.nonce).toBe(first.nonce + 1);
    clock.set(first.dueAt);
    await p.caller.games.crash.cashout({ gameId: first.id }).catch(() => undefined);
    // Another instance (or game) takes the next nonce: this instance's view is stale.
    await env.deps.db
      .update(fairnessSeeds)
      .set({ nextNonce: sql`${fairnessSeeds.nextNonce} + 1` })
      .where(eq(fairnessSeeds.id, first.seedId));
    const before = await gold(p);
    clock.advance(1000);
    const res = await p.caller.games.crash.bet({ bet: 10 });
    const row = await rowOf(res.gameId);
    expect(row?.nonce).toBe(first.nonce + 2);
    expect(res.fairness.nonce).toBe(first.nonce + 2);
    const [seed] = await env.deps.db.select().from(fairnessSeeds).where(eq(fairnessSeeds.id, first.seedId));
    expect(row?.seedId).toBe(first.seedId);
    expect(row?.crashPoint).toBe(
      referenceCrashPoint(seed?.serverSeed ?? '', seed?.clientSeed ?? '', first.nonce + 2, row?.houseEdgePercent),
    );
    expect(await gold(p)).toBe(before - 10);
    // Nothing was written for the attempt that missed: one round, one debit for it.
    const debits = await env.deps.db.select().from(walletLedger).where(like(walletLedger.idempotencyKey, `crash:%:bet`));
    expect(debits.filter((d) => d.userId === p.user.id).length).toBe(
      (await env.deps.db.select().from(crashBets).where(eq(crashBets.userId, p.user.id))).length,
    );
  });

  it('pays floor(bet × multiplier on the server clock) below the crash point, at most once', async () => {
    const p = await newPlayer(env.deps);
    const { res, row } = await betUntil(p, (cp) => cp >= 1.5, 33);
    const ms = msToReach(1.5) - 1; // the multiplier shows 1.49
    clock.advance(ms);
    const out = await p.caller.games.crash.cashout({ gameId: res.gameId });
    expect(out).toMatchObject({ multiplier: 1.49, payout: referencePayout(33, 1.49), crashPoint: row.crashPoint });
    expect(out.balance).toBe(await gold(p)); // includes any achievement reward of the round
    const settled = await rowOf(res.gameId);
    expect(settled).toMatchObject({ status: 'cashed', payout: 49, cashoutMultiplier: 1.49, settledAt: clock.now() });
    await expectCrashRoundsConsistent(env.deps, settled ? [settled] : []);
    // A retry at the same multiplier is answered the same; later it is no longer in play.
    expect(await p.caller.games.crash.cashout({ gameId: res.gameId })).toMatchObject({ payout: 49, balance: out.balance });
    clock.advance(1000);
    expect(await reasonOf(p.caller.games.crash.cashout({ gameId: res.gameId }))).toBe('NOT_FOUND:crash_not_found');
    const wins = await env.deps.db
      .select()
      .from(walletLedger)
      .where(and(eq(walletLedger.userId, p.user.id), like(walletLedger.idempotencyKey, `crash:${res.gameId}:%`)));
    expect(wins.map((w) => w.delta).sort()).toEqual([-33, 49]);
    expect((await p.caller.games.crash.current()).session).toBeNull();
  });

  it('a won round’s live events come in order — payout, achievement with its reward, then the result with the balance after both — and an achievement is earned once', async () => {
    const p = await newPlayer(env.deps);
    const ac = new AbortController();
    const got: { type: string; data: Record<string, unknown> }[] = [];
    void (async () => {
      for await (const ev of env.deps.bus.stream(p.user.id, { signal: ac.signal })) got.push(ev as (typeof got)[number]);
    })();
    await env.deps.bus.whenStreams(p.user.id, 1);
    try {
      const won = async () => {
        const { res } = await betUntil(p, (cp) => cp >= 1.5, 100);
        clock.advance(msToReach(1.5) - 1); // cashed at 1.49
        const out = await p.caller.games.crash.cashout({ gameId: res.gameId });
        await vi.waitFor(() =>
          expect(got.some((e) => e.type === 'crash' && e.data.gameId === res.gameId && e.data.kind === 'cashout')).toBe(true),
        );
        const from = got.findIndex((e) => e.type === 'crash' && e.data.gameId === res.gameId && e.data.kind === 'start');
        const after = got.slice(from + 1).filter((e) => ['token_update', 'achievement', 'crash'].includes(e.type));
        return {
          res,
          out,
          seen: after.map((e) => (e.type === 'crash' ? `crash:${e.data.balance}` : `${e.type}:${e.data.reason ?? e.data.code}`)),
        };
      };
      const first = await won();
      expect(first.out.payout).toBe(149);
      expect(first.out.balance).toBe(await gold(p));
      expect(first.seen).toEqual([
        'token_update:crash_win',
        'token_update:achievement_reward',
        'achievement:first_win',
        `crash:${first.out.balance}`,
      ]);
      expect(first.out.balance).toBe(first.res.balance + 149 + 100);
      const second = await won();
      expect(second.seen).toEqual(['token_update:crash_win', `crash:${second.out.balance}`]);
      expect(second.out.balance).toBe(second.res.balance + 149);
      const unlocked = await env.deps.db.select().from(userAchievements).where(eq(userAchievements.userId, p.user.id));
      expect(unlocked.map((a) => a.code)).toEqual(['first_win']);
    } finally {
      ac.abort();
    }
  });

  it('a round already recorded under its id (never in practice) is not settled again: no payout, no XP, nothing written', async () => {
    const p = await newPlayer(env.deps);
    const { res, row } = await betUntil(p, (cp) => cp >= 1.5, 50);
    await env.deps.db.execute(sql`INSERT INTO game_rounds (id, user_id, game, currency, bet, payout, multiplier, result, seed_id, nonce, outcome, config_version, created_at)
      VALUES (${row.id}::uuid, ${p.user.id}, 'crash', 'gold', 50, 0, 0, 'loss', ${row.seedId}, ${row.nonce}, '{}'::jsonb, ${row.configVersion}, now())`);
    const [before] = await env.deps.db.select().from(users).where(eq(users.id, p.user.id));
    clock.advance(msToReach(1.5) - 1);
    expect(await reasonOf(p.caller.games.crash.cashout({ gameId: res.gameId }))).toBe('NOT_FOUND:crash_not_found');
    expect(await rowOf(res.gameId)).toMatchObject({ status: 'active', payout: 0, settledAt: null });
    const [after] = await env.deps.db.select().from(users).where(eq(users.id, p.user.id));
    expect({ gold: after?.gold, experience: after?.experience, level: after?.level }).toEqual({
      gold: before?.gold,
      experience: before?.experience,
      level: before?.level,
    });
  });

  it('a cashout at or after the crash point loses (crash_busted) and settles the round busted', async () => {
    const p = await newPlayer(env.deps);
    const { res, row } = await betUntil(p, (cp) => cp >= 1.2);
    clock.advance(msToReach(row.crashPoint));
    expect(multiplierAt(msToReach(row.crashPoint))).toBe(row.crashPoint);
    const err = await p.caller.games.crash.cashout({ gameId: res.gameId }).catch((e) => e);
    expect(err.code).toBe('BAD_REQUEST');
    expect(err.cause).toMatchObject({ reason: 'crash_busted', details: { crashPoint: row.crashPoint } });
    expect(await rowOf(res.gameId)).toMatchObject({ status: 'busted', payout: 0, cashoutMultiplier: null });
    expect(await reasonOf(p.caller.games.crash.cashout({ gameId: res.gameId }))).toBe('BAD_REQUEST:crash_busted');
    expect(await gold(p)).toBe(res.balance);
  });

  it('answers NOT_FOUND crash_not_found with no round, an unknown id, or another player’s round', async () => {
    const [a, b] = await Promise.all([newPlayer(env.deps), newPlayer(env.deps)]);
    expect(await reasonOf(a.caller.games.crash.cashout({ gameId: randomUUID() }))).toBe('NOT_FOUND:crash_not_found');
    expect(await reasonOf(a.caller.games.crash.cashout({ gameId: 'not-a-uuid' }))).toBe('NOT_FOUND:crash_not_found');
    expect(await reasonOf(a.caller.games.crash.cashout({}))).toBe('NOT_FOUND:crash_not_found');
    const { res } = await betUntil(b, (cp) => cp >= 1.1);
    expect(await reasonOf(a.caller.games.crash.cashout({ gameId: res.gameId }))).toBe('NOT_FOUND:crash_not_found');
    expect((await a.caller.games.crash.current()).session).toBeNull();
    expect(await rowOf(res.gameId)).toMatchObject({ status: 'active' });
    expect(await b.caller.games.crash.cashout({})).toMatchObject({ gameId: res.gameId, multiplier: 1, payout: 10 });
  });

  it('rejects bad bets and targets with BAD_REQUEST and changes nothing', async () => {
    const p = await newPlayer(env.deps);
    const bad = [
      { bet: 10.5 },
      { bet: 0 },
      { bet: -10 },
      { bet: 9 },
      { bet: 10_001 },
      { bet: 1e20 },
      { bet: 10, autoCashout: 1 },
      { bet: 10, autoCashout: 1.005 },
      { bet: 10, autoCashout: 1001 },
    ];
    for (const input of bad) expect((await reasonOf(p.caller.games.crash.bet(input))).split(':')[0]).toBe('BAD_REQUEST');
    expect(await reasonOf(p.caller.games.crash.bet({ bet: 2000 }))).toBe('BAD_REQUEST:insufficient_funds');
    expect(await gold(p)).toBe(1000);
    expect(await env.deps.db.select().from(crashBets).where(eq(crashBets.userId, p.user.id))).toEqual([]);
    expect((await p.caller.games.fairness.current()).nextNonce).toBe(0);
  });

  it('every crash point re-derives from the revealed server seed after rotation', async () => {
    const p = await newPlayer(env.deps);
    for (let i = 0; i < 12; i++) {
      clock.advance(1000);
      const { gameId } = await p.caller.games.crash.bet({ bet: 10 });
      const row = await rowOf(gameId);
      if (i % 2 && row) clock.set(row.dueAt); // busts or expires; else cashes out at 1.00 (or busts at a 1.00 crash)
      await reasonOf(p.caller.games.crash.cashout({ gameId }));
    }
    const { revealed } = await p.caller.games.fairness.rotate();
    const all = await env.deps.db.select().from(crashBets).where(eq(crashBets.userId, p.user.id));
    expect(all.length).toBeGreaterThanOrEqual(12);
    for (const r of all) {
      expect(r.status).not.toBe('active');
      expect(referenceCrashPoint(revealed.serverSeed, revealed.clientSeed, r.nonce, 1)).toBe(r.crashPoint);
      const v = await p.caller.games.fairness.verify({
        game: 'crash',
        serverSeed: revealed.serverSeed,
        clientSeed: revealed.clientSeed,
        nonce: r.nonce,
      });
      expect(v.outcome).toEqual({ crashPoint: referenceCrashPoint(revealed.serverSeed, revealed.clientSeed, r.nonce, 1) });
    }
    await expectCrashRoundsConsistent(env.deps, all);
  });
});

describe('admin.crash.sessions', () => {
  it('lists rounds with every field, withholds a live crash point, filters, and is FORBIDDEN to players', async () => {
    const p = await newPlayer(env.deps);
    const { res, row } = await betUntil(p, (cp) => cp >= 1.05);
    const list = await admin.caller.admin.crash.sessions({ userId: p.user.id });
    const settledRows = list.filter((r) => r.status !== 'active');
    expect(list[0]).toMatchObject({ id: res.gameId, status: 'active', crashPoint: null, bet: 10, nonce: row.nonce, siteId: p.siteId });
    expect(settledRows.every((r) => r.crashPoint !== null && r.settledAt !== null)).toBe(true);
    await expectCrashRoundsConsistent(env.deps, await env.deps.db.select().from(crashBets).where(eq(crashBets.userId, p.user.id)));
    expect(await admin.caller.admin.crash.sessions({ status: 'busted', limit: 3 })).toSatisfy(
      (l: { status: string }[]) => l.length <= 3 && l.every((r) => r.status === 'busted'),
    );
    expect(await reasonOf(p.caller.admin.crash.sessions({}))).toBe('FORBIDDEN:admin_required');
    expect(await reasonOf(callerFor(env.deps).admin.crash.sessions({}))).toBe('UNAUTHORIZED:token_missing');
    expect((await admin.caller.admin.economy.reconcile()).violations).toEqual([]);
  });
});
