/**
 * Live game configuration in Debian Chromium (issue 11 #2): an admin edits the slot paytable in
 * the console, sees the exact RTP before publishing, publishes with a reason; the player's next
 * spin is played under the new version; the version history shows who, why and the diff; and
 * on the player's fairness page the old round (version 1) and the new one both re-derive.
 * E2E_SCREENSHOTS=<folder> keeps screenshots of the editor and the history at 390×844 and 1280×800.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCasinoClient, memoryTokenStore } from '@casino/client';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, collectPageErrors, horizontalOverflow, login, makeAdmin, openScreen, PASSWORD, signupAccount } from './browser';

const suite = browserSuite();
const SHOTS = process.env.E2E_SCREENSHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function clientFor(baseUrl: string, siteId: string) {
  const tokens = memoryTokenStore();
  const client = createCasinoClient({ baseUrl, tokens });
  const r = await client.auth.login.mutate({ siteId, password: PASSWORD });
  tokens.set({ accessToken: r.accessToken, refreshToken: r.refreshToken });
  return client;
}

async function pageAt(browser: Browser, width: number, height: number) {
  const context = await browser.newContext({ viewport: { width, height } });
  return context.newPage();
}

describe('game configuration in the admin console', () => {
  it('edits the paytable with the RTP shown, publishes, the next spin uses it, and the old round still verifies', async () => {
    const { baseUrl, browser } = suite;
    const player = await signupAccount(baseUrl, 'cfgp');
    const playerApi = await clientFor(baseUrl, player.siteId);
    const before = await playerApi.games.slot.spin.mutate({ bet: 10 });
    expect(before.configVersion).toBe(1);

    const admin = await signupAccount(baseUrl, 'cfga');
    await makeAdmin(suite.server, admin.userId);
    const page = await pageAt(browser, 1280, 800);
    const pageErrors = collectPageErrors(page);
    await page.goto(`${baseUrl}/admin/`);
    await login(page, admin.siteId);
    await page.getByTestId('users-page').waitFor();
    await page.goto(`${baseUrl}/admin/#/games/edit`);
    await page.getByTestId('config-editor').waitFor();
    const slotRtp = page.getByTestId('rtp-slot');
    await expect.poll(() => slotRtp.textContent()).toContain('96.00%');
    expect(await page.getByTestId('publish-config').isDisabled()).toBe(true); // nothing changed yet

    // Seven × 3 from 100 to 400: the exact RTP moves before anything is published.
    await page.getByTestId('pay-triple-seven').fill('400');
    await expect.poll(() => slotRtp.textContent(), { timeout: 10_000 }).toContain('96.94%');
    expect(await page.getByTestId('rtp-verdict').getAttribute('data-ok')).toBe('true');
    expect(await page.getByTestId('change').textContent()).toContain('seven');
    // Out of the band: refused before publishing.
    await page.getByTestId('rps-edge').fill('40');
    await expect.poll(() => page.getByTestId('rtp-rps').getAttribute('data-in-band')).toBe('false');
    expect(await page.getByTestId('rtp-verdict').getAttribute('data-ok')).toBe('false');
    expect(await page.getByTestId('publish-config').isDisabled()).toBe(true);
    await page.getByTestId('rps-edge').fill('6');
    await expect.poll(() => page.getByTestId('rtp-verdict').getAttribute('data-ok')).toBe('true');
    await shot(page, 'game-config-edit-desktop');

    // A reason is required.
    expect(await page.getByTestId('publish-config').isDisabled()).toBe(true);
    expect(await page.getByTestId('publish-hint').textContent()).toContain('Say why');
    await page.getByTestId('field-config-reason').fill('Bigger jackpot for the Seven');
    await page.getByTestId('publish-config').click();
    await expect.poll(() => page.getByTestId('publish-done').textContent()).toContain('Version 2 published');

    // The next spin, with no restart, is played under version 2.
    const after = await playerApi.games.slot.spin.mutate({ bet: 10 });
    expect(after.configVersion).toBe(2);
    expect((await playerApi.games.slot.config.query()).paytable.triple.seven).toBe(400);

    // History: who, why, and the diff.
    await page.getByTestId('games-tab-history').click();
    await expect.poll(() => page.getByTestId('version-row').count()).toBe(2);
    const newest = page.locator('[data-testid="version-row"][data-version="2"]');
    expect(await newest.textContent()).toContain('Bigger jackpot for the Seven');
    expect(await newest.textContent()).toContain(admin.nickname);
    await newest.getByTestId('version-open').click();
    const detail = page.getByTestId('version-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('change').textContent()).toMatch(/seven: 100 → 400/);
    await shot(page, 'game-config-history-desktop');
    expect(pageErrors).toEqual([]);

    // Phone width: the editor and the history fit.
    const phone = await pageAt(browser, 390, 844);
    await phone.goto(`${baseUrl}/admin/`);
    await login(phone, admin.siteId);
    await phone.getByTestId('users-page').waitFor();
    await phone.goto(`${baseUrl}/admin/#/games/edit`);
    await phone.getByTestId('rtp-verdict').waitFor();
    await shot(phone, 'game-config-edit-phone');
    await phone.goto(`${baseUrl}/admin/#/games/history`);
    await phone.getByTestId('version-row').first().waitFor();
    await shot(phone, 'game-config-history-phone');
    await phone.context().close();

    // The player's fairness page: rotate, then both rounds re-derive, each under its own version.
    const web = await pageAt(browser, 390, 844);
    const webErrors = collectPageErrors(web);
    await web.goto(`${baseUrl}/#/login`);
    await login(web, player.siteId);
    await web.getByTestId('home').waitFor();
    await openScreen(web, 'fairness');
    await web.getByTestId('fair-rotate').click();
    await web.getByTestId('fair-revealed').waitFor();
    const revealed = web.locator('[data-testid="fair-round"][data-revealed="true"]');
    await expect.poll(() => revealed.count()).toBe(2);
    const versions = await revealed.evaluateAll((els) => els.map((e) => (e.textContent ?? '').match(/config v(\d+)/)?.[1]));
    expect(versions.sort()).toEqual(['1', '2']);
    for (let i = 0; i < 2; i++) {
      const round = revealed.nth(i);
      await round.getByTestId('verify-round').click();
      const result = round.getByTestId('verify-result');
      await result.waitFor();
      expect(await result.getAttribute('data-ok')).toBe('true');
      await expect.poll(() => round.getByTestId('verify-server').textContent()).toContain('same outcome');
    }
    await shot(web, 'fairness-two-versions-phone');
    expect(await horizontalOverflow(web)).toBeLessThanOrEqual(0);
    expect(webErrors).toEqual([]);
    await web.context().close();
    await page.context().close();
  });
});
