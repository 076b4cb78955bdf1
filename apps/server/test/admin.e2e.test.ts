/**
 * Admin console and player app together in Debian Chromium against the in-process
 * server: a non-admin is turned away, the admin finds a player, grants gold (the
 * player's open home page updates live over SSE), sees insufficient_funds, checks
 * the audit log and reconciliation, manages an invite, and force-logs the player out.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createCasinoClient } from '@casino/client';
import { users } from '@casino/db';
import { eq } from 'drizzle-orm';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const PASSWORD = 'correct-horse-42';

let server: TestServer;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}. Install it with \`apt-get install -y chromium\`.`);
  // Its own database (cloned from the migrated template) and Redis prefix, or PGlite + in-process roles.
  server = await startTestServer();
  baseUrl = server.url;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Signs an account up over the typed client; returns its ids. */
async function signupAccount(prefix: string) {
  const id = randomBytes(4).toString('hex');
  const client = createCasinoClient({ baseUrl });
  const res = await client.auth.signup.mutate({
    siteId: `${prefix}_${id}`,
    nickname: `${prefix}${id}`,
    password: PASSWORD,
    inviteCode: '5858',
  });
  return { userId: res.user.id, siteId: res.user.siteId, nickname: res.user.nickname };
}

async function login(page: Page, siteId: string) {
  await page.getByTestId('field-siteId').fill(siteId);
  await page.getByTestId('field-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
}

const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent())?.trim();

describe('admin console', () => {
  it('manages a player end to end while the player watches live', async () => {
    const player = await signupAccount('pl');
    const admin = await signupAccount('ad');
    await server.deps.db.update(users).set({ role: 'admin' }).where(eq(users.id, admin.userId));

    const playerPage = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await playerPage.goto(`${baseUrl}/#/login`);
    await login(playerPage, player.siteId);
    await playerPage.locator('[data-testid="gold"]', { hasText: '1,000' }).waitFor();
    await playerPage.locator('[data-testid="live-status"]', { hasText: 'live' }).waitFor();

    const adminPage = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
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

    // A ban needs a reason before anything is sent.
    await adminPage.getByTestId('ban').click();
    await adminPage.getByTestId('field-statusReason-error').waitFor();
    expect(await text(adminPage, 'user-status')).toBe('active');

    await adminPage.getByTestId('nav-audit').click();
    await adminPage.locator('[data-testid="audit-entry"][data-action="user.adjust_balance"]').first().waitFor();

    await adminPage.getByTestId('nav-economy').click();
    await adminPage.getByTestId('reconcile').click();
    await adminPage.locator('[data-testid="reconcile-result"][data-violations="0"]').waitFor();

    const code = `E2E${randomBytes(3).toString('hex').toUpperCase()}`;
    await adminPage.getByTestId('nav-invites').click();
    await adminPage.getByTestId('field-code').fill(code);
    await adminPage.getByTestId('field-maxUses').fill('3');
    await adminPage.getByTestId('invite-create-submit').click();
    await adminPage.locator('[data-testid="invite-created"]', { hasText: code }).waitFor();
    const row = adminPage.locator(`[data-testid="invite-row"][data-code="${code}"]`);
    await row.getByTestId('invite-deactivate').click();
    await row.getByText('inactive').waitFor();

    // Force logout reaches the player's page over the live stream.
    await adminPage.goto(`${baseUrl}/admin/#/users/${player.userId}`);
    await adminPage.getByTestId('force-logout').click();
    await adminPage.getByTestId('force-logout').click();
    await adminPage.locator('[data-testid="status-result"]', { hasText: 'Logged out of' }).waitFor();
    await playerPage.getByTestId('login-form').waitFor();
    expect(await text(playerPage, 'session-notice')).toBe('You were logged out by an administrator.');

    for (const page of [adminPage, playerPage]) {
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    }
    await adminPage.getByTestId('logout').click();
    await adminPage.getByTestId('login-form').waitFor();
  });
});
