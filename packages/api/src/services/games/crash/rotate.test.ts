/** Seed rotation never reveals the server seed of a crash round still in play (issue 6 #1). */
import { createHash } from 'node:crypto';
import { crashBets, fairnessSeeds } from '@casino/db';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../../infra/clock';
import { createTestEnv, newPlayer, type TestEnv } from '../../../test/harness';
import { referenceCrashPoint } from '../../../test/reference';
import { reconcile } from '../../wallet/queries';
import { crashSettler } from './worker';

const clock = manualClock('2026-05-01T12:00:00Z');
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock, maxConnections: 30 });
});
afterAll(() => env.close());

type Player = Awaited<ReturnType<typeof newPlayer>>;
const reasonOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e) => `${e.code}:${e.cause?.reason ?? ''}`,
  );
const rowOf = async (gameId: string) => (await env.deps.db.select().from(crashBets).where(eq(crashBets.id, gameId)))[0];

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Seeds revealed although a round under them is still active: must always be empty. */
async function leakedActiveSeeds(userId: number) {
  return env.deps.db
    .select({ gameId: crashBets.id })
    .from(crashBets)
    .innerJoin(fairnessSeeds, eq(fairnessSeeds.id, crashBets.seedId))
    .where(and(eq(crashBets.userId, userId), eq(crashBets.status, 'active'), isNotNull(fairnessSeeds.revealedAt)));
}

async function expectNothingRevealed(p: Player, committedHash: string) {
  expect((await p.caller.games.fairness.current()).serverSeedHash).toBe(committedHash);
  const seeds = await p.caller.games.fairness.seeds();
  expect(seeds.find((s) => s.serverSeedHash === committedHash)).toMatchObject({ serverSeed: null, revealedAt: null });
}

describe('games.fairness.rotate while a crash round is in play', () => {
  it('answers CONFLICT round_in_play and reveals nothing; after the cashout it reveals the seed that fixed the round', async () => {
    const p = await newPlayer(env.deps);
    const bet = await p.caller.games.crash.bet({ bet: 10 });
    const err = await p.caller.games.fairness.rotate({ clientSeed: 'next-seed' }).catch((e) => e);
    expect([err.code, err.cause?.reason]).toEqual(['CONFLICT', 'round_in_play']);
    expect(err.cause?.details).toEqual({ games: ['crash'] });
    await expectNothingRevealed(p, bet.fairness.serverSeedHash);
    expect((await p.caller.games.fairness.current()).clientSeed).toBe(bet.fairness.clientSeed);

    const out = await p.caller.games.crash.cashout({ gameId: bet.gameId }).catch((e) => e.cause?.details);
    const { revealed, next } = await p.caller.games.fairness.rotate({ clientSeed: 'next-seed' });
    expect(sha256(revealed.serverSeed)).toBe(bet.fairness.serverSeedHash);
    expect(revealed.lastNonce).toBe(bet.fairness.nonce);
    expect(out.crashPoint).toBe(referenceCrashPoint(revealed.serverSeed, bet.fairness.clientSeed, bet.fairness.nonce));
    expect(next.clientSeed).toBe('next-seed');
  });

  it('stays refused past the bust until the round is settled, then rotates', async () => {
    const p = await newPlayer(env.deps);
    const bet = await p.caller.games.crash.bet({ bet: 10 });
    const row = await rowOf(bet.gameId);
    if (!row) throw new Error('round not stored');
    clock.set(row.dueAt); // busted (or expired) by the clock, but nobody has settled it yet
    expect(await reasonOf(p.caller.games.fairness.rotate())).toBe('CONFLICT:round_in_play');
    await expectNothingRevealed(p, bet.fairness.serverSeedHash);
    expect(await crashSettler(env.deps).sweep()).toBeGreaterThanOrEqual(1);
    expect((await rowOf(bet.gameId))?.status).toMatch(/^(busted|expired)$/);
    const { revealed } = await p.caller.games.fairness.rotate();
    expect(sha256(revealed.serverSeed)).toBe(bet.fairness.serverSeedHash);
    expect(row.crashPoint).toBe(referenceCrashPoint(revealed.serverSeed, bet.fairness.clientSeed, bet.fairness.nonce));
  });

  // Against PostgreSQL both orders occur (the bet holding the seed row while the rotation waits is
  // the case that leaked); PGlite runs one transaction at a time, so there the first test covers it.
  it('a rotation racing a bet never reveals the seed of the round that bet starts', async () => {
    const p = await newPlayer(env.deps);
    const outcomes = { revealedFirst: 0, refused: 0 };
    for (let i = 0; i < 25; i++) {
      clock.advance(1000);
      const committed = (await p.caller.games.fairness.current()).serverSeedHash;
      const [bet, rot] = await Promise.allSettled([p.caller.games.crash.bet({ bet: 10 }), p.caller.games.fairness.rotate()]);
      if (bet.status !== 'fulfilled') throw bet.reason;
      expect(await leakedActiveSeeds(p.user.id)).toEqual([]);
      if (rot.status === 'fulfilled') {
        // The rotation won the seed row: the bet then ran under the new seed.
        outcomes.revealedFirst += 1;
        expect(rot.value.revealed.serverSeedHash).toBe(committed);
        expect(bet.value.fairness.serverSeedHash).toBe(rot.value.next.serverSeedHash);
        expect(bet.value.fairness.serverSeedHash).not.toBe(committed);
      } else {
        outcomes.refused += 1;
        expect([rot.reason.code, rot.reason.cause?.reason]).toEqual(['CONFLICT', 'round_in_play']);
        expect(bet.value.fairness.serverSeedHash).toBe(committed);
        await expectNothingRevealed(p, committed);
      }
      await p.caller.games.crash.cashout({ gameId: bet.value.gameId }).catch(() => undefined);
    }
    expect(outcomes.revealedFirst + outcomes.refused).toBe(25);
    expect(await leakedActiveSeeds(p.user.id)).toEqual([]);
    expect((await reconcile(env.deps.db)).violations).toEqual([]);
  });

  it('concurrent rotations each reveal a different seed, each the one committed before it', async () => {
    const p = await newPlayer(env.deps);
    const first = (await p.caller.games.fairness.current()).serverSeedHash;
    const results = await Promise.all(Array.from({ length: 12 }, () => p.caller.games.fairness.rotate()));
    const revealed = results.map((r) => r.revealed.serverSeedHash);
    expect(new Set(revealed).size).toBe(12);
    for (const r of results) expect(sha256(r.revealed.serverSeed)).toBe(r.revealed.serverSeedHash);
    // They form one chain: the first revealed seed is the one shown before, each next one was committed by another rotation.
    const nexts = new Set(results.map((r) => r.next.serverSeedHash));
    expect(revealed.filter((h) => !nexts.has(h))).toEqual([first]);
  });
});
