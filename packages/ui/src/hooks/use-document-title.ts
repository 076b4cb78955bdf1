import { useEffect } from 'react';

/** The tab shows "<screen> · <app>", so tabs and history entries say which screen they are. */
export function useDocumentTitle(screen: string, app: string) {
  useEffect(() => {
    document.title = `${screen} · ${app}`;
  }, [screen, app]);
}
