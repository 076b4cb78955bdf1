/**
 * The unread count for the bell: the smallest page of economy.notifications.list carries
 * it. Live notifications and markRead invalidate every notifications query, this one too.
 */
import { useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';

export const UNREAD_INPUT = { limit: 1 } as const;

export function useUnreadCount(enabled: boolean): number | undefined {
  const trpc = useTRPC();
  const q = useQuery(trpc.economy.notifications.list.queryOptions(UNREAD_INPUT, { enabled, select: (p) => p.unread }));
  return q.data;
}
