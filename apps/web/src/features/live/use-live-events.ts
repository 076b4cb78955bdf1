/**
 * One SSE subscription to economy.live while signed in. Balance events patch the
 * cached `auth.me` in place (no refetch), then the ledger page is refreshed; a bet, a reward
 * or a level-up refreshes the level bar; rewards, level-ups, achievements, battle-pass levels,
 * completed goals and notifications show a toast (notifications also refresh the inbox and the
 * bell's count); session_revoked ends the local session. The link
 * resumes from the last event id; a refusal goes through the SPA's shared error handling.
 */
import type { TLiveEnvelope } from '@casino/shared';
import { useTRPC } from '@casino/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { session, spa } from '../../lib/spa';
import { notificationLink } from '../notifications/links';
import { toastAchievement, toastBattlepass, toastLevelUp, toastProgress, toastReward } from './progress-toasts';
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
      const { currency, balance, reason } = ev.data;
      queryClient.setQueryData(trpc.auth.me.queryKey(), (me) => (me ? { ...me, [currency]: balance } : me));
      void queryClient.invalidateQueries(trpc.economy.wallet.pathFilter());
      // A bet is a round: it earned XP, so the level bar reads the server's numbers again.
      if (reason.endsWith('_bet')) void queryClient.invalidateQueries(trpc.auth.me.pathFilter());
    } else if (ev.type === 'level_up') {
      const { level, experience, maxExperience } = ev.data;
      queryClient.setQueryData(trpc.auth.me.queryKey(), (me) =>
        me ? { ...me, level, ...(experience !== undefined ? { experience } : {}), ...(maxExperience ? { maxExperience } : {}) } : me,
      );
      void queryClient.invalidateQueries(trpc.auth.me.pathFilter());
      toastLevelUp(ev.data);
    } else if (ev.type === 'reward') {
      void queryClient.invalidateQueries(trpc.auth.me.pathFilter());
      void queryClient.invalidateQueries(trpc.economy.rewards.pathFilter());
      toastReward(ev.data);
    } else if (ev.type === 'achievement') {
      toastAchievement(ev.data);
      void queryClient.invalidateQueries(trpc.games.achievements.pathFilter());
    } else if (ev.type === 'notification' || ev.type === 'ADMIN_NOTIFICATION' || ev.type === 'ADMIN_BROADCAST') {
      const link = notificationLink(ev.data.data);
      toast.push({ title: ev.data.title, body: ev.data.body, kind: ev.type, ...(link ? { link } : {}) }, 10_000);
      void queryClient.invalidateQueries(trpc.economy.notifications.pathFilter());
    } else if (ev.type === 'battlepass') {
      void queryClient.invalidateQueries(trpc.economy.battlepass.pathFilter());
      toastBattlepass(ev.data);
    } else if (ev.type === 'progress') {
      void queryClient.invalidateQueries(ev.data.kind === 'event' ? trpc.economy.events.pathFilter() : trpc.economy.missions.pathFilter());
      toastProgress(ev.data);
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
