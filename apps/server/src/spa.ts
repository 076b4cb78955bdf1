/**
 * Serves the built player SPA at / and the admin SPA at /admin/, with client-side routing
 * fallback. Vite names everything under assets/ by content hash, so those files are cached
 * for a year as immutable; everything else (index.html, the favicon) is revalidated on each
 * use, so a deploy shows at the next load. The build writes .br and .gz next to each
 * compressible file (vite.precompress.ts); @fastify/static picks one by Accept-Encoding.
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Env } from './env';

// Source (apps/server/src) and bundle (apps/server/dist) are both one level below apps/server.
const appsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

const cacheHeaders = (root: string) => (reply: FastifyReply, path: string) => {
  reply.header('cache-control', relative(root, path).startsWith(`assets${sep}`) ? IMMUTABLE : REVALIDATE);
};

export async function registerSpas(app: FastifyInstance, env: Env) {
  const web = env.WEB_DIST ?? resolve(appsDir, 'web/dist');
  const admin = env.ADMIN_DIST ?? resolve(appsDir, 'admin/dist');
  const present = { web: existsSync(resolve(web, 'index.html')), admin: existsSync(resolve(admin, 'index.html')) };
  if (!present.web || !present.admin) app.log.warn(present, 'SPA build missing: run `pnpm build` to serve the web apps');
  const common = { wildcard: false, preCompressed: true, cacheControl: false } as const;
  // reply.sendFile (the fallback below) uses the first registration's options: its setHeaders sees
  // the admin index.html outside `web`, so it gets no-cache too.
  if (present.web)
    await app.register(fastifyStatic, { ...common, root: web, prefix: '/', decorateReply: true, setHeaders: cacheHeaders(web) });
  if (present.admin)
    await app.register(fastifyStatic, {
      ...common,
      root: admin,
      prefix: '/admin/',
      decorateReply: !present.web,
      setHeaders: cacheHeaders(admin),
    });
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    const isPage = req.method === 'GET' && !url.startsWith('/trpc') && !/\.[a-z0-9]+$/i.test(url);
    if (isPage && url.startsWith('/admin') && present.admin) return reply.sendFile('index.html', admin);
    if (isPage && present.web) return reply.sendFile('index.html', web);
    return reply.code(404).send({ error: 'Not Found' });
  });
}
