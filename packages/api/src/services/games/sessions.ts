/** Game sessions: one active per user and game; rounds accumulate into it (rounds.ts). */
import { type Db, type GameSession, gameSessions } from '@casino/db';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { type Deps, inTransaction } from '../../deps';
import { DomainError, isUniqueViolation } from '../../errors';
import type { TGame } from './rounds';

export function sessionView(s: GameSession, now: Date) {
  const end = s.endedAt ?? now;
  return {
    id: s.id,
    gameType: s.game,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    active: s.endedAt === null,
    durationMs: end.getTime() - s.startedAt.getTime(),
    totalRounds: s.totalRounds,
    totalBet: s.totalBet,
    totalWin: s.totalWin,
    netProfit: s.totalWin - s.totalBet,
    /** (win − bet) / bet, as a fraction; 0 before the first round. */
    roi: s.totalBet > 0 ? Math.round(((s.totalWin - s.totalBet) / s.totalBet) * 10_000) / 10_000 : 0,
    averageRoundMs: s.totalRounds > 0 ? Math.round(s.totalDurationMs / s.totalRounds) : 0,
  };
}

export async function startSession(deps: Deps, userId: number, game: TGame) {
  try {
    return await inTransaction(deps, async (tx, outbox) => {
      const [s] = await tx.insert(gameSessions).values({ userId, game, startedAt: deps.clock.now() }).returning();
      if (!s) throw new Error('session insert returned nothing');
      const view = sessionView(s, deps.clock.now());
      outbox.push({ userId, type: 'game_session', data: { event: 'start', ...view } });
      return view;
    });
  } catch (e) {
    if (isUniqueViolation(e, 'game_sessions_one_active_uq'))
      throw new DomainError('session_active', { gameType: game }, 'A session of this game is already running.');
    throw e;
  }
}

export async function endSession(deps: Deps, userId: number, game: TGame) {
  return inTransaction(deps, async (tx, outbox) => {
    const [s] = await tx
      .update(gameSessions)
      .set({ endedAt: deps.clock.now() })
      .where(and(eq(gameSessions.userId, userId), eq(gameSessions.game, game), isNull(gameSessions.endedAt)))
      .returning();
    if (!s) throw new DomainError('game_session_not_found', { gameType: game }, 'No active session of this game.');
    const view = sessionView(s, deps.clock.now());
    outbox.push({ userId, type: 'game_session', data: { event: 'end', ...view } });
    return view;
  });
}

export async function activeSessions(db: Db, userId: number, now: Date, game?: TGame) {
  const rows = await db
    .select()
    .from(gameSessions)
    .where(and(eq(gameSessions.userId, userId), isNull(gameSessions.endedAt), game ? eq(gameSessions.game, game) : undefined))
    .orderBy(desc(gameSessions.startedAt));
  return rows.map((s) => sessionView(s, now));
}
