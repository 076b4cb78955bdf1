/**
 * Player journey in Debian Chromium against the real server (in-process, port 0):
 * signup with the dev invite → home with 1,000 gold → no horizontal overflow at
 * 360px → logout; and the login error cases (wrong password, lockout countdown).
 * Uses PGlite unless DATABASE_URL / REDIS_URL are set.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, horizontalOverflow, logoutPlayer, PASSWORD, phonePage } from './browser';

const suite = browserSuite();

/** tRPC paths of every /trpc request, and whether it carried a bearer token. */
function recordTrpcCalls(page: Page) {
  const calls: { paths: string[]; authed: boolean }[] = [];
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!url.pathname.startsWith('/trpc/')) return;
    const connectionParams = url.searchParams.get('connectionParams') ?? '';
    calls.push({
      paths: url.pathname.slice('/trpc/'.length).split(','),
      authed: Boolean(req.headers().authorization) || connectionParams.includes('"token":"ey'),
    });
  });
  return calls;
}

describe('player signup', () => {
  it('signs up with invite 5858, shows 1,000 gold at phone width, then logs out', async () => {
    const page = await phonePage(suite.browser);
    const calls = recordTrpcCalls(page);
    const id = randomBytes(5).toString('hex');

    await page.goto(`${suite.baseUrl}/#/signup`);
    await page.getByTestId('field-inviteCode').fill('5858');
    await page.locator('[data-testid="invite-status"][data-state="valid"]').waitFor();
    await page.getByTestId('field-siteId').fill(`e2e_${id}`);
    await page.getByTestId('field-nickname').fill(`Player${id}`);
    await page.getByTestId('field-password').fill(PASSWORD);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    const beforeLogin = calls.length;
    await page.getByTestId('signup-submit').click();
    await page.getByTestId('home').waitFor();
    await page.locator('[data-testid="gold"]', { hasText: '1,000' }).waitFor();
    expect(await page.getByTestId('nickname').textContent()).toBe(`Player${id}`);
    expect(await page.getByTestId('gems').textContent()).toBe('0');
    await page.getByTestId('transaction').first().waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Before signing up, only the public invite check went out, and never with a token.
    const early = calls.slice(0, beforeLogin);
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((c) => !c.authed && c.paths.every((p) => p === 'auth.validateInvite'))).toBe(true);

    const beforeLogout = calls.length;
    await logoutPlayer(page);
    await page.getByTestId('login-form').waitFor();
    expect(await page.evaluate(() => localStorage.getItem('casino.tokens'))).toBeNull();
    // Logging out sends the logout and nothing after it: no query refetches without a session.
    await page.waitForTimeout(500);
    expect(calls.slice(beforeLogout).flatMap((c) => c.paths)).toEqual(['auth.logout']);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it('words a failed login and counts down a lockout', async () => {
    const page = await phonePage(suite.browser);
    // An unknown account fails exactly like a wrong password, and locks the same way.
    const ghost = `ghost_${randomBytes(5).toString('hex')}`;
    await page.goto(`${suite.baseUrl}/#/login`);
    await page.getByTestId('field-siteId').fill(ghost);
    await page.getByTestId('field-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    expect(await page.getByTestId('login-error').textContent()).toBe('Wrong ID or password.');

    // Warned before the lock; the failure that uses up the budget starts the countdown at once.
    for (let attempt = 2; attempt <= 5; attempt++) {
      // The answer first: right after the click the button may not show it is busy yet.
      const answered = page.waitForResponse((r) => r.url().includes('auth.login'));
      await page.getByTestId('login-submit').click();
      await answered;
      await page.waitForFunction(() => !document.querySelector('[data-testid="login-submit"]')?.textContent?.includes('…'));
      if (attempt === 4) expect(await page.getByTestId('login-tries-left').textContent()).toContain('One try left');
    }
    await page.getByTestId('login-locked').waitFor();
    expect(await page.getByTestId('login-submit').isDisabled()).toBe(true);
    const first = await page.getByTestId('lock-countdown').textContent();
    expect(first).toMatch(/^\d+:\d{2}$/);
    await page.waitForFunction((before) => document.querySelector('[data-testid="lock-countdown"]')?.textContent !== before, first);

    // The lock belongs to that account: another ID may try at once.
    await page.getByTestId('field-siteId').fill(`${ghost}_other`);
    expect(await page.getByTestId('login-submit').isDisabled()).toBe(false);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
