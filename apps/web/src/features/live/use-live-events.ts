/**
 * One SSE subscription to economy.live while signed in. Balance events patch the
 * cached `auth.me` in place (no refetch), then the ledger page is refreshed;
 * achievements and notifications show a toast (notifications also refresh the inbox and
 * the bell's count); session_revoked ends the local session. The link
 * resumes from the last event id; a refusal goes through the SPA's shared error handling.
 */
import type { TLiveEnvelope } from '@casino/shared';
import { useTRPC } from '@casino/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { session, spa } from '../../lib/spa';
import { notificationLink } from '../notifications/links';
import { toast } from './toasts';

const REVOKE_TEXT: Record<string, string> = {
  account_banned: 'This account is banned.',
  forced_logout: 'You were logged out by an administrator.',
};

export function useLiveEvents(enabled: boolean) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  const handle = (ev: TLiveEnvelope) => {
    if (ev.type === 'token_update') {
      const { currency, balance } = ev.data;
      queryClient.setQueryData(trpc.auth.me.queryKey(), (me) => (me ? { ...me, [currency]: balance } : me));
      void queryClient.invalidateQueries(trpc.economy.wallet.pathFilter());
    } else if (ev.type === 'level_up') {
      void queryClient.invalidateQueries(trpc.auth.me.pathFilter());
    } else if (ev.type === 'achievement') {
      const { title, rewardGold } = ev.data;
      const reward = rewardGold > 0 ? `+${rewardGold.toLocaleString('en-US')} gold` : undefined;
      toast.push({ title: `Achievement unlocked: ${title}`, tone: 'ok', ...(reward ? { body: reward } : {}) });
      void queryClient.invalidateQueries(trpc.games.achievements.pathFilter());
    } else if (ev.type === 'notification' || ev.type === 'ADMIN_NOTIFICATION' || ev.type === 'ADMIN_BROADCAST') {
      const link = notificationLink(ev.data.data);
      toast.push({ title: ev.data.title, body: ev.data.body, kind: ev.type, ...(link ? { link } : {}) }, 10_000);
      void queryClient.invalidateQueries(trpc.economy.notifications.pathFilter());
    } else if (ev.type === 'game_session') {
      void queryClient.invalidateQueries(trpc.games.sessions.pathFilter());
    } else if (ev.type === 'session_revoked') {
      session.end(REVOKE_TEXT[ev.data.reason] ?? 'Your session has ended. Please log in again.');
    }
  };

  return useSubscription(
    trpc.economy.live.subscriptionOptions(undefined, { enabled, onData: (tracked) => handle(tracked.data), onError: spa.onError }),
  );
}
