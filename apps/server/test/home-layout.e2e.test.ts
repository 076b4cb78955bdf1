/**
 * The signed-in home page keeps its layout from the first paint (issue 12 item 12), in Debian
 * Chromium at 390×844 and 1280×800. The page is reloaded with the widgets' data and their lazy
 * chunk held back at the network (the real server answers them once released), so the first
 * paint is the skeleton state for certain; every widget's box then, after the data has arrived,
 * and after live updates (a balance change, a toast, the live indicator going live) is the same.
 * A PerformanceObserver in the page also sums the layout-shift entries through the whole load.
 * The login page (the other page `pnpm bench web` measures) draws its form with no layout shift.
 * Screenshots of both states go to E2E_SCREENSHOTS when set.
 */
import type { Page, Route } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, makeAdmin, signedInClient, signupAccount } from './browser';
import { DESKTOP, PHONE, playerPage, shot } from './games-ui';

const suite = browserSuite();

let adminApi: Awaited<ReturnType<typeof signedInClient>>;

beforeAll(async () => {
  const admin = await signupAccount(suite.baseUrl, 'hlad');
  await makeAdmin(suite.server, admin.userId);
  adminApi = await signedInClient(suite.baseUrl, admin.siteId);
  // The panel's most: three running events, one with a title far longer than its line.
  for (const title of ['Spin week', 'Gacha weekend', `A very long event title ${'that goes on '.repeat(6)}`]) {
    await adminApi.admin.events.create.mutate({
      title,
      description: 'Layout check.',
      type: 'special',
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + 86_400_000),
      requirements: { slot_spins: 3 },
      rewards: { gold: 300, exp: 40 },
      priority: 500,
    });
  }
});

declare global {
  interface Window {
    __shifts: { value: number; sources: string[] }[];
  }
}
/** Records the page's layout-shift entries from its first paint, with what moved (no user input in these tests). */
function observeShifts() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { value: number; sources?: { node?: Node }[] })[]) {
      const sources = (e.sources ?? []).map((s) => {
        const el = s.node instanceof Element ? s.node : s.node?.parentElement;
        return el
          ? `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : `.${el.className}`}`
          : '?';
      });
      window.__shifts.push({ value: e.value, sources });
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

/** The home's parts, top to bottom, and the header items next to the live indicator. */
const PARTS = [
  'hello',
  'balances',
  'level',
  'daily',
  'vip',
  'bonus',
  'events-panel',
  'live-metrics',
  'games',
  'transactions',
  'bar-wallet',
];

async function boxes(page: Page) {
  const out: Record<string, { x: number; y: number; width: number; height: number }> = {};
  for (const id of PARTS) {
    const b = await page.locator(`[data-widget="${id}"], [data-testid="${id}"]`).first().boundingBox();
    if (!b) throw new Error(`${id} is not on the page`);
    // The ledger is last: it may grow downwards with its rows, nothing is below it to push.
    out[id] = id === 'transactions' ? { ...b, height: 0 } : b;
  }
  return out;
}

/** Held: every API call but the session's own `auth.me`, and the lazy chunk of the home widgets. */
const isHeld = (url: string) =>
  (url.includes('/trpc/') && !/\/trpc\/auth\.me(\?|$)/.test(url)) || /\/assets\/progression-widgets-[^/]*\.js$/.test(url);

describe.each([
  ['phone', PHONE],
  ['desktop', DESKTOP],
])('home at %s size', (name, viewport) => {
  it('reserves every widget its space from the first paint: nothing moves when data and live updates arrive', async () => {
    const { page, account, errors } = await playerPage(suite.browser, suite.baseUrl, viewport);
    const held: Route[] = [];
    let holding = true;
    await page.route(
      (url) => isHeld(url.href),
      (route) => (holding ? held.push(route) : route.continue()),
    );
    await page.addInitScript(observeShifts);
    await page.reload();

    // Skeleton state: the page is drawn, none of the widgets' data has arrived.
    await page.getByTestId('home').waitFor();
    await page.locator('[data-widget="daily"][aria-busy="true"]').waitFor();
    expect(await page.locator('[data-widget][data-ready="true"]').count()).toBe(0);
    const skeleton = await boxes(page);
    await shot(page, `home-skeleton-${name}`);

    holding = false;
    for (const r of held.splice(0)) await r.continue();
    await expect.poll(() => page.locator('[data-widget][data-ready="false"]').count(), { timeout: 15_000 }).toBe(0);
    await page.locator('[data-testid="live-status"][data-state="live"]').waitFor();
    await page.locator('[data-testid="transaction"]').first().waitFor();
    expect(await page.getByTestId('panel-event').count()).toBe(3);
    const loaded = await boxes(page);
    expect(loaded).toEqual(skeleton);
    await shot(page, `home-loaded-${name}`);

    // Live: a notification toast and a balance change (the ledger grows at the bottom).
    const goldBefore = await page.getByTestId('gold').textContent();
    await adminApi.admin.notifications.send.mutate({ userId: account.userId, title: 'Layout check', body: 'Hello.' });
    await adminApi.admin.users.adjustBalance.mutate({ userId: account.userId, currency: 'gold', delta: 250, reason: 'e2e layout' });
    await page.getByTestId('toast').first().waitFor();
    await expect.poll(() => page.getByTestId('gold').textContent()).not.toBe(goldBefore);
    const after = await boxes(page);
    expect({ ...after, 'bar-wallet': null }).toEqual({ ...skeleton, 'bar-wallet': null });
    await shot(page, `home-live-${name}`);

    const shifts = await page.evaluate(() => window.__shifts);
    const cls = shifts.reduce((s, e) => s + e.value, 0);
    expect(cls, JSON.stringify(shifts)).toBeLessThan(0.1);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('login page', () => {
  it('draws the form where the "Loading…" line was without moving the page (no layout shift)', async () => {
    const context = await suite.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    // The signed-out screen's chunk waits at the network, so the loading line is painted for certain.
    const held: Route[] = [];
    let holding = true;
    await page.route(
      (url) => /\/assets\/public-shell-[^/]*\.js$/.test(url.href),
      (route) => (holding ? held.push(route) : route.continue()),
    );
    await page.addInitScript(observeShifts);
    await page.goto(`${suite.baseUrl}/`);
    await page.getByTestId('loading').waitFor();
    await expect.poll(() => held.length).toBe(1);
    holding = false;
    for (const r of held.splice(0)) await r.continue();
    await page.getByTestId('login-form').waitFor();
    // A frame after the form's: any shift of its paint has been reported by then.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect(await page.evaluate(() => window.__shifts)).toEqual([]);
    await context.close();
  });
});
