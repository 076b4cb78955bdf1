import { Loading } from '@casino/ui';
import { lazy, Suspense } from 'react';

// The hands, their artwork and their sounds load with the screen, not with the app.
const RpsScreen = lazy(() => import('./rps-screen').then((m) => ({ default: m.RpsScreen })));

export function RpsPage({ gold }: { gold: number }) {
  return (
    <Suspense fallback={<Loading />}>
      <RpsScreen gold={gold} />
    </Suspense>
  );
}
