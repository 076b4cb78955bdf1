/**
 * Admin security in Debian Chromium: an admin enrols TOTP on the Security page (the secret read
 * off the page, codes computed with otplib as an authenticator app would), sees the recovery codes
 * once, logs out and back in with a code; a grant above the four-eyes threshold waits until a
 * second admin approves it on the Approvals page.
 * E2E_SCREENSHOTS=<folder> keeps screenshots of each screen at phone and desktop size.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminNav, browserSuite, login, makeAdmin, signupAccount } from './browser';

const suite = browserSuite();

const SHOTS = process.env.E2E_SCREENSHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  for (const size of [
    { name: 'phone', width: 390, height: 844 },
    { name: 'desktop', width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: join(SHOTS, `${name}-${size.name}.png`), fullPage: true });
  }
}

/** The code an authenticator shows `steps` periods from now (the server accepts one step either side). */
const codeFor = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

async function adminPage(baseUrl: string, siteId: string) {
  const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${baseUrl}/admin/`);
  await login(page, siteId);
  await page.getByTestId('users-page').waitFor();
  return page;
}

describe('admin two-factor', () => {
  it('enrols TOTP with the QR code page, then logs in with a code', async () => {
    const admin = await signupAccount(suite.baseUrl, 'tf');
    await makeAdmin(suite.server, admin.userId);
    const page = await adminPage(suite.baseUrl, admin.siteId);

    await adminNav(page, 'security');
    await page.getByTestId('totp-start').click();
    await page.getByTestId('totp-qr').waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
    const uri = new URL((await page.getByTestId('totp-uri').getAttribute('href')) ?? '');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(await page.getByTestId('totp-qr').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(100);
    await shot(page, 'totp-enrol');

    await page.getByTestId('field-totp-confirm-code').fill('000000');
    await page.getByTestId('totp-confirm-submit').click();
    expect(await page.getByTestId('totp-confirm-error').textContent()).toBe('That code is not valid.');
    await page.getByTestId('field-totp-confirm-code').fill(await codeFor(secret));
    await page.getByTestId('totp-confirm-submit').click();
    await page.getByTestId('recovery-codes').waitFor();
    const codes = await page.locator('[data-testid="recovery-codes"] code').allTextContents();
    expect(codes).toHaveLength(10);
    await shot(page, 'totp-recovery-codes');
    await page.getByTestId('recovery-done').click();
    await page.locator('[data-testid="totp-status"]', { hasText: 'Recovery codes left: 10' }).waitFor();
    expect(await page.getByTestId('recovery-codes').count()).toBe(0);

    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
    await login(page, admin.siteId);
    await page.getByTestId('totp-step').waitFor();
    await shot(page, 'totp-login-step');
    await page.getByTestId('field-totpCode').fill('123456');
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('totp-error').waitFor();
    // The next period's code: the one used to confirm was this period's, and a code is good once.
    await page.getByTestId('field-totpCode').fill(await codeFor(secret, 1));
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('users-page').waitFor();

    // And a recovery code works once as well.
    await page.getByTestId('logout').click();
    await login(page, admin.siteId);
    await page.getByTestId('field-totpCode').fill(codes[0] ?? '');
    await page.getByTestId('totp-submit').click();
    await page.getByTestId('users-page').waitFor();
    await adminNav(page, 'security');
    await page.locator('[data-testid="totp-status"]', { hasText: 'Recovery codes left: 9' }).waitFor();
  });

  it('holds a large grant until a second admin approves it', async () => {
    const [alice, bob, player] = await Promise.all(['fa', 'fb', 'fp'].map((p) => signupAccount(suite.baseUrl, p)));
    if (!alice || !bob || !player) throw new Error('signup failed');
    await makeAdmin(suite.server, alice.userId);
    await makeAdmin(suite.server, bob.userId);

    const a = await adminPage(suite.baseUrl, alice.siteId);
    await a.goto(`${suite.baseUrl}/admin/#/users/${player.userId}`);
    await a.getByTestId('user-detail').waitFor();
    await a.getByTestId('field-delta').fill('150000');
    await a.getByTestId('field-adjustReason').fill('tournament grand prize');
    await a.getByTestId('adjust-submit').click();
    await a.getByTestId('adjust-pending').waitFor();
    await shot(a, 'approval-requested');
    expect(await a.getByTestId('user-gold').textContent()).toBe('1,000');

    await adminNav(a, 'approvals');
    const row = a.locator('tr', { hasText: 'tournament grand prize' });
    await row.getByText('Another admin must approve your request.').waitFor();

    const b = await adminPage(suite.baseUrl, bob.siteId);
    await adminNav(b, 'approvals');
    const pending = b.locator('tr', { hasText: 'tournament grand prize' });
    await pending.waitFor();
    await shot(b, 'approvals-pending');
    await pending.getByRole('button', { name: 'Approve', exact: true }).click();
    await pending.getByRole('button', { name: 'Approve and grant' }).click();
    await b.locator('[data-testid="approval-flash"]', { hasText: 'approved' }).waitFor();
    await b.getByTestId('approvals-empty').waitFor();
    await b.goto(`${suite.baseUrl}/admin/#/users/${player.userId}`);
    await b.locator('[data-testid="user-gold"]', { hasText: '151,000' }).waitFor();
  });
});
