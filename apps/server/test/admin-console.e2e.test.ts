/**
 * The whole admin console at tablet (768×1024) and desktop (1280×800) width: every section opens
 * from the navigation (the sidebar, or the Menu on the tablet), the document never scrolls
 * sideways, no page error is thrown, and each section shows a table or its main content. A support
 * account sees the same screens without the admin-only controls. E2E_SCREENSHOTS=<folder> keeps
 * screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { editUser } from '../../../packages/api/src/test/harness';
import { adminNav, browserSuite, collectPageErrors, horizontalOverflow, login, makeAdmin, signupAccount } from './browser';

const suite = browserSuite();
const SHOTS = process.env.E2E_SCREENSHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `console-${name}.png`), fullPage: true });
};

const SIZES = [
  { name: 'tablet', width: 768, height: 1024 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

/** Every section, with what shows it has loaded (its page's test id). */
const SECTIONS = [
  ['dashboard', 'dashboard-page'],
  ['notifications', 'notifications-page'],
  ['users', 'users-page'],
  ['invites', 'invites-page'],
  ['approvals', 'approvals-page'],
  ['audit', 'audit-page'],
  ['economy', 'economy-page'],
  ['shop', 'shop-admin'],
  ['progression', 'progression-admin'],
  ['fraud', 'fraud-rules'],
  ['webhooks', 'webhooks-page'],
  ['games', 'games-page'],
  ['crash', 'crash-rounds-page'],
  ['security', 'security-page'],
] as const;

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

async function staffPage(size: (typeof SIZES)[number], role: 'admin' | 'support') {
  const staff = await signupAccount(suite.baseUrl, role === 'admin' ? 'cad' : 'csp');
  if (role === 'admin') await makeAdmin(suite.server, staff.userId);
  else await editUser(suite.server.deps, staff.userId, { role: 'support' });
  const page = await (await suite.browser.newContext({ viewport: { width: size.width, height: size.height } })).newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${suite.baseUrl}/admin/`);
  await login(page, staff.siteId);
  await page.getByTestId('users-page').waitFor();
  return { page, errors };
}

describe.each(SIZES)('admin console at $name size', (size) => {
  it('opens every section from the navigation without sideways scrolling or page errors', async () => {
    const { page, errors } = await staffPage(size, 'admin');
    const sidebar = size.width >= 1024;
    expect(await page.getByTestId('admin-menu').isVisible()).toBe(!sidebar);
    expect(await page.getByTestId('nav-economy').isVisible()).toBe(sidebar);
    if (!sidebar) {
      await page.getByTestId('admin-menu').click();
      await page.getByTestId('admin-nav').getByText('Players').waitFor();
      await shot(page, `menu-open-${size.name}`);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('nav-economy').isVisible()).toBe(false);
    }
    for (const [section, testId] of SECTIONS) {
      await adminNav(page, section);
      await page.getByTestId(testId).waitFor();
      expect(await page.getByTestId(`nav-${section}`).getAttribute('aria-current')).toBe('page');
      // The menu closes once a section is chosen.
      if (!sidebar) expect(await page.getByTestId(`nav-${section}`).isVisible()).toBe(false);
      const main = page.locator('main');
      await main.waitFor();
      expect(await main.locator('table, h1').count()).toBeGreaterThan(0);
      expect(await horizontalOverflow(page), section).toBeLessThanOrEqual(0);
      // Row actions are one line of compact buttons inside the table, not beyond its scroll box.
      expect(await actionsOutOfView(page), section).toBeLessThanOrEqual(1);
      await shot(page, `${section}-${size.name}`);
    }
    // Tables sort: the invites table by code, both ways.
    await adminNav(page, 'invites');
    const codes = () => page.getByTestId('invite-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code') ?? ''));
    await page.getByTestId('invite-row').first().waitFor();
    await page.getByTestId('sort-code').click();
    const desc = await codes();
    expect(desc).toEqual([...desc].sort().reverse());
    await page.getByTestId('sort-code').click();
    const asc = await codes();
    expect(asc).toEqual([...asc].sort());
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('hides the admin-only controls from a support account', async () => {
    const { page, errors } = await staffPage(size, 'support');
    expect(await page.getByTestId('admin-nickname').textContent()).toContain('support');

    await adminNav(page, 'shop');
    await page.getByTestId('product-row').first().waitFor();
    expect(await page.getByTestId('product-new').count()).toBe(0);
    expect(await page.getByTestId('product-edit').count()).toBe(0);
    expect(await page.getByTestId('product-deactivate').count()).toBe(0);

    await adminNav(page, 'fraud');
    await page.getByTestId('rule-row').first().waitFor();
    expect(await page.getByTestId('rule-new').count()).toBe(0);
    expect(await page.getByTestId('rule-delete').count()).toBe(0);

    await adminNav(page, 'games');
    await page.getByTestId('games-page').waitFor();
    expect(await page.getByTestId('games-tab-edit').count()).toBe(0);
    expect(await page.getByTestId('recalc').count()).toBe(0);

    await adminNav(page, 'progression');
    await page.getByTestId('events-admin').waitFor();
    expect(await page.getByTestId('event-new').count()).toBe(0);
    expect(await page.getByTestId('progression-tab-grants').count()).toBe(0);

    await adminNav(page, 'notifications');
    await page.getByTestId('jobs').waitFor();
    expect(await page.getByTestId('composer-submit').count()).toBe(0);

    await adminNav(page, 'invites');
    await page.getByTestId('invite-row').first().waitFor();
    expect(await page.getByTestId('invite-create-submit').count()).toBe(0);
    expect(await page.getByTestId('invite-deactivate').count()).toBe(0);
    await shot(page, `support-invites-${size.name}`);

    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
