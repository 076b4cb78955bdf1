/**
 * The live layer's screens in Debian Chromium: an admin broadcast and a direct notification
 * sent from the admin composer reach a logged-in player's open page as toasts and in the
 * inbox without a reload, the bell's count drops as they are read; a scheduled job is listed
 * and cancelled after a confirmation; the header says "reconnecting" while the live stream is
 * down and "live" once it resumes; the admin dashboard plots its charts beside the stats.
 */
import { randomBytes } from 'node:crypto';
import { createCasinoClient, memoryTokenStore } from '@casino/client';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  adminNav,
  browserSuite,
  collectPageErrors,
  horizontalOverflow,
  login,
  makeAdmin,
  PASSWORD,
  phonePage,
  signupAccount,
} from './browser';

const suite = browserSuite();

async function desktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

async function playerOnline(prefix: string) {
  const player = await signupAccount(suite.baseUrl, prefix);
  const page = await phonePage(suite.browser);
  const errors = collectPageErrors(page);
  await page.goto(`${suite.baseUrl}/#/login`);
  await login(page, player.siteId);
  await page.getByTestId('home').waitFor();
  await page.locator('[data-testid="live-status"][data-state="live"]').waitFor();
  // Set once: still there at the end means the page was never reloaded.
  await page.evaluate(() => {
    (window as unknown as { __noReload: boolean }).__noReload = true;
  });
  return { player, page, errors };
}

async function adminConsole(prefix: string, section: string) {
  const admin = await signupAccount(suite.baseUrl, prefix);
  await makeAdmin(suite.server, admin.userId);
  const page = await desktopPage(suite.browser);
  const errors = collectPageErrors(page);
  await page.goto(`${suite.baseUrl}/admin/`);
  await login(page, admin.siteId);
  await page.getByTestId('users-page').waitFor();
  await adminNav(page, `${section}`);
  return { admin, page, errors };
}

const bell = (page: Page, n: number) => page.locator(`[data-testid="bell"][data-unread="${n}"]`).waitFor();
const toastOf = (page: Page, title: string) => page.locator('[data-testid="toast"]', { hasText: title });

async function compose(page: Page, f: { audience: 'user' | 'all'; userId?: number; title: string; body: string; link?: string }) {
  await page.getByTestId('field-audience').selectOption(f.audience);
  if (f.userId !== undefined) await page.getByTestId('field-userId').fill(String(f.userId));
  await page.getByTestId('field-title').fill(f.title);
  await page.getByTestId('field-body').fill(f.body);
  await page.getByTestId('field-link').selectOption(f.link ?? '');
  await page.getByTestId('composer-submit').click();
}

