/**
 * The users lifecycle in the admin console (Debian Chromium, in-process server): unlock a player
 * locked out by failed logins, reset a password (the player must change it at the next login),
 * anonymise a user with a typed confirmation (their siteId is free afterwards), and find it all in
 * the audit log with a readable before/after diff. Checked at 1280×800 and at tablet width
 * 768×1024 (nothing sticks out sideways). E2E_SCREENSHOTS=<folder> keeps screenshots.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCasinoClient } from '@casino/client';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, collectPageErrors, horizontalOverflow, login, makeAdmin, PASSWORD, signupAccount } from './browser';

const suite = browserSuite();
const SHOTS = process.env.E2E_SCREENSHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
};

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

async function adminPage(browser: Browser, baseUrl: string, size: (typeof SIZES)[number]) {
  const admin = await signupAccount(baseUrl, 'ad');
  await makeAdmin(suite.server, admin.userId);
  const page = await (await browser.newContext({ viewport: { width: size.width, height: size.height } })).newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${baseUrl}/admin/`);
  await login(page, admin.siteId);
  await page.getByTestId('users-page').waitFor();
  return { page, errors, admin };
}

const loginReason = (baseUrl: string, siteId: string, password: string) =>
  createCasinoClient({ baseUrl })
    .auth.login.mutate({ siteId, password })
    .then(
      (r) => ({ ok: true as const, mustChangePassword: r.user.mustChangePassword }),
      (e: { data?: { appError?: { reason?: string } } }) => ({ ok: false as const, reason: e.data?.appError?.reason }),
    );

async function confirmWithReason(page: Page, dialog: string, reason: string) {
  await page.getByTestId(`field-${dialog}-reason`).fill(reason);
  await page.getByTestId(`${dialog}-confirm`).click();
}

describe.each(SIZES)('admin users lifecycle at $name size', (size) => {
  it('unlocks a locked player, who then logs in', async () => {
    const { baseUrl, browser } = suite;
    const player = await signupAccount(baseUrl, 'lk');
    for (let i = 0; i < 5; i++)
      expect(await loginReason(baseUrl, player.siteId, 'wrong-password-1')).toMatchObject({ reason: 'invalid_credentials' });
    expect(await loginReason(baseUrl, player.siteId, PASSWORD)).toMatchObject({ ok: false, reason: 'login_locked' });

    const { page, errors } = await adminPage(browser, baseUrl, size);
    await page.getByTestId('field-locked').selectOption('yes');
    await page.locator(`[data-testid="user-row"][data-user-id="${player.userId}"]`).waitFor();
    await shot(page, `${size.name}-users-locked-filter`);
    await page.locator(`[data-testid="user-row"][data-user-id="${player.userId}"]`).getByTestId('user-link').click();
    await page.getByTestId('lockout-banner').waitFor();
    await page.locator('[data-testid="login-row"]', { hasText: 'Locked out' }).first().waitFor();
    await shot(page, `${size.name}-user-locked`);
    await page.getByTestId('unlock').click();
    await confirmWithReason(page, 'unlock-dialog', 'identity checked by phone');
    await page.locator('[data-testid="status-result"]', { hasText: 'unlocked' }).waitFor();
    await page.getByTestId('lockout-banner').waitFor({ state: 'detached' });
    expect(await loginReason(baseUrl, player.siteId, PASSWORD)).toEqual({ ok: true, mustChangePassword: false });
    // The success message clears by itself.
    await page.getByTestId('status-result').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('resets a password: the player must change it at the next login', async () => {
    const { baseUrl, browser } = suite;
    const player = await signupAccount(baseUrl, 'rp');
    const { page, errors } = await adminPage(browser, baseUrl, size);
    await page.goto(`${baseUrl}/admin/#/users/${player.userId}`);
    await page.getByTestId('reset-password').click();
    await shot(page, `${size.name}-reset-dialog`);
    await confirmWithReason(page, 'reset-dialog', 'player forgot the password');
    const temp = (await page.getByTestId('temp-password').textContent())?.trim() ?? '';
    expect(temp).toMatch(/^[A-Za-z0-9]{14}$/);
    expect(await loginReason(baseUrl, player.siteId, PASSWORD)).toMatchObject({ ok: false, reason: 'invalid_credentials' });

    const playerPage = await (await browser.newContext({ viewport: { width: size.width, height: size.height } })).newPage();
    await playerPage.goto(`${baseUrl}/#/login`);
    await playerPage.getByTestId('field-siteId').fill(player.siteId);
    await playerPage.getByTestId('field-password').fill(temp);
    await playerPage.getByTestId('login-submit').click();
    await playerPage.getByTestId('change-password-form').waitFor();
    await playerPage.getByTestId('field-currentPassword').fill(temp);
    await playerPage.getByTestId('field-newPassword').fill('my-own-new-pass-7');
    await playerPage.getByTestId('field-repeatPassword').fill('my-own-new-pass-7');
    await playerPage.getByTestId('change-password-submit').click();
    await playerPage.locator('[data-testid="gold"]', { hasText: '1,000' }).waitFor();
    expect(await loginReason(baseUrl, player.siteId, 'my-own-new-pass-7')).toEqual({ ok: true, mustChangePassword: false });
    expect(errors).toEqual([]);
    await playerPage.context().close();
    await page.context().close();
  });

  it('anonymises a user after the typed siteId; the siteId is free, and the audit log shows a readable diff', async () => {
    const { baseUrl, browser } = suite;
    const player = await signupAccount(baseUrl, 'an');
    const { page, errors, admin } = await adminPage(browser, baseUrl, size);
    await page.getByTestId('field-search').fill(player.siteId);
    await page.locator(`[data-testid="user-row"][data-user-id="${player.userId}"]`).click();
    await page.getByTestId('user-detail').waitFor();

    // A profile change first, to read back as a diff.
    await page.getByTestId('field-editRank').selectOption('PREMIUM');
    await page.getByTestId('field-editReason').fill('loyal player upgrade');
    await page.getByTestId('edit-submit').click();
    await page.locator('[data-testid="edit-result"]', { hasText: 'rank' }).waitFor();
    await shot(page, `${size.name}-user-detail`);

    await page.getByTestId('anonymize').click();
    const confirm = page.getByTestId('anonymize-dialog-confirm');
    await page.getByTestId('field-anonymize-dialog-reason').fill('erasure request by e-mail');
    await page.getByTestId('field-anonymize-dialog-typed').fill(`${player.siteId}x`);
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByTestId('field-anonymize-dialog-typed').fill(player.siteId);
    await shot(page, `${size.name}-anonymise-dialog`);
    await confirm.click();
    await page.getByTestId('anonymised-banner').waitFor();
    expect(await page.getByTestId('user-site-id').textContent()).toBe(`deleted:${player.userId}`);
    expect(await loginReason(baseUrl, player.siteId, PASSWORD)).toMatchObject({ ok: false, reason: 'invalid_credentials' });
    const again = await createCasinoClient({ baseUrl }).auth.signup.mutate({
      siteId: player.siteId,
      nickname: player.nickname,
      password: PASSWORD,
      inviteCode: '5858',
    });
    expect(again.user.id).not.toBe(player.userId);

    await page.getByTestId('user-audit-link').click();
    await page.getByTestId('audit-page').waitFor();
    await page.getByTestId('field-audit-actor').fill(admin.nickname);
    const update = page.locator('[data-testid="audit-entry"][data-action="user.update"]');
    await update.getByTestId('audit-reason').filter({ hasText: 'loyal player upgrade' }).waitFor();
    await update.getByTestId('audit-diff').locator('summary').click();
    const rank = update.locator('[data-testid="diff-row"][data-field="rank"]');
    expect((await rank.textContent())?.replace(/\s+/g, ' ')).toContain('STANDARD→PREMIUM');
    await page.locator('[data-testid="audit-entry"][data-action="user.anonymize"]').getByText('erasure request by e-mail').waitFor();
    await shot(page, `${size.name}-audit`);
    const download = page.waitForEvent('download');
    await page.getByTestId('audit-export').click();
    expect((await download).suggestedFilename()).toMatch(/^audit-.*\.csv$/);
    await page.getByTestId('audit-export-result').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
