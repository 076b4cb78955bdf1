/**
 * The admin economy page in Debian Chromium: a reconciliation recorded in the history, the
 * sources-and-sinks chart and table, top balances and large movements reflecting a grant made
 * through the API (below the four-eyes threshold), at desktop and tablet widths. E2E_SCREENSHOTS=<folder> keeps screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCasinoClient, memoryTokenStore } from '@casino/client';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminNav, browserSuite, collectPageErrors, horizontalOverflow, login, makeAdmin, PASSWORD, signupAccount } from './browser';

const suite = browserSuite();
const SHOTS = process.env.E2E_SCREENSHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
};

describe('admin economy page', () => {
  it('records a reconciliation and plots where gold came from and went to', async () => {
    const { baseUrl } = suite;
    const player = await signupAccount(baseUrl, 'ec');
    const admin = await signupAccount(baseUrl, 'ea');
    await makeAdmin(suite.server, admin.userId);
    const tokens = memoryTokenStore();
    const api = createCasinoClient({ baseUrl, tokens });
    const session = await api.auth.login.mutate({ siteId: admin.siteId, password: PASSWORD });
    tokens.set({ accessToken: session.accessToken, refreshToken: session.refreshToken });
    await api.admin.users.adjustBalance.mutate({ userId: player.userId, currency: 'gold', delta: 76_543, reason: 'e2e whale grant' });
    await api.admin.users.adjustBalance.mutate({ userId: player.userId, currency: 'gold', delta: -4_321, reason: 'e2e correction' });

    const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${baseUrl}/admin/`);
    await login(page, admin.siteId);
    await page.getByTestId('users-page').waitFor();
    await adminNav(page, 'economy');
    await page.getByTestId('economy-page').waitFor();

    await page.getByTestId('reconcile').click();
    await page.locator('[data-testid="reconcile-result"][data-violations="0"]').waitFor();
    await page.locator('[data-testid="reconcile-history"] tbody tr[data-violations="0"]').first().waitFor();

    // Sources and sinks: the chart draws bars, the table names the reasons in words.
    await page.locator('[data-testid="flows-chart"] svg .recharts-bar-rectangle').first().waitFor();
    const grant = page.locator('[data-testid="flows-table"] tr[data-reason="admin_grant"]');
    expect(await grant.locator('td').first().textContent()).toBe('Granted by staff');
    expect(await grant.textContent()).toContain('+76,543');
    expect(await page.locator('[data-testid="flows-table"] tr[data-reason="admin_deduct"]').textContent()).toContain('−4,321');

    // The player is the richest, and the grant is a large movement.
    await page.locator('[data-testid="economy-top"] tbody tr', { hasText: player.nickname }).first().waitFor();
    expect(await page.locator('[data-testid="economy-top"] tbody tr').first().textContent()).toContain('73,222');
    await page.locator('[data-testid="moves-table"] tr', { hasText: '+76,543 gold' }).waitFor();
    await page.getByTestId('moves-min').fill('1000');
    await page.locator('[data-testid="moves-table"] tr', { hasText: '−4,321 gold' }).waitFor();
    await page.getByTestId('moves-min').fill('50000');
    await page.locator('[data-testid="moves-table"] tr', { hasText: '−4,321 gold' }).waitFor({ state: 'detached' });

    // Gems: nothing moved in gems; switching currency redraws without errors.
    await page.locator('label', { has: page.getByTestId('flows-gems') }).click();
    expect(await page.getByTestId('flows-gems').isChecked()).toBe(true);
    await page
      .getByTestId('economy-flows')
      .getByText(/No gems moved|Created/)
      .first()
      .waitFor();
    await page.locator('label', { has: page.getByTestId('flows-gold') }).click();
    await page.locator('[data-testid="flows-chart"] svg.recharts-surface').first().waitFor();
    await shot(page, 'economy-desktop');

    await page.setViewportSize({ width: 768, height: 1024 });
    await page.locator('[data-testid="flows-chart"] svg.recharts-surface').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'economy-tablet');
    expect(errors).toEqual([]);
  });
});