describe('notifications on screen', () => {
  it('an admin broadcast and a direct message reach the open player page live; reading them drops the count', async () => {
    const { player, page, errors } = await playerOnline('nb');
    const { page: adminPage, errors: adminErrors } = await adminConsole('na', 'notifications');
    await bell(page, 0);
    const tag = randomBytes(3).toString('hex');

    // Broadcast: asked twice, then every player gets it.
    const broadcast = `Weekend bonus ${tag}`;
    await compose(adminPage, { audience: 'all', title: broadcast, body: 'Double gold in the shop.\nUntil Sunday.', link: '/shop' });
    await adminPage.getByTestId('broadcast-confirm').waitFor();
    await adminPage.getByTestId('broadcast-confirm-yes').click();
    await adminPage.locator('[data-testid="composer-result"]', { hasText: /Broadcast to \d+ players\./ }).waitFor();

    const toast = toastOf(page, broadcast);
    await toast.waitFor();
    expect(await toast.getAttribute('data-kind')).toBe('ADMIN_BROADCAST');
    expect(await toast.textContent()).toContain('Double gold in the shop.');
    await bell(page, 1);

    // One player: only them, as ADMIN_NOTIFICATION.
    const direct = `Just for you ${tag}`;
    await compose(adminPage, { audience: 'user', userId: player.userId, title: direct, body: 'A personal note.' });
    await adminPage.locator('[data-testid="composer-result"]', { hasText: `Sent to player #${player.userId}.` }).waitFor();
    expect(await toastOf(page, direct).getAttribute('data-kind')).toBe('ADMIN_NOTIFICATION');
    await bell(page, 2);
    expect(await page.getByTestId('bell-count').textContent()).toBe('2');

    // The inbox: newest first, both unread; mark one, then all.
    await page.getByTestId('bell').click();
    await page.getByTestId('inbox').waitFor();
    const items = page.getByTestId('notification');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toContain(direct);
    expect(await items.nth(1).textContent()).toContain(broadcast);
    expect(await page.getByTestId('inbox-unread').textContent()).toBe('2 unread');

    await items.nth(0).getByTestId('mark-read').click();
    await bell(page, 1);
    await page.locator('[data-testid="notification"][data-read="true"]', { hasText: direct }).waitFor();
    await page.getByTestId('filter-unread').click();
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain(broadcast);
    await page.getByTestId('mark-all-read').click();
    await bell(page, 0);
    await page.getByTestId('inbox-empty').waitFor();
    expect(await page.getByTestId('bell-count').count()).toBe(0);

    // The broadcast links to what it is about.
    await page.getByTestId('filter-all').click();
    await page.locator('[data-testid="notification"]', { hasText: broadcast }).getByTestId('notification-link').click();
    await page.getByTestId('shop-page').waitFor();

    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect([...errors, ...adminErrors]).toEqual([]);
    await page.context().close();
    await adminPage.context().close();
  });

  it('schedules a notification for later, lists it and cancels it after a confirmation', async () => {
    const { page, errors } = await adminConsole('ns', 'notifications');
    const title = `Happy hour ${randomBytes(3).toString('hex')}`;
    await page.getByTestId('field-when').selectOption('later');
    const inAnHour = await page.evaluate(() => {
      const d = new Date(Date.now() + 3_600_000);
      d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
      return d.toISOString().slice(0, 16);
    });
    await page.getByTestId('field-sendAt').fill(inAnHour);
    await compose(page, { audience: 'all', title, body: 'Double XP for an hour.' });
    await page.locator('[data-testid="composer-result"]', { hasText: 'Scheduled for' }).waitFor();

    const row = page.locator('[data-testid="job-row"]', { hasText: title });
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('scheduled');
    const jobId = await row.getAttribute('data-id');
    await row.getByTestId('job-cancel').click();
    await row.getByTestId('job-cancel-dialog-confirm').click();
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('field-jobStatus').selectOption('cancelled');
    await page.locator(`[data-testid="job-row"][data-id="${jobId}"][data-status="cancelled"]`).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('live status', () => {
  it('shows reconnecting while the stream is down, then live again, resuming with nothing missed or doubled', async () => {
    const { player, page } = await playerOnline('nr');
    const admin = await signupAccount(suite.baseUrl, 'nra');
    await makeAdmin(suite.server, admin.userId);
    const tokens = memoryTokenStore();
    const client = createCasinoClient({ baseUrl: suite.baseUrl, tokens });
    const auth = await client.auth.login.mutate({ siteId: admin.siteId, password: PASSWORD });
    tokens.set({ accessToken: auth.accessToken, refreshToken: auth.refreshToken });
    const tag = randomBytes(3).toString('hex');
    const send = (title: string) => client.admin.notifications.send.mutate({ userId: player.userId, title, body: 'Hello.' });

    await send(`Before ${tag}`);
    await toastOf(page, `Before ${tag}`).waitFor();

    // Every new live stream fails until the route is lifted; then the open one is dropped.
    await page.route('**/trpc/economy.live**', (route) => route.abort());
    suite.server.app.server.closeAllConnections();
    const status = page.locator('[data-testid="live-status"][data-state="reconnecting"]');
    await status.waitFor();
    expect(await status.textContent()).toBe('reconnecting');
    expect(await status.isVisible()).toBe(true);

    // Sent while the player is disconnected: it arrives once the stream resumes.
    await send(`While away ${tag}`);
    await page.unroute('**/trpc/economy.live**');
    await page.locator('[data-testid="live-status"][data-state="live"]').waitFor({ timeout: 60_000 });
    await toastOf(page, `While away ${tag}`).waitFor();
    await bell(page, 2);
    expect(await toastOf(page, `Before ${tag}`).count()).toBeLessThanOrEqual(1);
    expect(await toastOf(page, `While away ${tag}`).count()).toBe(1);
    await page.context().close();
  });
});

describe('admin dashboard', () => {
  it('plots players online, rounds per minute and revenue by day beside live stats cards', async () => {
    const { page, errors } = await adminConsole('nd', 'dashboard');
    await page.getByTestId('dashboard-page').waitFor();
    for (const chart of ['chart-online', 'chart-spins', 'chart-revenue']) {
      await page.locator(`[data-testid="${chart}"] svg.recharts-surface`).waitFor();
    }
    // Revenue has one bar slot per day of the window, even at zero.
    expect(await page.getByTestId('chart-revenue').getAttribute('data-points')).toBe('14');
    await page.locator('[data-testid="dashboard-live"][data-state="pending"]').waitFor();
    await expect.poll(async () => page.getByTestId('stat-total-users').locator('.stat-value').textContent()).toMatch(/^\d[\d,]*$/);
    const users = Number((await page.getByTestId('stat-total-users').locator('.stat-value').textContent())?.replaceAll(',', ''));
    expect(users).toBeGreaterThanOrEqual(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
