/**
 * Progress from gameplay is part of the round's transaction (issue 9 #8): events the player
 * joined, missions, the battle pass and XP advance with every settled round of every game —
 * and a retried round id advances nothing.
 */
import { randomUUID } from 'node:crypto';
import { battlepassProgress, eventParticipations, missionProgress, users } from '@casino/db';
import type { TGameOutcome } from '@casino/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../deps';
import { manualClock } from '../../infra/clock';
import { createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { createRunningEvent, createRunningSeason, eventsOfType, expectLedgerConsistent } from '../../test/progression';
import { takeNonce } from '../games/fairness';
import { type RoundRecord, recordRound } from '../games/rounds';
import { roundXp } from './config';
import { roundIncrements } from './round-progress';

const clock = manualClock('2026-07-01T12:00:00Z');
let env: TestEnv;
let admin: Awaited<ReturnType<typeof newAdmin>>;
let eventId: number;
let missionId: number;
beforeAll(async () => {
  env = await createTestEnv({ clock, config: { jwtExpireMinutes: 60 * 24 * 30 } });
  admin = await newAdmin(env.deps);
  eventId = (
    await createRunningEvent(admin, clock.now(), {
      requirements: {
        slot_spins: 1000,
        gacha_pulls: 1000,
        rps_plays: 1000,
        crash_bets: 1000,
        gold_wagered: 1_000_000,
        model_index_points: 100_000,
      },
    })
  ).id;
  missionId = (
    await admin.caller.admin.missions.create({
      title: 'Grinder',
      period: 'weekly',
      requirements: { slot_spins: 1000, gold_wagered: 1_000_000 },
      rewards: { gold: 1 },
    })
  ).id;
  await createRunningSeason(admin, clock.now(), { xpPerLevel: 1_000_000 });
});
afterAll(() => env.close());

async function progressOf(userId: number) {
  const db = env.deps.db;
  const [ev] = await db
    .select({ progress: eventParticipations.progress })
    .from(eventParticipations)
    .where(and(eq(eventParticipations.userId, userId), eq(eventParticipations.eventId, eventId)));
  const [mi] = await db
    .select({ progress: missionProgress.progress })
    .from(missionProgress)
    .where(and(eq(missionProgress.userId, userId), eq(missionProgress.missionId, missionId)));
  const [bp] = await db.select({ xp: battlepassProgress.xp }).from(battlepassProgress).where(eq(battlepassProgress.userId, userId));
  const [u] = await db.select({ experience: users.experience, level: users.level }).from(users).where(eq(users.id, userId));
  return {
    event: ev?.progress ?? null,
    mission: mi?.progress ?? null,
    battlepassXp: bp?.xp ?? 0,
    experience: u?.experience,
    level: u?.level,
  };
}

describe('progress from gameplay', () => {
  it('every game advances the joined event, the missions, the battle pass and XP by the configured table', async () => {
    const p = await newPlayer(env.deps);
    await p.caller.economy.events.join({ eventId });
    await p.caller.games.slot.spin({ bet: 25 });
    await p.caller.games.gacha.pull({ count: 10, currency: 'gold' });
    await p.caller.games.rps.play({ bet: 40, choice: 'rock' });
    await p.caller.games.crash.bet({ bet: 30 });
    await p.caller.games.crash.cashout({}).catch(() => null); // cashed at 1.00× or busted: settled either way
    const wagered = 25 + 450 + 40 + 30;
    const { xp, battlepassXp } = env.deps.config.progression;
    const expectXp = (t: typeof xp) =>
      roundXp(t, 'slot', 1, 25) + roundXp(t, 'gacha', 10, 450) + roundXp(t, 'rps', 1, 40) + roundXp(t, 'crash', 1, 30);
    const got = await progressOf(p.user.id);
    expect(got.event).toEqual({
      slot_spins: 1,
      gacha_pulls: 10,
      rps_plays: 1,
      crash_bets: 1,
      gold_wagered: wagered,
      model_index_points: 2 + 45 + 4 + 3,
    });
    expect(got.mission).toEqual({ slot_spins: 1, gold_wagered: wagered });
    expect(got.battlepassXp).toBe(expectXp(battlepassXp));
    expect(got.experience).toBe(expectXp(xp));
    expect((await p.caller.auth.me()).experience).toBe(expectXp(xp));
    expect(
      roundIncrements({
        game: 'slot',
        outcome: {} as never,
        userId: 1,
        currency: 'gems',
        bet: 99,
        result: 'win',
        at: clock.now(),
      } as never),
    ).toEqual({
      slot_spins: 1,
      wins: 1,
    });
  });

  it('a round recorded again (retried, or raced) under its id advances nothing a second time', async () => {
    const p = await newPlayer(env.deps);
    await p.caller.economy.events.join({ eventId });
    const seed = await inTransaction(env.deps, (tx) => takeNonce(tx, p.user.id));
    const round: RoundRecord = {
      roundId: randomUUID(),
      userId: p.user.id,
      currency: 'gold',
      bet: 100,
      payout: 0,
      result: 'loss',
      seed,
      configVersion: 1,
      at: clock.now(),
      ...({
        game: 'slot',
        outcome: {
          reels: ['a', 'b', 'c'],
          kind: 'none',
          baseMultiplier: 0,
          bonusPercent: 0,
          bonusStake: 0,
          jitterPermille: 0,
          payout: 0,
          win: false,
          bet: 100,
          streakBefore: 0,
          streakStakeBefore: 0,
          streakAfter: 0,
          streakStakeAfter: 0,
        },
      } satisfies TGameOutcome),
    };
    const record = () => inTransaction(env.deps, (tx, outbox) => recordRound(tx, outbox, round, env.deps.config));
    expect(await record()).toMatchObject({ inserted: true });
    const once = await progressOf(p.user.id);
    expect(once.event).toMatchObject({ slot_spins: 1, gold_wagered: 100, model_index_points: 10 });
    expect(once.experience).toBeGreaterThan(0);
    const again = await Promise.all([record(), record(), record()]);
    expect(again.every((r) => !r.inserted)).toBe(true);
    expect(await progressOf(p.user.id)).toEqual(once);
  });

  it('progress counts only after joining, only while the event runs, and stops at its target; completion is pushed live', async () => {
    const p = await newPlayer(env.deps);
    const ev = await createRunningEvent(admin, clock.now(), {
      requirements: { slot_spins: 2 },
      endsAt: new Date(clock.now().getTime() + 3_600_000),
    });
    await p.caller.games.slot.spin({ bet: 10 }); // not joined yet
    await p.caller.economy.events.join({ eventId: ev.id });
    expect((await p.caller.economy.events.get({ eventId: ev.id })).progress).toEqual({ slot_spins: 0 });
    for (let i = 0; i < 3; i++) await p.caller.games.slot.spin({ bet: 10 });
    const got = await p.caller.economy.events.get({ eventId: ev.id });
    expect(got).toMatchObject({ progress: { slot_spins: 2 }, completed: true, claimed: false });
    expect((await eventsOfType(env.kv, p.user.id, 'progress')).map((e) => e.data)).toContainEqual({
      kind: 'event',
      id: ev.id,
      title: 'Spin sprint',
      completed: true,
    });
    const late = await createRunningEvent(admin, clock.now(), {
      requirements: { slot_spins: 5 },
      endsAt: new Date(clock.now().getTime() + 60_000),
    });
    await p.caller.economy.events.join({ eventId: late.id });
    clock.advance(61_000);
    await p.caller.games.slot.spin({ bet: 10 });
    const [row] = await env.deps.db
      .select()
      .from(eventParticipations)
      .where(and(eq(eventParticipations.userId, p.user.id), eq(eventParticipations.eventId, late.id)));
    expect(row?.progress).toEqual({});
  });

  it('XP from rounds levels the player up (level_up pushed, level reward paid, the spin answers the new balance)', async () => {
    const p = await newPlayer(env.deps);
    // 10 XP short of level 2.
    await env.deps.db.update(users).set({ experience: 990 }).where(eq(users.id, p.user.id));
    const spin = await p.caller.games.slot.spin({ bet: 100 });
    const me = await p.caller.auth.me();
    const xp = roundXp(env.deps.config.progression.xp, 'slot', 1, 100);
    expect(me).toMatchObject({ level: 2, experience: 990 + xp - 1000 });
    const reward = env.deps.config.progression.levelRewards.every.gold ?? 0;
    expect(spin.balance).toBe(me.gold);
    expect(me.gold).toBe(1000 - 100 + spin.payout + reward + (await achievementGold(p.user.id)));
    expect((await eventsOfType(env.kv, p.user.id, 'level_up')).map((e) => e.data)).toEqual([
      { level: 2, previousLevel: 1, experience: 990 + xp - 1000, maxExperience: 1100 },
    ]);
    await expectLedgerConsistent(admin);
  });
});

async function achievementGold(userId: number) {
  const { userAchievements } = await import('@casino/db');
  const rows = await env.deps.db.select().from(userAchievements).where(eq(userAchievements.userId, userId));
  return rows.reduce((n, r) => n + r.rewardGold, 0);
}
