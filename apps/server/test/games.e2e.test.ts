/**
 * Games in Debian Chromium against the real server (in-process, port 0): a new player
 * spins the slot, plays a crash round with a 1.01× auto cash-out that the server settles by
 * itself (or that busts first), resumes a crash round after a reload and cashes it out, then
 * rotates the seed pair on the fairness page and re-derives every round in the browser.
 * After each round the balance in the header must equal the server's.
 * With DATABASE_URL / REDIS_URL it runs on a throwaway database and its own Redis key prefix;
 * without them on PGlite and the in-process Redis roles. A second test has an admin audit
 * those crash rounds, read the game configuration and recalculate the stats.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  adminNav,
  browserSuite,
  collectPageErrors,
  horizontalOverflow,
  login,
  makeAdmin,
  openScreen,
  PASSWORD,
  phonePage,
  signupAccount,
} from './browser';

const suite = browserSuite();
/** The player of the first test, whose rounds the admin audits in the second. */
let playerId = 0;

/** The server's gold for the signed-in player, read with the page's own token (plain fetch, no SPA code). */
const serverGold = (page: Page) =>
  page.evaluate(async () => {
    const { accessToken } = JSON.parse(localStorage.getItem('casino.tokens') ?? '{}') as { accessToken?: string };
    const res = await fetch('/trpc/economy.wallet.balance', { headers: { authorization: `Bearer ${accessToken}` } });
    const body = (await res.json()) as { result: { data: { json: { gold: number } } } };
    return body.result.data.json.gold;
  });

/** Waits until the header shows exactly the server's gold (live updates may take a moment). */
async function expectHeaderGoldMatchesServer(page: Page) {
  let gold = await serverGold(page);
  await expect
    .poll(
      async () => {
        gold = await serverGold(page);
        return page.getByTestId('bar-gold').textContent();
      },
      { timeout: 10_000 },
    )
    .toBe(`${gold.toLocaleString('en-US')} g`);
  return gold;
}

