/**
 * Seed pairs per user: the server seed is secret until rotation and committed by
 * its SHA-256; every round takes the next nonce of the active pair under a row
 * lock, so a user's rounds are serialised and (seed, nonce) is never reused.
 */
import { randomBytes } from 'node:crypto';
import { type Db, type FairnessSeed, fairnessSeeds, transaction } from '@casino/db';
import { hashServerSeed, verifyRound, type ZVerifyInput } from '@casino/shared';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';
import { activeGameConfig, gameConfigAt } from '../game-config/cache';
import { unsettledRounds } from './unsettled';

export type RoundSeed = { seedId: number; serverSeed: string; serverSeedHash: string; clientSeed: string; nonce: number };

/** What a round shows of its seeds while the server seed is still secret. */
export const fairnessRef = (s: RoundSeed) => ({ serverSeedHash: s.serverSeedHash, clientSeed: s.clientSeed, nonce: s.nonce });

const newServerSeed = () => randomBytes(32).toString('hex');
const defaultClientSeed = () => randomBytes(8).toString('hex');

export async function createSeed(tx: Db, userId: number, clientSeed?: string): Promise<void> {
  const serverSeed = newServerSeed();
  await tx
    .insert(fairnessSeeds)
    .values({ userId, serverSeed, serverSeedHash: hashServerSeed(serverSeed), clientSeed: clientSeed ?? defaultClientSeed() })
    .onConflictDoNothing();
}

/** Takes the next nonce of the user's active seed pair (creating one on first play). */
export async function takeNonce(tx: Db, userId: number): Promise<RoundSeed> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const [row] = await tx
      .update(fairnessSeeds)
      .set({ nextNonce: sql`${fairnessSeeds.nextNonce} + 1` })
      .where(and(eq(fairnessSeeds.userId, userId), isNull(fairnessSeeds.revealedAt)))
      .returning();
    if (row) {
      return {
        seedId: row.id,
        serverSeed: row.serverSeed,
        serverSeedHash: row.serverSeedHash,
        clientSeed: row.clientSeed,
        nonce: row.nextNonce - 1,
      };
    }
    await createSeed(tx, userId);
  }
  throw new Error('could not create a seed pair');
}

async function activeSeed(db: Db, userId: number): Promise<FairnessSeed> {
  const find = () =>
    db
      .select()
      .from(fairnessSeeds)
      .where(and(eq(fairnessSeeds.userId, userId), isNull(fairnessSeeds.revealedAt)))
      .limit(1);
  const [row] = await find();
  if (row) return row;
  await createSeed(db, userId);
  const [created] = await find();
  if (!created) throw new Error('could not create a seed pair');
  return created;
}

export async function currentSeed(deps: Pick<Deps, 'db'>, userId: number) {
  const s = await activeSeed(deps.db, userId);
  return { serverSeedHash: s.serverSeedHash, clientSeed: s.clientSeed, nextNonce: s.nextNonce };
}

/**
 * The active pair, row-locked (creating it on first use, or taking the one a concurrent rotation
 * just made). An empty pass means the row we waited for was revealed by a rotation that committed
 * a new one, so each pass is progress; with N rotations racing, a loser needs up to N passes.
 */
async function lockActiveSeed(tx: Db, userId: number): Promise<FairnessSeed> {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const [row] = await tx
      .select()
      .from(fairnessSeeds)
      .where(and(eq(fairnessSeeds.userId, userId), isNull(fairnessSeeds.revealedAt)))
      .for('update');
    if (row) return row;
    await createSeed(tx, userId);
  }
  throw new Error('could not lock a seed pair');
}

/**
 * Reveals the active server seed and commits to a new one. The seed row is locked first:
 * a round that already holds it (takeNonce) is waited for, and one that comes later waits
 * for this transaction and then takes the new seed. So the unsettled-round check below
 * sees every round ever started under the seed, and a seed that still decides a round
 * in play is never revealed (CONFLICT round_in_play).
 */
export async function rotateSeed(deps: Pick<Deps, 'db' | 'clock'>, userId: number, clientSeed?: string) {
  return transaction(deps.db, async (tx) => {
    const current = await lockActiveSeed(tx, userId);
    const pending = await unsettledRounds(tx, { userId, seedId: current.id });
    if (pending.length > 0) {
      throw new DomainError('round_in_play', { games: [...new Set(pending.map((r) => r.game))] });
    }
    const [old] = await tx
      .update(fairnessSeeds)
      .set({ revealedAt: deps.clock.now() })
      .where(and(eq(fairnessSeeds.id, current.id), isNull(fairnessSeeds.revealedAt)))
      .returning();
    if (!old) throw new Error('no active seed pair');
    await createSeed(tx, userId, clientSeed);
    const [next] = await tx
      .select()
      .from(fairnessSeeds)
      .where(and(eq(fairnessSeeds.userId, userId), isNull(fairnessSeeds.revealedAt)));
    return {
      revealed: {
        serverSeed: old.serverSeed,
        serverSeedHash: old.serverSeedHash,
        clientSeed: old.clientSeed,
        lastNonce: old.nextNonce - 1,
      },
      next: { serverSeedHash: next?.serverSeedHash ?? '', clientSeed: next?.clientSeed ?? '' },
    };
  });
}

/** Past seed pairs; server seeds only once revealed. */
export async function seedHistory(db: Db, userId: number, limit: number) {
  const rows = await db.select().from(fairnessSeeds).where(eq(fairnessSeeds.userId, userId)).orderBy(desc(fairnessSeeds.id)).limit(limit);
  return rows.map((r) => ({
    id: r.id,
    serverSeedHash: r.serverSeedHash,
    serverSeed: r.revealedAt ? r.serverSeed : null,
    clientSeed: r.clientSeed,
    roundsPlayed: r.nextNonce,
    createdAt: r.createdAt,
    revealedAt: r.revealedAt,
  }));
}

/**
 * Re-derives a revealed round under the configuration version it names (its record's
 * configVersion), or the one in force; a house edge the caller leaves out is that version's.
 */
export async function verifyWithConfig(deps: Deps, input: z.output<typeof ZVerifyInput>) {
  const games = input.configVersion === undefined ? (await activeGameConfig(deps)).config : await gameConfigAt(deps, input.configVersion);
  const withEdge = input.game === 'rps' ? { ...input, houseEdgePercent: input.houseEdgePercent ?? games.rps.houseEdgePercent } : input;
  const round = input.game === 'crash' ? { ...input, houseEdgePercent: input.houseEdgePercent ?? games.crash.houseEdgePercent } : withEdge;
  return verifyRound(round, { slot: games.slot, gacha: games.gacha });
}
