/**
 * Admin console and player app together in Debian Chromium against the in-process
 * server: a non-admin is turned away, the admin finds a player, grants gold (the
 * player's open home page updates live over SSE), sees insufficient_funds, checks
 * the audit log and reconciliation, manages an invite, and force-logs the player out.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminNav, browserSuite, horizontalOverflow, login, makeAdmin, phonePage, signupAccount } from './browser';

const suite = browserSuite();

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim();

describe('admin console', () => {
  it('manages a player end to end while the player watches live', async () => {
    const { baseUrl } = suite;
    const player = await signupAccount(baseUrl, 'pl');
    const admin = await signupAccount(baseUrl, 'ad');
    await makeAdmin(suite.server, admin.userId);

    const playerPage = await phonePage(suite.browser);
    await playerPage.goto(`${baseUrl}/#/login`);
    await login(playerPage, player.siteId);
    await playerPage.locator('[data-testid="gold"]', { hasText: '1,000' }).waitFor();
    await playerPage.locator('[data-testid="live-status"]', { hasText: 'live' }).waitFor();

    const adminPage = await phonePage(suite.browser);
    await adminPage.goto(`${baseUrl}/admin/`);
    await login(adminPage, player.siteId);
    await adminPage.getByTestId('login-refused').waitFor();
    expect(await adminPage.evaluate(() => localStorage.getItem('casino.admin.tokens'))).toBeNull();

    await login(adminPage, admin.siteId);
    await adminPage.getByTestId('users-page').waitFor();
    await adminPage.getByTestId('field-search').fill(player.nickname);
    await adminPage.locator('[data-testid="user-row"]', { hasText: player.nickname }).click();
    await adminPage.getByTestId('user-detail').waitFor();

    // Grant: the player's open page follows without a reload.
    await adminPage.getByTestId('field-delta').fill('250');
    await adminPage.getByTestId('field-adjustReason').fill('e2e goodwill grant');
    await adminPage.getByTestId('adjust-submit').click();
    await adminPage.locator('[data-testid="adjust-result"]', { hasText: '1,250' }).waitFor();
    await playerPage.locator('[data-testid="gold"]', { hasText: '1,250' }).waitFor();
    await playerPage.locator('[data-testid="transaction"]', { hasText: 'Granted by staff' }).waitFor();

    // Overdraw: refused with the human insufficient_funds message, balance unchanged.
    await adminPage.getByTestId('field-delta').fill('-999999');
    await adminPage.getByTestId('field-adjustReason').fill('e2e overdraw');
    await adminPage.getByTestId('adjust-submit').click();
    expect(await adminPage.getByTestId('adjust-error').textContent()).toBe('The player does not have that much to deduct.');
    expect(await text(adminPage, 'user-gold')).toBe('1,250');

    // A ban asks in the confirmation dialog and needs a reason before anything is sent.
    await adminPage.getByTestId('ban').click();
    await adminPage.getByTestId('ban-dialog-confirm').click();
    await adminPage.getByTestId('field-ban-dialog-reason-error').waitFor();
    await adminPage.getByTestId('ban-dialog-cancel').click();
    expect(await text(adminPage, 'user-status')).toBe('active');

    await adminNav(adminPage, 'audit');
    await adminPage.locator('[data-testid="audit-entry"][data-action="user.adjust_balance"]').first().waitFor();

    await adminNav(adminPage, 'economy');
    await adminPage.getByTestId('reconcile').click();
    await adminPage.locator('[data-testid="reconcile-result"][data-violations="0"]').waitFor();

    const code = `E2E${randomBytes(3).toString('hex').toUpperCase()}`;
    await adminNav(adminPage, 'invites');
    await adminPage.getByTestId('field-code').fill(code);
    await adminPage.getByTestId('field-maxUses').fill('3');
    await adminPage.getByTestId('invite-create-submit').click();
    await adminPage.locator('[data-testid="invite-created"]', { hasText: code }).waitFor();
    const row = adminPage.locator(`[data-testid="invite-row"][data-code="${code}"]`);
    await row.getByTestId('invite-deactivate').click();
    await adminPage.getByTestId('invite-deactivate-dialog-confirm').click();
    await row.getByText('inactive').waitFor();
    await adminPage.locator('[data-testid="invite-flash"]', { hasText: code }).waitFor();

    // Force logout reaches the player's page over the live stream.
    await adminPage.goto(`${baseUrl}/admin/#/users/${player.userId}`);
    await adminPage.getByTestId('force-logout').click();
    await adminPage.getByTestId('field-logout-dialog-reason').fill('e2e support request');
    await adminPage.getByTestId('logout-dialog-confirm').click();
    await adminPage.locator('[data-testid="status-result"]', { hasText: 'Logged out of' }).waitFor();
    await playerPage.getByTestId('login-form').waitFor();
    expect(await text(playerPage, 'session-notice')).toBe('You were logged out by an administrator.');

    for (const page of [adminPage, playerPage]) {
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    }
    await adminPage.getByTestId('logout').click();
    await adminPage.getByTestId('login-form').waitFor();
  });
});