describe('games in the browser', () => {
  it('spins the slot, plays crash (auto and after a reload), and verifies the rounds after rotating seeds', async () => {
    const page = await phonePage(suite.browser);
    const pageErrors = collectPageErrors(page);
    const id = randomBytes(5).toString('hex');

    await page.goto(`${suite.baseUrl}/#/signup`);
    await page.getByTestId('field-inviteCode').fill('5858');
    await page.locator('[data-testid="invite-status"][data-state="valid"]').waitFor();
    await page.getByTestId('field-siteId').fill(`game_${id}`);
    await page.getByTestId('field-nickname').fill(`Gamer${id}`);
    await page.getByTestId('field-password').fill(PASSWORD);
    await page.getByTestId('signup-submit').click();
    await page.getByTestId('home').waitFor();
    await page.locator('[data-testid="bar-gold"]', { hasText: '1,000 g' }).waitFor();
    playerId = await page.evaluate(async () => {
      const { accessToken } = JSON.parse(localStorage.getItem('casino.tokens') ?? '{}') as { accessToken?: string };
      const res = await fetch('/trpc/auth.me', { headers: { authorization: `Bearer ${accessToken}` } });
      return ((await res.json()) as { result: { data: { json: { id: number } } } }).result.data.json.id;
    });

    // Slot: one spin; the reels land on the server's symbols, then the result shows.
    await openScreen(page, 'slot');
    await page.getByTestId('paytable').waitFor();
    expect(await page.getByTestId('slot-rtp').textContent()).toContain('96.00%');
    await page.getByTestId('field-bet').fill('50');
    await page.getByTestId('slot-spin').click();
    const slotResult = page.getByTestId('slot-result');
    await slotResult.waitFor({ timeout: 10_000 });
    const reels = await page.getByTestId('reel').evaluateAll((els) => els.map((e) => e.getAttribute('data-symbol')));
    expect(reels.every((s) => s && s.length > 0)).toBe(true);
    const afterSlot = await expectHeaderGoldMatchesServer(page);
    expect(afterSlot).toBeGreaterThanOrEqual(1000 - 50);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Crash with a 1.01× auto cash-out: the server settles it by itself unless it busts first.
    await openScreen(page, 'crash');
    await page.getByTestId('crash-page').waitFor();
    await page.getByTestId('crash-recent').getByText('No rounds yet.').waitFor();
    await page.getByTestId('field-bet').fill('100');
    await page.getByTestId('field-autoCashout').fill('1.01');
    await page.getByTestId('crash-bet').click();
    const crashResult = page.getByTestId('crash-result');
    await crashResult.waitFor({ timeout: 15_000 });
    const status = await crashResult.getAttribute('data-status');
    expect(['cashed', 'busted']).toContain(status);
    if (status === 'cashed') {
      expect(await crashResult.getAttribute('data-payout')).toBe('101');
      expect(await page.getByTestId('crash-multiplier').textContent()).toBe('1.01×');
    } else {
      expect(await crashResult.textContent()).toMatch(/crashed at 1\.0[01]×/);
    }
    await page.getByTestId('crash-recent-row').first().waitFor();
    await expectHeaderGoldMatchesServer(page);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // A round without auto cash-out survives a reload: the page resumes it and can cash it out
    // (unless it crashed while the page was reloading: then there is nothing left to resume).
    await page.getByTestId('field-autoCashout').fill('');
    await page.getByTestId('field-bet').fill('20');
    const placed = page.waitForResponse((r) => r.url().includes('games.crash.bet'));
    await page.getByTestId('crash-bet').click();
    expect((await placed).ok()).toBe(true);
    await page.reload();
    const running = page.getByTestId('crash-running');
    await running.or(page.locator('[data-testid="crash-bet"]:not([disabled])')).waitFor({ timeout: 10_000 });
    if (await running.isVisible()) {
      // It may crash before the click lands: then the button is gone and the result shows anyway.
      await page
        .getByTestId('crash-cashout')
        .click({ timeout: 3000 })
        .catch(() => {});
      await crashResult.waitFor({ timeout: 15_000 });
      expect(['cashed', 'busted']).toContain(await crashResult.getAttribute('data-status'));
    }
    await expect.poll(() => page.getByTestId('crash-recent-row').count(), { timeout: 10_000 }).toBe(2);
    await expectHeaderGoldMatchesServer(page);

    // Fairness: rotate reveals the server seed; every round re-derives in the browser.
    await openScreen(page, 'fairness');
    const hash = (await page.getByTestId('fair-hash').textContent()) ?? '';
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId('fair-nonce').textContent()).toBe('3');
    await expect.poll(() => page.locator('[data-testid="fair-round"][data-revealed="false"]').count()).toBe(3);
    await page.getByTestId('field-clientSeed').fill(`my-seed-${id}`);
    await page.getByTestId('fair-rotate').click();
    await page.getByTestId('fair-revealed').waitFor();
    expect(await page.getByTestId('revealed-hash-check').textContent()).toContain('matches');
    await expect.poll(() => page.getByTestId('fair-client-seed').textContent()).toBe(`my-seed-${id}`);
    expect(await page.getByTestId('fair-hash').textContent()).not.toBe(hash);
    expect(await page.getByTestId('fair-nonce').textContent()).toBe('0');
    const revealed = page.locator('[data-testid="fair-round"][data-revealed="true"]');
    await expect.poll(() => revealed.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const round = revealed.nth(i);
      await round.getByTestId('verify-round').click();
      const result = round.getByTestId('verify-result');
      await result.waitFor();
      expect(await result.getAttribute('data-ok')).toBe('true');
      expect(await result.textContent()).toContain('verified ✓');
      await expect.poll(() => round.getByTestId('verify-server').textContent()).toContain('same outcome');
    }
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('shows the admin the player’s crash rounds, the game configuration, and recalculates stats without mismatches', async () => {
    expect(playerId).toBeGreaterThan(0);
    const { baseUrl } = suite;
    const admin = await signupAccount(baseUrl, 'adm');
    await makeAdmin(suite.server, admin.userId);
    const page = await phonePage(suite.browser);
    await page.goto(`${baseUrl}/admin/`);
    await login(page, admin.siteId);
    await page.getByTestId('users-page').waitFor();
    await page.goto(`${baseUrl}/admin/#/crash?user=${playerId}`);
    await page.getByTestId('crash-rounds-page').waitFor();
    expect(await page.getByTestId('field-crash-user').inputValue()).toBe(String(playerId));
    await expect.poll(() => page.getByTestId('crash-round').count()).toBe(2);
    const statuses = await page.getByTestId('crash-round').evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    expect(statuses.every((st) => st === 'cashed' || st === 'busted')).toBe(true);
    expect(await page.getByTestId('crash-point').first().textContent()).toMatch(/^\d+\.\d{2}×$/);
    await page.getByTestId('field-crash-status').selectOption('active');
    await page.getByText('No crash rounds match.').waitFor();

    await adminNav(page, 'games');
    expect(await page.getByTestId('config-slot-rtp').textContent()).toContain('96.00%');
    expect(await page.getByTestId('config-gacha-rarity').count()).toBe(4);
    expect(await page.getByTestId('config-crash').textContent()).toContain('99.00%');
    await page.getByTestId('recalc').click();
    const result = page.getByTestId('recalc-result');
    await result.waitFor();
    expect(await result.getAttribute('data-mismatched')).toBe('0');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
