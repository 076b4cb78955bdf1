/**
 * games.crash.onRound: the user's `crash` live events (start, cashout, bust, expired — from
 * the bus, so whichever instance settled the round) merged with ticks computed on the server
 * clock while a round is in play, every `tickMs` on the instance's shared timing wheel
 * (beat.ts). Ticks stop at the round's due time, so they never pass the crash point; the
 * settlement event is what reveals it.
 */
import { EventEmitter } from 'node:events';
import type { TCrashRoundEvent } from '@casino/shared';
import type { Deps } from '../../../deps';
import type { DeliveredEvent } from '../../../realtime/bus';
import { endsSession } from '../../auth/sessions';
import { warmSlotState } from '../slot-state';
import { onBeat } from './beat';
import { resolveAt } from './outcome';
import { findActiveRound, findRound } from './reads';
import { toRound } from './settle';
import { type RoundState, readRoundState } from './state';

export type CrashLiveEvent = TCrashRoundEvent;
export type CrashLiveItem = { id: string; data: CrashLiveEvent };

/**
 * What the tickers do, for whoever needs to wait on it instead of on time (tests, diagnostics):
 * `due` is emitted once per stream and round, when the server clock has reached the round's due
 * time (auto-cashout, bust or expiry) and the ticker stops ticking it — every tick it yielded
 * came before. Nothing the stream sends depends on a listener.
 */
export const crashTickers = new EventEmitter<{ due: [{ userId: number; gameId: string; atMs: number }] }>();

type Live = Pick<RoundState, 'gameId' | 'bet' | 'autoCashout' | 'crashPoint' | 'startedAtMs' | 'ttlMs' | 'maxWinMultiplier'>;

/**
 * The round in play. After a `start` event (published post-commit, so the round exists) the
 * copy of the instance that started it (taken once) or the Redis state serves; otherwise, and
 * when Redis lost it, Postgres answers.
 */
async function loadRound(deps: Deps, userId: number, gameId?: string): Promise<Live | null> {
  const cached = gameId ? await readRoundState(deps.kv, gameId, { take: true }) : null;
  if (cached && cached.userId === userId) return cached;
  const row = gameId ? await findRound(deps.db, gameId) : await findActiveRound(deps.db, userId);
  return row && row.userId === userId && row.status === 'active' ? { gameId: row.id, ...toRound(row) } : null;
}

export async function* crashRoundEvents(
  deps: Deps,
  user: { id: number; sessionId?: string },
  opts: { signal?: AbortSignal; lastEventId?: string | null; tickMs?: number } = {},
): AsyncGenerator<CrashLiveItem> {
  const tickMs = opts.tickMs ?? deps.config.games.crash.tickMs;
  const done = new AbortController();
  const queue: DeliveredEvent[] = [];
  const waiter: { wake: (() => void) | null } = { wake: null };
  const stop = () => {
    done.abort();
    waiter.wake?.();
  };
  if (opts.signal?.aborted) stop();
  opts.signal?.addEventListener('abort', stop);
  const userId = user.id;
  const pump = (async () => {
    for await (const ev of deps.bus.stream(userId, { lastEventId: opts.lastEventId ?? null, signal: done.signal })) {
      // The session ended (logout, revoked, banned): so does its stream.
      if (ev.type === 'session_revoked' && user.sessionId && endsSession(ev.data, user.sessionId)) break;
      queue.push(ev);
      waiter.wake?.();
    }
  })()
    .catch((err) => deps.logger.warn({ err, userId }, 'crash live stream failed'))
    // When the bus stream ends (session over, server shutting down), the ticks end too.
    .finally(stop);

  // Ticks carry the id of the last bus event seen, so a reconnect resumes after it. Before
  // any, the resume point is "now" on the stream's wall clock (stream ids are wall-clock ms).
  let lastId = opts.lastEventId ?? `${Date.now()}-0`;
  let round: Live | null = null;
  /** Set by the shared beat (beat.ts) while a round is in play: time for the next tick. */
  let beatDue = true;
  let leaveBeat: (() => void) | null = null;
  /** Joins the beat while `next` is in play, leaves it after; returns `next`. */
  const onBeatWhile = (next: Live | null): Live | null => {
    beatDue = true; // a new round ticks at once
    if (next) {
      leaveBeat ??= onBeat(tickMs, () => {
        beatDue = true;
        waiter.wake?.();
      });
    } else {
      leaveBeat?.();
      leaveBeat = null;
    }
    return next;
  };
  // Beside the stream, not in its way: the bet that usually follows then reads nothing first.
  warmSlotState(deps.db, userId).catch((err) => deps.logger.warn({ err, userId }, 'crash live stream: fairness state not loaded'));
  round = onBeatWhile(await loadRound(deps, userId));
  try {
    while (!done.signal.aborted) {
      for (let ev = queue.shift(); ev; ev = queue.shift()) {
        lastId = ev.id;
        if (ev.type !== 'crash') continue;
        const data = ev.data;
        if (data.kind === 'start') round = onBeatWhile(await loadRound(deps, userId, data.gameId));
        else if (round?.gameId === data.gameId) round = onBeatWhile(null);
        yield { id: ev.id, data };
      }
      if (round && beatDue) {
        beatDue = false;
        const now = deps.clock.now();
        const res = resolveAt(round, now.getTime(), round.maxWinMultiplier);
        if (res.status !== 'active') {
          // Due: the settlement event (from whichever instance settles it) reveals the rest.
          crashTickers.emit('due', { userId, gameId: round.gameId, atMs: now.getTime() });
          round = onBeatWhile(null);
        } else {
          yield {
            id: lastId,
            data: {
              kind: 'tick',
              gameId: round.gameId,
              multiplier: res.multiplier,
              elapsedMs: res.elapsedMs,
              serverNow: now.toISOString(),
            },
          };
        }
      }
      if (done.signal.aborted || queue.length || (round && beatDue)) continue;
      // Woken by a bus event, the beat, or the end of the stream: no timer of its own.
      await new Promise<void>((resolve) => {
        waiter.wake = resolve;
      });
      waiter.wake = null;
    }
  } finally {
    onBeatWhile(null);
    opts.signal?.removeEventListener('abort', stop);
    stop();
    await pump;
  }
}
