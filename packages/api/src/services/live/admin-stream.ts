/**
 * admin.stats.onStats: `stats` now and every tick, merged with the admin feed's `alert` and
 * `transaction` entries (tracked by their stream id, so a reconnect resumes after the last one
 * on any instance). Each tick re-checks that the caller is still an admin with a live session:
 * a demoted, banned or logged-out admin's stream ends within one tick.
 */
import { queryRows } from '@casino/db';
import type { TAdminStats, TAdminStatsEvent } from '@casino/shared';
import { tracked } from '@trpc/server';
import { sql } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { DomainError } from '../../errors';
import type { StreamLease } from '../../realtime/stream-lease';
import { ticks } from '../../realtime/ticks';
import { getAdminStats } from './stats';

const BACKLOG = 20;

type Admin = { id: number; sessionId: string };

async function assertStillAdmin(deps: Pick<Deps, 'db' | 'clock'>, admin: Admin) {
  const [row] = await queryRows<{ role: string; status: string; live: boolean }>(
    deps.db,
    sql`SELECT u.role, u.status, (s.revoked_at IS NULL AND s.expires_at > ${deps.clock.now().toISOString()}::timestamptz) AS live
        FROM users u LEFT JOIN sessions s ON s.id = ${admin.sessionId}::uuid AND s.user_id = u.id WHERE u.id = ${admin.id}`,
  );
  if (!row?.live) throw new DomainError('session_revoked');
  if (row.status !== 'active') throw new DomainError('account_banned');
  if (row.role !== 'admin' && row.role !== 'support') throw new DomainError('admin_required');
}

type Item = { kind: 'stats'; stats: TAdminStats } | { kind: 'feed'; id: string; event: TAdminStatsEvent } | { kind: 'error'; err: unknown };

export async function* adminStatsStream(
  deps: Deps,
  admin: Admin,
  lease: StreamLease,
  opts: { timeZone: string; intervalMs: number; lastEventId: string | null; signal: AbortSignal | undefined },
) {
  lease.keepAlive();
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const queue: Item[] = [];
  let wake: (() => void) | null = null;
  const push = (item: Item) => {
    queue.push(item);
    wake?.();
  };
  const onAbort = () => wake?.();
  signal.addEventListener('abort', onAbort);

  const feed = (async () => {
    for await (const ev of deps.bus.adminFeed({ lastEventId: opts.lastEventId, signal, backlog: BACKLOG })) {
      const { id, ...rest } = ev;
      push({ kind: 'feed', id, event: rest as TAdminStatsEvent });
    }
  })().catch((err) => push({ kind: 'error', err }));
  const stats = (async () => {
    for await (const _ of ticks(opts.intervalMs, signal)) {
      await assertStillAdmin(deps, admin);
      push({ kind: 'stats', stats: await getAdminStats(deps, opts.timeZone) });
    }
  })().catch((err) => push({ kind: 'error', err }));

  try {
    while (!signal.aborted) {
      const item = queue.shift();
      if (!item) {
        await new Promise<void>((r) => {
          wake = r;
        });
        wake = null;
        continue;
      }
      if (item.kind === 'error') throw item.err;
      if (item.kind === 'stats') yield { type: 'stats', data: item.stats } satisfies TAdminStatsEvent as TAdminStatsEvent;
      else yield tracked(item.id, item.event);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    stop.abort();
    await Promise.all([feed, stats]);
    await lease.release();
  }
}
