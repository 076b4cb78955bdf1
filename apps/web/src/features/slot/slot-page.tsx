import { Loading } from '@casino/ui';
import { lazy, Suspense } from 'react';

// The machine, its artwork and its sounds load with the screen, not with the app.
const SlotScreen = lazy(() => import('./slot-screen').then((m) => ({ default: m.SlotScreen })));

export function SlotPage({ gold }: { gold: number }) {
  return (
    <Suspense fallback={<Loading />}>
      <SlotScreen gold={gold} />
    </Suspense>
  );
}
