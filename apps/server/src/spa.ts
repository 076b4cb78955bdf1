/** Serves the built player SPA at / and the admin SPA at /admin/, with client-side routing fallback. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { Env } from './env';

// Source (apps/server/src) and bundle (apps/server/dist) are both one level below apps/server.
const appsDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export async function registerSpas(app: FastifyInstance, env: Env) {
  const web = env.WEB_DIST ?? resolve(appsDir, 'web/dist');
  const admin = env.ADMIN_DIST ?? resolve(appsDir, 'admin/dist');
  const present = { web: existsSync(resolve(web, 'index.html')), admin: existsSync(resolve(admin, 'index.html')) };
  if (!present.web || !present.admin) app.log.warn(present, 'SPA build missing: run `pnpm build` to serve the web apps');
  if (present.web) await app.register(fastifyStatic, { root: web, prefix: '/', wildcard: false, decorateReply: true });
  if (present.admin) await app.register(fastifyStatic, { root: admin, prefix: '/admin/', wildcard: false, decorateReply: false });
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    const isPage = req.method === 'GET' && !url.startsWith('/trpc') && !/\.[a-z0-9]+$/i.test(url);
    if (isPage && url.startsWith('/admin') && present.admin) return reply.sendFile('index.html', admin);
    if (isPage && present.web) return reply.sendFile('index.html', web);
    return reply.code(404).send({ error: 'Not Found' });
  });
}
