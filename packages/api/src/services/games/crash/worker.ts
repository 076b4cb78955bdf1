/**
 * Crash settlement worker. A fast loop starts a pass every ~50 ms (up to `parallel` passes at
 * once, each leaving the others' rounds alone) that settles, in one batch (settle-batch.ts),
 * the rounds whose due time in the Redis `crash:due` set has come (auto-cashout at exactly its
 * target, bust, expiry); a sweeper (~1 s) settles from Postgres (`status='active' AND due_at
 * <= now`), so rounds are settled even after Redis lost its state. Any number of instances
 * may run this: a short Redis claim per round usually leaves a round to one pass, and the
 * conditional update decides, so each round is settled — and paid — exactly once.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { type CrashBet, crashBets } from '@casino/db';
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Deps } from '../../../deps';
import { settleDueRounds } from './settle-batch';
import { claimSettlement, clearRoundStates, dueRoundIds, readRoundState } from './state';

/** parallel: fast-loop passes in flight at once (default 4); batch: rounds per pass (default 200). */
export type CrashWorkerOptions = { tickMs?: number; sweepMs?: number; batch?: number; parallel?: number };
export type CrashSettler = { tick(): Promise<number>; sweep(): Promise<number> };
export type CrashWorker = CrashSettler & { stop(): Promise<void> };

/** Redis entries without a row this long after their start are leftovers of a rolled-back bet. */
const GHOST_AFTER_MS = 30_000;

/** Rounds another settler has claimed in Redis are left to it (if Redis is down, all are ours). */
async function unclaimed(deps: Deps, rows: CrashBet[]): Promise<CrashBet[]> {
  const claimed = await Promise.all(rows.map((r) => claimSettlement(deps.kv, r.id).catch(() => true)));
  return rows.filter((_, i) => claimed[i]);
}

/** One pass of each loop, without timers (tests drive these directly). */
export function crashSettler(deps: Deps, opts: Pick<CrashWorkerOptions, 'batch'> = {}): CrashSettler {
  const { batch = 200 } = opts;
  /** Rounds a pass of this instance is settling: the next pass leaves them to it. */
  const inFlight = new Set<string>();

  async function settle(rows: CrashBet[]): Promise<number> {
    const mine = await unclaimed(
      deps,
      rows.filter((r) => !inFlight.has(r.id)),
    );
    for (const r of mine) inFlight.add(r.id);
    try {
      return (await settleDueRounds(deps, mine, deps.clock.now())).length;
    } catch (err) {
      deps.logger.error({ err, rounds: mine.length }, 'crash settlement failed; will retry');
      return 0;
    } finally {
      for (const r of mine) inFlight.delete(r.id);
    }
  }

  async function tick(): Promise<number> {
    const now = deps.clock.now().getTime();
    const ids = (await dueRoundIds(deps.kv, now, batch + inFlight.size)).filter((id) => !inFlight.has(id)).slice(0, batch);
    if (!ids.length) return 0;
    const rows = await deps.db.select().from(crashBets).where(inArray(crashBets.id, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const stale: string[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (row?.status === 'active') continue;
      if (row) {
        stale.push(id); // settled elsewhere (cashout, sweeper, another instance)
        continue;
      }
      // No row: either the bet's transaction has not committed yet, or it rolled back.
      const state = await readRoundState(deps.kv, id);
      if (!state || now - state.startedAtMs > GHOST_AFTER_MS) stale.push(id);
    }
    await clearRoundStates(deps.kv, stale);
    return settle(rows.filter((r) => r.status === 'active'));
  }

  async function sweep(): Promise<number> {
    const rows = await deps.db
      .select()
      .from(crashBets)
      .where(and(eq(crashBets.status, 'active'), lte(crashBets.dueAt, deps.clock.now())))
      .orderBy(asc(crashBets.dueAt))
      .limit(batch);
    return settle(rows);
  }

  return { tick, sweep };
}

export function startCrashWorker(deps: Deps, opts: CrashWorkerOptions = {}): CrashWorker {
  const { tickMs = 50, sweepMs = 1000, parallel = 4 } = opts;
  const { tick, sweep } = crashSettler(deps, opts);
  let stopped = false;
  let tickFailing = false;
  const stop = new AbortController();
  const passes = new Set<Promise<void>>();

  async function pass(name: string, fn: () => Promise<number>): Promise<void> {
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
  }

  /**
   * Every `every` ms a pass starts, even while earlier ones are still settling (up to `overlap`
   * at once; each leaves the others' rounds alone), so a round that comes due during a slow
   * batch waits for the next poll, not for that batch.
   */
  function loop(name: string, every: number, overlap: number, fn: () => Promise<number>): Promise<void> {
    return (async () => {
      const mine = new Set<Promise<void>>();
      while (!stopped) {
        if (mine.size < overlap) {
          const p: Promise<void> = pass(name, fn).finally(() => {
            mine.delete(p);
            passes.delete(p);
          });
          mine.add(p);
          passes.add(p);
        } else await Promise.race(mine);
        await delay(every, undefined, { signal: stop.signal }).catch(() => {});
      }
    })();
  }

  const running = [loop('tick', tickMs, parallel, tick), loop('sweep', sweepMs, 1, sweep)];
  return {
    tick,
    sweep,
    async stop() {
      stopped = true;
      stop.abort();
      await Promise.all(running);
      await Promise.all(passes);
    },
  };
}
