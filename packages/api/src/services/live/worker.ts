/**
 * The live layer's background work, started on every instance (apps/server/src/app.ts) like
 * the outbox relay: due notification jobs (claimed with SKIP LOCKED, so each runs once), the
 * admin feed scan and the online sample (one per period across the cluster), and the
 * clean-ups (expired notifications, presence older than a day).
 */
import type { Deps } from '../../deps';
import { deleteExpired } from '../notifications/inbox';
import { runDueJobs } from '../notifications/jobs';
import { scanAdminFeed } from './admin-feed';
import { prunePresence } from './presence';
import { takeSlot } from './shared-cache';
import { sampleOnline } from './stats';

export type LiveWorkerOptions = { tickMs?: number; feedMs?: number; cleanupMs?: number };
export type LiveWorker = { pass(): Promise<void>; stop(): Promise<void> };

/** One pass of everything that is due; the timer calls it, tests may call it directly. */
export function liveWorkerPass(deps: Deps, opts: LiveWorkerOptions = {}): () => Promise<void> {
  const { feedMs = 2000, cleanupMs = 60_000 } = opts;
  const step = async (name: string, fn: () => Promise<unknown>) => {
    await fn().catch((err) => deps.logger.warn({ err, step: name }, 'live worker step failed; retried next pass'));
  };
  return async () => {
    await step('notification jobs', () => runDueJobs(deps));
    if (await takeSlot(deps.kv, 'admin:feed', feedMs)) await step('admin feed', () => scanAdminFeed(deps));
    if (await takeSlot(deps.kv, 'metrics:online', deps.config.live.statsPeriodMs)) await step('online sample', () => sampleOnline(deps));
    if (await takeSlot(deps.kv, 'live:cleanup', cleanupMs)) {
      await step('expired notifications', () => deleteExpired(deps));
      await step('presence', () => prunePresence(deps));
    }
  };
}

export function startLiveWorker(deps: Deps, opts: LiveWorkerOptions = {}): LiveWorker {
  const pass = liveWorkerPass(deps, opts);
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    if (!stopped) running = pass();
  };
  tick();
  const timer = setInterval(() => void running.then(tick), opts.tickMs ?? 1000);
  return {
    pass,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
