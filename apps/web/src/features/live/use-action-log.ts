/**
 * The player's actions for analytics (economy.actions.log): page views on every route change
 * and game actions via logAction(), sent in batches — every 10 s, at 50 queued, and when the
 * tab is hidden. Best effort: a failed batch is dropped, never retried into a loop.
 */
import { MAX_ACTIONS_PER_BATCH, type TAction } from '@casino/shared';
import { useTRPCClient } from '@casino/ui';
import { useEffect, useRef } from 'react';

const FLUSH_MS = 10_000;
const queue: TAction[] = [];
let send: ((actions: TAction[]) => Promise<unknown>) | null = null;

function flush() {
  if (!send || queue.length === 0) return;
  const batch = queue.splice(0, MAX_ACTIONS_PER_BATCH);
  void send(batch).catch(() => {});
}

/** Queues one action (e.g. `logAction('game_action', 'slot.spin', { bet })`); sent with the next batch. */
export function logAction(type: string, name?: string, payload?: Record<string, string | number | boolean | null>) {
  queue.push({ type, at: new Date(), ...(name ? { name } : {}), ...(payload ? { payload } : {}) });
  if (queue.length >= MAX_ACTIONS_PER_BATCH) flush();
}

/** Mounted once behind login: records page views of `route` and sends the queue in batches. */
export function useActionLog(enabled: boolean, route: string) {
  const client = useTRPCClient();
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    send = (actions) => client.economy.actions.log.mutate({ actions });
    const timer = setInterval(flush, FLUSH_MS);
    const onHide = () => document.visibilityState === 'hidden' && flush();
    document.addEventListener('visibilitychange', onHide);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onHide);
      flush();
      send = null;
    };
  }, [enabled, client]);
  useEffect(() => {
    if (!enabled || last.current === route) return;
    last.current = route;
    logAction('page_view', `/${route}`);
  }, [enabled, route]);
}
