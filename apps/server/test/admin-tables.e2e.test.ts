/**
 * The console's newer tables at phone (390×844), tablet (768×1024) and desktop (1280×800) width:
 * promo codes and configuration versions sort and page, limited stock and battle-pass seasons
 * are tables, row actions stay on one line, and the document never scrolls sideways. And an
 * admin resets another staff account's two-factor from its user page (confirmation with a
 * reason; the account's sessions end). E2E_SCREENSHOTS=<folder> keeps screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCasinoClient, memoryTokenStore } from '@casino/client';
import { DEFAULT_GAME_CONFIG } from '@casino/shared';
import { generate } from 'otplib';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminNav, browserSuite, collectPageErrors, horizontalOverflow, login, makeAdmin, PASSWORD, signupAccount } from './browser';

const suite = browserSuite();
const SHOTS = process.env.E2E_SCREENSHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `tables-${name}.png`), fullPage: true });
};

const SIZES = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

const PROMOS = 23; // a promo page holds 20
const PUBLISHES = 11; // + version 1 = 12 versions; a version page holds 10

async function clientFor(siteId: string) {
  const tokens = memoryTokenStore();
  const client = createCasinoClient({ baseUrl: suite.baseUrl, tokens });
  const r = await client.auth.login.mutate({ siteId, password: PASSWORD });
  tokens.set({ accessToken: r.accessToken, refreshToken: r.refreshToken });
  return client;
}

let admin: Awaited<ReturnType<typeof signupAccount>>;
beforeAll(async () => {
  admin = await signupAccount(suite.baseUrl, 'tad');
  await makeAdmin(suite.server, admin.userId);
  const api = await clientFor(admin.siteId);
  for (let i = 0; i < PROMOS; i++) {
    const code = `TBL${String(i).padStart(2, '0')}X${admin.userId}`;
    await api.admin.shop.promos.create.mutate({ code, kind: 'percent', value: 5 + i, maxUses: 10 + i });
  }
  let { version } = await api.admin.games.active.query();
  for (let i = 1; i <= PUBLISHES; i++) {
    const draft = { ...DEFAULT_GAME_CONFIG, rps: { ...DEFAULT_GAME_CONFIG.rps, maxBet: 10_000 + i } };
    ({ version } = await api.admin.games.publish.mutate({ baseVersion: version, draft, reason: `Table test ${i}` }));
  }
  const day = 24 * 3600_000;
  await api.admin.battlepass.createSeason.mutate({
    name: 'Table Season',
    startsAt: new Date(Date.now() - day),
    endsAt: new Date(Date.now() + 30 * day),
    maxLevel: 50,
    xpPerLevel: 1000,
    levels: [],
  });
}, 60_000);

async function adminPage(size: (typeof SIZES)[number]) {
  const page = await (await suite.browser.newContext({ viewport: { width: size.width, height: size.height } })).newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${suite.baseUrl}/admin/`);
  await login(page, admin.siteId);
  await page.getByTestId('users-page').waitFor();
  return { page, errors };
}

const attrs = (rows: Locator, name: string) => rows.evaluateAll((els, n) => els.map((e) => e.getAttribute(n) ?? ''), name);

/** The row's buttons (not those of its closed confirmation dialogs) sit on one line: every top within a few pixels of the first. */
async function onOneLine(row: Locator) {
  const tops = await row
    .locator('td.actions button')
    .evaluateAll((els) => els.filter((e) => !e.closest('dialog')).map((e) => e.getBoundingClientRect().top));
  expect(tops.length).toBeGreaterThan(0);
  for (const t of tops) expect(Math.abs(t - (tops[0] ?? 0))).toBeLessThan(4);
}

/** How far the rows' action buttons stick out of their table's box (> 0: reachable only by scrolling the table). */
const actionsOutOfView = (page: Page) =>
  page
    .locator('td.actions')
    .evaluateAll((cells) =>
      Math.max(
        0,
        ...cells.map(
          (c) => c.getBoundingClientRect().right - (c.closest('.table-scroll')?.getBoundingClientRect().right ?? Number.POSITIVE_INFINITY),
        ),
      ),
    );

