/**
 * Crash settlement worker. A fast loop (~50 ms) settles rounds whose due time in the Redis
 * `crash:due` set has come (auto-cashout at exactly its target, bust, expiry); a sweeper
 * (~1 s) settles from Postgres (`status='active' AND due_at <= now`), so rounds are settled
 * even after Redis lost its state. Any number of instances may run this: settlement is a
 * conditional update, so each round is settled — and paid — exactly once.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { type CrashBet, crashBets } from '@casino/db';
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Deps } from '../../../deps';
import { settleIfDue } from './settle';
import { claimSettlement, clearRoundState, dueRoundIds, readRoundState } from './state';

export type CrashWorkerOptions = { tickMs?: number; sweepMs?: number; batch?: number; parallel?: number };
export type CrashSettler = { tick(): Promise<number>; sweep(): Promise<number> };
export type CrashWorker = CrashSettler & { stop(): Promise<void> };

/** Redis entries without a row this long after their start are leftovers of a rolled-back bet. */
const GHOST_AFTER_MS = 30_000;

/** Settles rows with at most `parallel` transactions in flight, starting the next as soon as one ends. */
async function settleAll(deps: Deps, rows: CrashBet[], parallel: number): Promise<number> {
  let settled = 0;
  let next = 0;
  const lane = async () => {
    for (let row = rows[next++]; row; row = rows[next++]) {
      const done = await settleIfDue(deps, row, deps.clock.now()).catch((err) => {
        deps.logger.error({ err, gameId: row.id }, 'crash settlement failed; will retry');
        return null;
      });
      if (done) settled++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, rows.length) }, lane));
  return settled;
}

/** Rounds another settler has claimed in Redis are left to it (if Redis is down, all are ours). */
async function unclaimed(deps: Deps, rows: CrashBet[]): Promise<CrashBet[]> {
  const claimed = await Promise.all(rows.map((r) => claimSettlement(deps.kv, r.id).catch(() => true)));
  return rows.filter((_, i) => claimed[i]);
}

/** One pass of each loop, without timers (tests drive these directly). */
export function crashSettler(deps: Deps, opts: Pick<CrashWorkerOptions, 'batch' | 'parallel'> = {}): CrashSettler {
  const { batch = 200, parallel = 16 } = opts;

  async function tick(): Promise<number> {
    const now = deps.clock.now().getTime();
    const ids = await dueRoundIds(deps.kv, now, batch);
    if (!ids.length) return 0;
    const rows = await deps.db.select().from(crashBets).where(inArray(crashBets.id, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const row = byId.get(id);
      if (row?.status === 'active') continue;
      if (row) {
        await clearRoundState(deps.kv, id); // settled elsewhere (cashout, sweeper, another instance)
        continue;
      }
      // No row: either the bet's transaction has not committed yet, or it rolled back.
      const state = await readRoundState(deps.kv, id);
      if (!state || now - state.startedAtMs > GHOST_AFTER_MS) await clearRoundState(deps.kv, id);
    }
    return settleAll(
      deps,
      await unclaimed(
        deps,
        rows.filter((r) => r.status === 'active'),
      ),
      parallel,
    );
  }

  async function sweep(): Promise<number> {
    const rows = await deps.db
      .select()
      .from(crashBets)
      .where(and(eq(crashBets.status, 'active'), lte(crashBets.dueAt, deps.clock.now())))
      .orderBy(asc(crashBets.dueAt))
      .limit(batch);
    return settleAll(deps, await unclaimed(deps, rows), parallel);
  }

  return { tick, sweep };
}

export function startCrashWorker(deps: Deps, opts: CrashWorkerOptions = {}): CrashWorker {
  const { tickMs = 50, sweepMs = 1000 } = opts;
  const { tick, sweep } = crashSettler(deps, opts);
  let stopped = false;
  let tickFailing = false;
  const stop = new AbortController();

  function loop(name: string, every: number, fn: () => Promise<number>): Promise<void> {
    return (async () => {
      while (!stopped) {
        try {
          await fn();
          if (name === 'tick' && tickFailing) {
            tickFailing = false;
            deps.logger.info('crash worker: due-set polling recovered');
          }
        } catch (err) {
          // Redis down: the sweeper keeps settling from Postgres; log the tick's transition once.
          if (name !== 'tick' || !tickFailing) deps.logger.warn({ err }, `crash worker ${name} failed`);
          if (name === 'tick') tickFailing = true;
        }
        await delay(every, undefined, { signal: stop.signal }).catch(() => {});
      }
    })();
  }

  const running = [loop('tick', tickMs, tick), loop('sweep', sweepMs, sweep)];
  return {
    tick,
    sweep,
    async stop() {
      stopped = true;
      stop.abort();
      await Promise.all(running);
    },
  };
}
