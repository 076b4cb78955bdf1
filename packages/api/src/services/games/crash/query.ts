/** Reads: the player's round in play (games.crash.current) and the admin audit list. */
import { crashBets, type Db, users } from '@casino/db';
import { multiplierAt } from '@casino/shared';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import type { Deps } from '../../../deps';
import { activeGameConfig, gameConfigAt } from '../../game-config/cache';
import { resolveAt } from './outcome';
import { findActiveRound } from './reads';
import { toRound } from './settle';
import { kvAvailable } from './state';

/**
 * `available`: Redis answers, so bets are taken. The session comes from Postgres (the
 * truth, also after Redis lost its state). A round past its fate but not yet settled by
 * the worker shows `settling` and the last multiplier before it, never the crash point.
 */
export async function currentRound(deps: Deps, userId: number) {
  const [available, row] = await Promise.all([kvAvailable(deps.kv), findActiveRound(deps.db, userId)]);
  const now = deps.clock.now();
  if (!row) return { available, session: null, serverNow: now };
  const round = toRound(row);
  const res = resolveAt(round, now.getTime(), round.maxWinMultiplier);
  const dueInMs = row.dueAt.getTime() - round.startedAtMs;
  return {
    available,
    serverNow: now,
    session: {
      gameId: row.id,
      bet: row.bet,
      autoCashout: row.autoCashout,
      startedAt: row.startedAt,
      expiresAt: row.expiresAt,
      elapsedMs: Math.max(0, now.getTime() - round.startedAtMs),
      multiplier: res.status === 'active' ? res.multiplier : multiplierAt(dueInMs - 1),
      settling: res.status !== 'active',
      serverNow: now,
    },
  };
}

export type CrashAuditFilter = { userId?: number; status?: 'active' | 'cashed' | 'busted' | 'expired'; limit: number };

/** Every field of each round; the crash point of a round still in play is withheld even from admins. */
export async function listCrashRounds(db: Db, f: CrashAuditFilter) {
  const where: SQL[] = [];
  if (f.userId) where.push(eq(crashBets.userId, f.userId));
  if (f.status) where.push(eq(crashBets.status, f.status));
  const rows = await db
    .select({ round: crashBets, siteId: users.siteId, nickname: users.nickname })
    .from(crashBets)
    .innerJoin(users, eq(users.id, crashBets.userId))
    .where(and(...where))
    .orderBy(desc(crashBets.startedAt), desc(crashBets.id))
    .limit(f.limit);
  return rows.map(({ round, siteId, nickname }) => ({
    ...round,
    crashPoint: round.status === 'active' ? null : round.crashPoint,
    siteId,
    nickname,
  }));
}

/** What players may know of the crash configuration, with its return to player (one place computes it). */
export async function crashPublicConfig(deps: Deps, at?: number) {
  const active = at === undefined ? await activeGameConfig(deps) : { version: at, config: await gameConfigAt(deps, at) };
  const c = { ...active.config.crash, roundTtlMs: deps.config.games.crash.roundTtlMs };
  return {
    version: active.version,
    minBet: c.minBet,
    maxBet: c.maxBet,
    houseEdgePercent: c.houseEdgePercent,
    maxWinMultiplier: c.maxWinMultiplier,
    roundTtlMs: c.roundTtlMs,
    rtp: 1 - c.houseEdgePercent / 100,
  };
}
