import { ChangePasswordPage, ErrorBanner, Loading, useDocumentTitle, useLogout, useTRPC } from '@casino/ui';
import { useQuery } from '@tanstack/react-query';
import { lazy, type ReactNode, Suspense, useEffect, useState } from 'react';
import { isStaffRole } from '../../lib/role';
import { APP_TITLE, hrefFor, type Route, screenTitle } from '../../lib/router';
import { session } from '../../lib/spa';
import { ApprovalsPage } from '../approvals/approvals-page';
import { AuditPage } from '../audit/audit-page';
import { FraudPage } from '../fraud/fraud-page';
import { CrashRoundsPage } from '../games/crash-rounds-page';
import { GameConfigPage } from '../games/game-config-page';
import { InvitesPage } from '../invites/invites-page';
import { SecurityPage } from '../security/security-page';
import { UserDetailPage } from '../users/user-detail-page';
import { NO_FILTERS, type UserFilters } from '../users/user-filters';
import { UsersPage } from '../users/users-page';
import { WebhooksPage } from '../webhooks/webhooks-page';
import { Nav } from './nav';

// The shop screens are their own chunk (four tabs of forms most sessions never open).
const ShopPage = lazy(() => import('../shop/shop-page').then((m) => ({ default: m.ShopPage })));
// The dashboard carries recharts; neither it nor the composer belongs in the main chunk.
const DashboardPage = lazy(() => import('../dashboard/dashboard-page').then((m) => ({ default: m.DashboardPage })));
const EconomyPage = lazy(() => import('../economy/economy-page').then((m) => ({ default: m.EconomyPage })));
const NotificationsPage = lazy(() => import('../notifications/notifications-page').then((m) => ({ default: m.NotificationsPage })));
const ProgressionPage = lazy(() => import('../progression/progression-page').then((m) => ({ default: m.ProgressionPage })));

/** Everything behind the admin login; mounted only with a token pair. */
export function AdminShell({ route }: { route: Route }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const { logout, pending } = useLogout();
  const [userFilters, setUserFilters] = useState<UserFilters>(NO_FILTERS);
  const notAdmin = me.data !== undefined && !isStaffRole(me.data.role);
  // Until the account has a second factor (when required) or this session proved it, only the Security page works.
  const security = useQuery({
    ...trpc.admin.security.status.queryOptions(),
    enabled: me.data !== undefined && !notAdmin && !me.data.mustChangePassword,
  });
  const mustEnrol = security.data?.required === true && !security.data.enabled;
  useDocumentTitle(me.data?.mustChangePassword ? 'Change password' : screenTitle(route), APP_TITLE);

  useEffect(() => {
    if (notAdmin) session.end('This account is not an admin.');
  }, [notAdmin]);

  let body: ReactNode;
  if (me.isPending || notAdmin) body = <Loading />;
  else if (me.isError) body = <ErrorBanner error={me.error} />;
  else if (me.data.mustChangePassword) body = <ChangePasswordPage />;
  else if (route.name === 'security' || mustEnrol) body = <SecurityPage />;
  else if (route.name === 'approvals') body = <ApprovalsPage selfId={me.data.id} />;
  else if (route.name === 'user') body = <UserDetailPage key={route.userId} userId={route.userId} selfId={me.data.id} />;
  else if (route.name === 'dashboard')
    body = (
      <Suspense fallback={<Loading />}>
        <DashboardPage />
      </Suspense>
    );
  else if (route.name === 'notifications')
    body = (
      <Suspense fallback={<Loading />}>
        <NotificationsPage />
      </Suspense>
    );
  else if (route.name === 'invites') body = <InvitesPage />;
  else if (route.name === 'economy')
    body = (
      <Suspense fallback={<Loading />}>
        <EconomyPage />
      </Suspense>
    );
  else if (route.name === 'crash') body = <CrashRoundsPage key={hrefFor(route)} presetUserId={route.userId} />;
  else if (route.name === 'games') body = <GameConfigPage tab={route.tab ?? 'config'} />;
  else if (route.name === 'webhooks') body = <WebhooksPage />;
  else if (route.name === 'shop')
    body = (
      <Suspense fallback={<Loading />}>
        <ShopPage tab={route.tab ?? 'products'} presetUserId={route.userId} />
      </Suspense>
    );
  else if (route.name === 'progression')
    body = (
      <Suspense fallback={<Loading />}>
        <ProgressionPage tab={route.tab ?? 'events'} />
      </Suspense>
    );
  else if (route.name === 'fraud') body = <FraudPage tab={route.tab ?? 'rules'} />;
  else if (route.name === 'audit')
    body = <AuditPage key={hrefFor(route)} preset={{ targetType: route.targetType ?? '', targetId: route.targetId ?? '' }} />;
  else body = <UsersPage filters={userFilters} onFilters={setUserFilters} />;

  return (
    <div className="admin-layout">
      <Nav route={route} nickname={me.data?.nickname ?? ''} role={me.data?.role ?? ''} onLogout={logout} loggingOut={pending} />
      <main className="page">{body}</main>
    </div>
  );
}