describe.each(SIZES)('console tables at $name size', (size) => {
  it('sorts and pages promo codes and configuration versions; limited stock and seasons are tables; actions stay on one line', async () => {
    const { page, errors } = await adminPage(size);

    // Promo codes: 23 on two pages; sorted by code both ways.
    await adminNav(page, 'shop');
    await page.getByTestId('shop-tab-promos').click();
    const promoRows = page.getByTestId('promo-row');
    await promoRows.first().waitFor();
    expect(await promoRows.count()).toBe(20);
    expect(await page.getByTestId('promos-table').getByTestId('pager-status').textContent()).toBe(`1–20 of ${PROMOS}`);
    await page.getByTestId('promos-table').getByTestId('sort-code').click();
    const desc = await attrs(promoRows, 'data-code');
    expect(desc).toEqual([...desc].sort().reverse());
    await page.getByTestId('promos-table').getByTestId('sort-code').click();
    const asc = await attrs(promoRows, 'data-code');
    expect(asc).toEqual([...asc].sort());
    expect(asc[0]).toBe(`TBL00X${admin.userId}`);
    await onOneLine(promoRows.first());
    if (size.width >= 768) expect(await actionsOutOfView(page)).toBeLessThanOrEqual(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, `promos-${size.name}`);
    await page.getByTestId('promos-table').getByTestId('page-next').click();
    await expect.poll(() => promoRows.count()).toBe(PROMOS - 20);
    expect(await page.getByTestId('promos-table').getByTestId('pager-status').textContent()).toBe(`21–${PROMOS} of ${PROMOS}`);
    expect(await attrs(promoRows, 'data-code')).toEqual([...(await attrs(promoRows, 'data-code'))].sort());
    // Editing opens a panel; its Close leaves the table as it was.
    await promoRows.first().getByTestId('promo-edit').click();
    await page.getByTestId('promo-edit-form').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Limited stock: the launch pack in a table, its actions on one line.
    await page.getByTestId('shop-tab-limited').click();
    const stock = page.getByTestId('limited-row').first();
    await stock.waitFor();
    await onOneLine(stock);
    if (size.width >= 768) expect(await actionsOutOfView(page)).toBeLessThanOrEqual(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, `limited-${size.name}`);

    // Configuration versions: 12, ten a page, newest first; sorted by version ascending then paged.
    await adminNav(page, 'games');
    await page.getByTestId('games-tab-history').click();
    const versionRows = page.getByTestId('version-row');
    await expect.poll(() => versionRows.count()).toBe(10);
    const versions = async () => (await attrs(versionRows, 'data-version')).map(Number);
    const newest = (await versions())[0] ?? 0;
    expect(newest).toBeGreaterThanOrEqual(PUBLISHES + 1);
    expect(await versions()).toEqual([...(await versions())].sort((a, b) => b - a));
    await onOneLine(versionRows.nth(1));
    if (size.width >= 768) expect(await actionsOutOfView(page)).toBeLessThanOrEqual(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, `versions-${size.name}`);
    await page.getByTestId('versions-table').getByTestId('sort-version').click();
    await expect.poll(async () => (await versions())[0]).toBe(1);
    expect(await versions()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await page.getByTestId('versions-table').getByTestId('page-next').click();
    await expect.poll(async () => (await versions())[0]).toBe(11);
    expect(await page.getByTestId('versions-table').getByTestId('pager-status').textContent()).toBe(`11–${newest} of ${newest}`);
    // Sorting again goes back to the first page, newest first.
    await page.getByTestId('versions-table').getByTestId('sort-version').click();
    await expect.poll(async () => (await versions())[0]).toBe(newest);
    // A row opens its diff.
    await page.locator(`[data-testid="version-row"][data-version="${newest}"]`).getByTestId('version-open').click();
    await page.getByTestId('version-detail').waitFor();
    expect(await page.getByTestId('version-detail').textContent()).toContain(`Table test ${PUBLISHES}`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Events: four row actions (participations, edit, deactivate, delete) in one line inside the table at tablet width and up.
    await adminNav(page, 'progression');
    await page.getByTestId('event-seed').click();
    const event = page.getByTestId('event-row').first();
    await event.waitFor();
    await onOneLine(event);
    if (size.width >= 768) expect(await actionsOutOfView(page)).toBeLessThanOrEqual(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, `events-${size.name}`);

    // Battle-pass seasons.
    await page.getByTestId('progression-tab-battlepass').click();
    const season = page.getByTestId('season-row').first();
    await season.waitFor();
    expect(await season.textContent()).toContain('Table Season');
    await onOneLine(season);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, `seasons-${size.name}`);

    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('two-factor reset of another staff account', () => {
  it('asks for a reason, removes the factor, ends the account’s sessions and shows it on the user page', async () => {
    const other = await signupAccount(suite.baseUrl, 'tfa');
    await makeAdmin(suite.server, other.userId);
    const otherApi = await clientFor(other.siteId);
    const { secret } = await otherApi.admin.security.enrolStart.mutate();
    await otherApi.admin.security.enrolConfirm.mutate({ code: await generate({ secret, epoch: Math.floor(Date.now() / 1000) }) });
    expect((await otherApi.admin.security.status.query()).enabled).toBe(true);

    for (const size of SIZES) {
      const { page, errors } = await adminPage(size);
      await page.goto(`${suite.baseUrl}/admin/#/users/${other.userId}`);
      const panel = page.getByTestId('staff-security');
      await panel.waitFor();
      if (size.name !== 'desktop') {
        // Look only: the reset itself runs once, at desktop size.
        expect(await panel.getByTestId('staff-totp-state').textContent()).toMatch(/^On since/);
        await panel.scrollIntoViewIfNeeded();
        expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
        await shot(page, `user-totp-${size.name}`);
        expect(errors).toEqual([]);
        await page.context().close();
        continue;
      }
      // Your own page offers no reset.
      await page.goto(`${suite.baseUrl}/admin/#/users/${admin.userId}`);
      await page.getByTestId('staff-security').waitFor();
      expect(await page.getByTestId('totp-reset').count()).toBe(0);
      await page.goto(`${suite.baseUrl}/admin/#/users/${other.userId}`);
      await panel.getByTestId('totp-reset').click();
      const dialog = page.getByTestId('totp-reset-dialog');
      await dialog.getByTestId('totp-reset-dialog-confirm').click();
      await dialog.getByTestId('field-totp-reset-dialog-reason-error').waitFor();
      expect((await otherApi.admin.security.status.query()).enabled).toBe(true);
      await dialog.getByTestId('field-totp-reset-dialog-reason').fill('lost phone, ticket 7');
      await shot(page, `user-totp-confirm-${size.name}`);
      await dialog.getByTestId('totp-reset-dialog-confirm').click();
      await panel.getByTestId('totp-reset-done').waitFor();
      expect(await panel.getByTestId('totp-reset-done').textContent()).toMatch(/Two-factor reset; \d+ sessions? ended\./);
      await expect.poll(() => panel.getByTestId('staff-totp-state').textContent()).toBe('Not set up');
      expect(await panel.getByTestId('totp-reset').count()).toBe(0);
      await shot(page, `user-totp-done-${size.name}`);
      // The account's session ended; its next login needs the password alone.
      await expect(otherApi.auth.me.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
      expect((await (await clientFor(other.siteId)).admin.security.status.query()).enabled).toBe(false);
      const api = await clientFor(admin.siteId);
      const audit = await api.admin.audit.list.query({ action: 'security.totp_reset', targetId: String(other.userId) });
      expect(audit.items.map((a) => a.reason)).toEqual(['lost phone, ticket 7']);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
