/**
 * admin.stats.onStats for the dashboard: the latest stats tick, and the alert/transaction
 * feed newest first (deduplicated by stream id: a reconnect resumes after the last one).
 */
import type { TAdminAlert, TAdminStats, TAdminTransaction } from '@casino/shared';
import { useTRPC } from '@casino/ui';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState } from 'react';
import { spa } from '../../lib/spa';

export type FeedItem =
  | { id: string; type: 'alert'; at: string; data: TAdminAlert }
  | { id: string; type: 'transaction'; at: string; data: TAdminTransaction };

const FEED_MAX = 50;
const TICK_SECONDS = 5;

export function useAdminLive(timeZone: string) {
  const trpc = useTRPC();
  const [stats, setStats] = useState<TAdminStats | null>(null);
  const [feed, setFeed] = useState<FeedItem[]>([]);
  const sub = useSubscription(
    trpc.admin.stats.onStats.subscriptionOptions(
      { timeZone, intervalSec: TICK_SECONDS },
      {
        onData: (item) => {
          if ('type' in item) {
            if (item.type === 'stats') setStats(item.data);
            return;
          }
          const ev = item.data;
          if (ev.type === 'stats') return;
          const entry = { ...ev, id: item.id } as FeedItem;
          setFeed((prev) => (prev.some((f) => f.id === entry.id) ? prev : [entry, ...prev].slice(0, FEED_MAX)));
        },
        onError: spa.onError,
      },
    ),
  );
  return { stats, feed, status: sub.status, error: sub.error };
}
