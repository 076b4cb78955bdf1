/** Player SPA: served by the server at /; in dev, /trpc (HTTP + SSE) goes to the local server. */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from '../../vite.precompress.ts';
import { appIcons } from './app-icons.ts';

export default defineConfig({
  base: '/',
  plugins: [react(), appIcons(), precompress()],
  server: { proxy: { '/trpc': { target: 'http://localhost:3000', changeOrigin: true } } },
  build: { outDir: 'dist', emptyOutDir: true },
});
