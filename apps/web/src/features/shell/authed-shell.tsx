import { ChangePasswordPage, ErrorBanner, Loading, useDocumentTitle, useLogout, useTRPC } from '@casino/ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { APP_TITLE, navigate, type Route, SCREEN_TITLES } from '../../lib/router';
import { useConnectionState, useOnResumed } from '../live/connection';
import { Toaster } from '../live/toasts';
import { useActionLog } from '../live/use-action-log';
import { useLiveEvents } from '../live/use-live-events';
import { useUnreadCount } from '../notifications/use-unread';
import { Screen } from './screen';
import { TopBar } from './top-bar';

/** Everything behind login. Mounted only with a token pair, so no authed call can leave before login. */
export function AuthedShell({ route }: { route: Route }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const mustChange = me.data?.mustChangePassword ?? true;
  const ready = me.isSuccess && !mustChange;
  const live = useConnectionState(useLiveEvents(ready).status);
  const unread = useUnreadCount(ready);
  const queryClient = useQueryClient();
  useOnResumed(live, () => {
    for (const filter of [trpc.auth.me.pathFilter(), trpc.economy.notifications.pathFilter(), trpc.economy.wallet.pathFilter()])
      void queryClient.invalidateQueries(filter);
  });
  useActionLog(ready, route);
  const { logout, pending } = useLogout();
  useDocumentTitle(me.data?.mustChangePassword ? 'Change password' : SCREEN_TITLES[route], APP_TITLE);

  useEffect(() => {
    if (route === 'login' || route === 'signup') navigate('home');
  }, [route]);

  let body: ReactNode;
  if (me.isPending) body = <Loading />;
  else if (me.isError)
    body = (
      <div className="stack">
        <ErrorBanner error={me.error} />
        <button type="button" onClick={() => void me.refetch()}>
          Try again
        </button>
      </div>
    );
  else if (me.data.mustChangePassword) body = <ChangePasswordPage />;
  else body = <Screen route={route} me={me.data} />;

  return (
    <>
      <TopBar route={route} live={live} unread={unread} onLogout={logout} loggingOut={pending} balances={me.data} />
      <main className="page">{body}</main>
      <Toaster />
    </>
  );
}
