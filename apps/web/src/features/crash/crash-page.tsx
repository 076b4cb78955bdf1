import { Loading } from '@casino/ui';
import { lazy, Suspense } from 'react';

// The round, its artwork and its sounds load with the screen, not with the app.
const CrashScreen = lazy(() => import('./crash-screen').then((m) => ({ default: m.CrashScreen })));

export function CrashPage({ gold }: { gold: number }) {
  return (
    <Suspense fallback={<Loading />}>
      <CrashScreen gold={gold} />
    </Suspense>
  );
}
