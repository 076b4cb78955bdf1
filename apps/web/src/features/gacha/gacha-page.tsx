import { Loading } from '@casino/ui';
import { lazy, Suspense } from 'react';

// The cards, their artwork and their sounds load with the screen, not with the app.
const GachaScreen = lazy(() => import('./gacha-screen').then((m) => ({ default: m.GachaScreen })));

export function GachaPage({ gold, gems }: { gold: number; gems: number }) {
  return (
    <Suspense fallback={<Loading />}>
      <GachaScreen gold={gold} gems={gems} />
    </Suspense>
  );
}
