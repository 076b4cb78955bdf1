/**
 * How the built SPAs are served (the e2e global setup builds them, precompressed): hashed
 * assets as brotli or gzip by Accept-Encoding, cached a year as immutable; index.html and
 * the favicon revalidated. Raw bytes are read with node:http, which (unlike fetch) does not
 * decode them, so the test sees what went over the wire. Then, in Chromium, the tab title
 * of each screen of both apps.
 */
import { existsSync, readFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { IMMUTABLE, REVALIDATE } from '../src/spa';
import { adminNav, browserSuite, login, makeAdmin, openScreen, phonePage, signupAccount } from './browser';
import { root } from './process';

const suite = browserSuite();

function rawGet(url: string, acceptEncoding: string) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const DECODE: Record<string, (b: Buffer) => Buffer> = { br: brotliDecompressSync, gzip: gunzipSync, none: (b) => b };

/** The hashed script and stylesheet index.html loads, as URL paths under the app's base. */
function hashedAssets(app: 'web' | 'admin'): string[] {
  const html = readFileSync(join(root, 'apps', app, 'dist/index.html'), 'utf8');
  const paths = [...html.matchAll(/(?:src|href)="((?:\/admin)?\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
  expect(paths.some((p) => p.endsWith('.js')) && paths.some((p) => p.endsWith('.css'))).toBe(true);
  return paths;
}

const fileOf = (app: 'web' | 'admin', urlPath: string) =>
  readFileSync(join(root, 'apps', app, 'dist', urlPath.replace(app === 'admin' ? /^\/admin\// : /^\//, '')));

describe('SPA delivery', () => {
  it.each(['web', 'admin'] as const)('%s: hashed assets precompressed by Accept-Encoding, immutable for a year', async (app) => {
    let compressed = 0;
    for (const path of hashedAssets(app)) {
      const original = fileOf(app, path);
      // A file too small to shrink (a tiny chunk) gets no variant at build and goes as it is.
      const shrinks = existsSync(join(root, 'apps', app, 'dist', `${path.replace(app === 'admin' ? /^\/admin\// : /^\//, '')}.br`));
      if (shrinks) compressed++;
      for (const [accept, encoding] of [
        ['br, gzip, deflate', shrinks ? 'br' : 'none'],
        ['gzip', shrinks ? 'gzip' : 'none'],
        ['identity', 'none'],
      ] as const) {
        const res = await rawGet(`${suite.baseUrl}${path}`, accept);
        expect(res.status).toBe(200);
        expect(res.headers['content-encoding'] ?? 'none').toBe(encoding);
        expect(res.headers['cache-control']).toBe(IMMUTABLE);
        expect(res.headers.vary).toMatch(/accept-encoding/i);
        expect(res.headers['content-type']).toMatch(path.endsWith('.js') ? /javascript/ : /text\/css/);
        if (encoding !== 'none') expect(res.body.length).toBeLessThan(original.length);
        expect(DECODE[encoding]?.(res.body).equals(original)).toBe(true);
      }
    }
    expect(compressed).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['web', '/', '/favicon.svg'],
    ['admin', '/admin/', '/admin/favicon.svg'],
  ] as const)('%s: index.html (also as the client-side route fallback) and the favicon are revalidated', async (app, base, icon) => {
    const html = readFileSync(join(root, 'apps', app, 'dist/index.html'));
    expect(html.toString()).toContain(`<link rel="icon" type="image/svg+xml" href="${icon}" />`);
    for (const path of [base, `${base}some/client/route`]) {
      const res = await rawGet(`${suite.baseUrl}${path}`, 'br');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe(REVALIDATE);
      expect(res.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(res.body).equals(html)).toBe(true);
    }
    const favicon = await rawGet(`${suite.baseUrl}${icon}`, 'identity');
    expect(favicon.status).toBe(200);
    expect(favicon.headers['content-type']).toBe('image/svg+xml');
    expect(favicon.headers['cache-control']).toBe(REVALIDATE);
    expect(favicon.body.toString()).toMatch(/^<svg /);
  });
});

const titled = (page: Page, title: string) => page.waitForFunction((t) => document.title === t, title);

describe('page titles', () => {
  it('name the screen in the player app', async () => {
    const player = await signupAccount(suite.baseUrl, 'tt');
    const page = await phonePage(suite.browser);
    await page.goto(`${suite.baseUrl}/#/signup`);
    await titled(page, 'Sign up · Casino-Club');
    await page.goto(`${suite.baseUrl}/#/login`);
    await titled(page, 'Log in · Casino-Club');
    await login(page, player.siteId);
    await titled(page, 'Home · Casino-Club');
    for (const [route, title] of [
      ['slot', 'Slot'],
      ['crash', 'Crash'],
      ['fairness', 'Fairness'],
      ['inbox', 'Inbox'],
      ['games', 'Games'],
    ] as const) {
      await openScreen(page, route);
      await titled(page, `${title} · Casino-Club`);
    }
  });

  it('name the screen in the admin console', async () => {
    const admin = await signupAccount(suite.baseUrl, 'ta');
    await makeAdmin(suite.server, admin.userId);
    const page = await phonePage(suite.browser);
    await page.goto(`${suite.baseUrl}/admin/`);
    await titled(page, 'Log in · Casino-Club Admin');
    await login(page, admin.siteId);
    await titled(page, 'Users · Casino-Club Admin');
    await adminNav(page, 'invites');
    await titled(page, 'Invites · Casino-Club Admin');
    await page.goto(`${suite.baseUrl}/admin/#/users/${admin.userId}`);
    await titled(page, `User #${admin.userId} · Casino-Club Admin`);
  });
});
