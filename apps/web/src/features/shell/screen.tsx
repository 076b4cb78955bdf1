import { Loading, type RouterOutputs } from '@casino/ui';
import { lazy, Suspense } from 'react';
import type { Route } from '../../lib/router';
import { CrashPage } from '../crash/crash-page';
import { GachaPage } from '../gacha/gacha-page';
import { HomePage } from '../home/home-page';
import { RpsPage } from '../rps/rps-page';
import { SlotPage } from '../slot/slot-page';

type Me = RouterOutputs['auth']['me'];

// The shop is its own chunk: most visits never open it, and it keeps the main bundle under 500 kB.
const ShopPage = lazy(() => import('../shop/shop-page').then((m) => ({ default: m.ShopPage })));
const InboxPage = lazy(() => import('../notifications/inbox-page').then((m) => ({ default: m.InboxPage })));
const GamesPage = lazy(() => import('../games/games-page').then((m) => ({ default: m.GamesPage })));
// The fairness page carries the browser-side verifier (hashes, game math); profile and sessions are menu visits.
const FairnessPage = lazy(() => import('../fairness/fairness-page').then((m) => ({ default: m.FairnessPage })));
const ProfilePage = lazy(() => import('../profile/profile-page').then((m) => ({ default: m.ProfilePage })));
const SessionsPage = lazy(() => import('../sessions/sessions-page').then((m) => ({ default: m.SessionsPage })));
// Progression pages load on first visit, so the main bundle stays as it was.
const EventsPage = lazy(() => import('../events/events-page').then((m) => ({ default: m.EventsPage })));
const MissionsPage = lazy(() => import('../missions/missions-page').then((m) => ({ default: m.MissionsPage })));
const BattlepassPage = lazy(() => import('../battlepass/battlepass-page').then((m) => ({ default: m.BattlepassPage })));

/** The page of a signed-in route; each page fetches only what it shows. */
export function Screen({ route, me }: { route: Route; me: Me }) {
  switch (route) {
    case 'sessions':
      return (
        <Suspense fallback={<Loading />}>
          <SessionsPage />
        </Suspense>
      );
    case 'slot':
      return <SlotPage gold={me.gold} />;
    case 'gacha':
      return <GachaPage gold={me.gold} gems={me.gems} />;
    case 'crash':
      return <CrashPage gold={me.gold} />;
    case 'rps':
      return <RpsPage gold={me.gold} />;
    case 'fairness':
      return (
        <Suspense fallback={<Loading />}>
          <FairnessPage />
        </Suspense>
      );
    case 'shop':
      return (
        <Suspense fallback={<Loading />}>
          <ShopPage me={me} />
        </Suspense>
      );
    case 'inbox':
      return (
        <Suspense fallback={<Loading />}>
          <InboxPage />
        </Suspense>
      );
    case 'games':
      return (
        <Suspense fallback={<Loading />}>
          <GamesPage />
        </Suspense>
      );
    case 'events':
    case 'missions':
    case 'battlepass': {
      const Page = route === 'events' ? EventsPage : route === 'missions' ? MissionsPage : BattlepassPage;
      return (
        <Suspense fallback={<Loading />}>
          <Page />
        </Suspense>
      );
    }
    case 'profile':
      return (
        <Suspense fallback={<Loading />}>
          <ProfilePage me={me} />
        </Suspense>
      );
    default:
      return <HomePage me={me} />;
  }
}
