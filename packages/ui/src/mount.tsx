import type { ReactNode } from 'react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

/** Renders the app into index.html's #root. */
export function mountApp(app: ReactNode) {
  const root = document.getElementById('root');
  if (!root) throw new Error('#root element missing from index.html');
  createRoot(root).render(<StrictMode>{app}</StrictMode>);
}
