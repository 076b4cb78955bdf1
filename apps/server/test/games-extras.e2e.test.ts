/**
 * More of issue 12 in Debian Chromium: the gacha's card reveal and one pity count on home and
 * the gacha page; rock-paper-scissors' reveal, pressed hand and round history; the profile's
 * per-game stats and leaderboard units; prefers-reduced-motion (nothing left animating); the
 * login warning before a lock; titles, the favicon and an installable web app manifest.
 * Screenshots go to E2E_SCREENSHOTS when set.
 */
import { describe, expect, it } from 'vitest';
import { browserSuite, PASSWORD, signupAccount } from './browser';
import { brokenWords, DESKTOP, expectLaidOut, go, PHONE, playerPage, settleAnimations, shot } from './games-ui';

const suite = browserSuite();

describe('gacha', () => {
  it('turns the cards over with their rarity, never breaks a name mid-word, and states one pity count on home and the page', async () => {
    const { page, errors } = await playerPage(suite.browser, suite.baseUrl, PHONE);
    const homeWithin = page.getByTestId('home-pity-within');
    expect(await homeWithin.textContent()).toBe('Epic+ within 91 pulls');
    await go(page, 'gacha', 'gacha-odds');
    expect(await page.getByTestId('pity-within').getAttribute('data-within')).toBe('91');

    await page.getByTestId('gacha-pull-10').click();
    await expect.poll(() => page.getByTestId('gacha-item').count()).toBe(10);
    await settleAnimations(page);
    const cards = await page.getByTestId('gacha-item').evaluateAll((els) =>
      els.map((e) => ({
        rarity: e.getAttribute('data-rarity'),
        label: e.querySelector('.pull-rarity')?.textContent?.toLowerCase(),
        art: e.querySelector('.pull-front svg')?.getAttribute('data-art'),
        frontShown: e
          .querySelector('.pull-front')
          ?.getAnimations()
          .every((a) => a.playState === 'finished'),
      })),
    );
    for (const c of cards) expect(c).toEqual({ rarity: c.rarity, label: c.rarity, art: c.rarity, frontShown: true });
    expect(await brokenWords(page, '.pull-name, .inventory strong')).toEqual([]);
    const within = await page.getByTestId('pity-within').getAttribute('data-within');
    expect(Number(within)).toBe(91 - Number(await page.getByTestId('pity-counter').textContent()));
    await shot(page, 'gacha-revealed-390');
    await go(page, 'home', 'home');
    await expect
      .poll(() => homeWithin.textContent())
      .toBe(Number(within) === 1 ? 'Next pull: Epic+ guaranteed' : `Epic+ within ${within} pulls`);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('rock-paper-scissors', () => {
  it('shakes both hands, then shows them and the result; marks the chosen hand; lists the round', async () => {
    const { page, errors } = await playerPage(suite.browser, suite.baseUrl, DESKTOP);
    await go(page, 'rps', 'rps-page');
    expect(await page.getByTestId('rps-rock').getAttribute('aria-pressed')).toBe('false');
    await page.getByTestId('rps-rock').click();
    await page.locator('[data-testid="rps-duel"][data-state="shaking"]').waitFor();
    expect(await page.getByTestId('rps-result').count()).toBe(0);
    await page.locator('[data-testid="rps-duel"][data-state="shown"]').waitFor();
    const result = page.getByTestId('rps-result');
    expect(await result.textContent()).toMatch(
      /^(You win! Won [\d,]+ gold \(net \+\d+\)|Draw\. Bet back: \d+ gold \(net 0\)|You lose\. Lost \d+ gold \(net −\d+\))/,
    );
    const hands = await page.locator('[data-testid="rps-duel"] svg').evaluateAll((els) => els.map((e) => e.getAttribute('data-art')));
    expect(hands[0]).toBe('rock');
    expect(hands[1]).toBe(await page.getByTestId('rps-server-choice').textContent());
    expect(await page.getByTestId('rps-rock').getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByTestId('rps-paper').getAttribute('aria-pressed')).toBe('false');
    await expect.poll(() => page.getByTestId('rps-history-row').count()).toBe(1);
    expect(await page.getByTestId('rps-history-row').getAttribute('data-result')).toBe(await result.getAttribute('data-result'));
    await expectLaidOut(page, ['rps-duel', 'rps-result', 'rps-rock', 'rps-paper', 'rps-scissors']);
    await shot(page, 'rps-1280');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('profile', () => {
  it('tells each game in its own terms, with units on the leaderboard, and explains sessions', async () => {
    const { page } = await playerPage(suite.browser, suite.baseUrl, PHONE);
    await go(page, 'gacha', 'gacha-odds');
    await page.getByTestId('gacha-pull-1').click();
    await page.getByTestId('gacha-item').waitFor();
    await go(page, 'rps', 'rps-page');
    await page.getByTestId('rps-scissors').click();
    await page.getByTestId('rps-result').waitFor();
    await go(page, 'profile', 'profile-page');
    const row = (game: string) => page.locator(`[data-testid="stats-row"][data-game="${game}"]`);
    await row('gacha').waitFor();
    const gacha = (await row('gacha').textContent()) ?? '';
    expect(gacha).toContain('spent 50');
    expect(gacha).toContain('1 pull (of 1 or 10 items)');
    expect(gacha).not.toMatch(/×|best/);
    expect(await row('rps').textContent()).toMatch(/1 round · [01] won · [01] drawn · [01] lost/);
    expect(await page.getByTestId('sessions-explained').textContent()).toContain('from Start until you End it');
    const values = await page.locator('[data-testid="lb-row"] .ledger-main > strong').allTextContents();
    expect(values.length).toBeGreaterThan(0);
    for (const v of values) expect(v).toMatch(/ gold$|×$| wins?$/);
    await page.getByTestId('lb-game').selectOption('gacha');
    expect(await page.getByTestId('lb-metric').locator('option').allTextContents()).toEqual(['Epic+ pulls', 'Spent']);
    await shot(page, 'profile-390');
    await page.context().close();
  });
});

describe('reduced motion', () => {
  it('leaves nothing animating on the game screens when the player asks for reduced motion', async () => {
    const { page } = await playerPage(suite.browser, suite.baseUrl, PHONE, 'reduce');
    const running = () =>
      page.evaluate(() =>
        document
          .getAnimations()
          .filter((a) => a.playState === 'running')
          .map((a) => (a as CSSAnimation).animationName ?? 'transition'),
      );
    await go(page, 'slot', 'paytable');
    await page.getByTestId('slot-spin').click();
    await page.getByTestId('slot-result').waitFor();
    await expect.poll(running).toEqual([]);
    await go(page, 'gacha', 'gacha-odds');
    await page.getByTestId('gacha-pull-10').click();
    await expect.poll(() => page.getByTestId('gacha-item').count()).toBe(10);
    await expect.poll(running).toEqual([]);
    await go(page, 'rps', 'rps-page');
    await page.getByTestId('rps-rock').click();
    // The reveal is immediate: no shaking beat.
    await page.getByTestId('rps-result').waitFor();
    await expect.poll(running).toEqual([]);
    await page.context().close();
  });
});

describe('login', () => {
  it('warns when two, then one try is left, then shows the lock', async () => {
    const account = await signupAccount(suite.baseUrl, 'lk');
    const page = await (await suite.browser.newContext({ viewport: PHONE })).newPage();
    await page.goto(`${suite.baseUrl}/#/login`);
    const attempt = async (password: string) => {
      const answered = page.waitForResponse((r) => r.url().includes('auth.login'));
      await page.getByTestId('field-siteId').fill(account.siteId);
      await page.getByTestId('field-password').fill(password);
      await page.getByTestId('login-submit').click();
      await answered;
    };
    for (let i = 0; i < 2; i++) {
      await attempt('wrong-password');
      await page.getByTestId('login-error').waitFor();
      expect(await page.getByTestId('login-tries-left').count()).toBe(0);
    }
    await attempt('wrong-password');
    await page.locator('[data-testid="login-tries-left"][data-left="2"]').waitFor();
    expect(await page.getByTestId('login-tries-left').textContent()).toContain('Two tries left before a 10-minute lock');
    await shot(page, 'login-two-left-390');
    await attempt('wrong-password');
    await page.locator('[data-testid="login-tries-left"][data-left="1"]').waitFor();
    await attempt('wrong-password');
    await page.getByTestId('login-locked').waitFor();
    expect(await page.getByTestId('lock-countdown').textContent()).toMatch(/^(10:00|9:5\d)$/);
    expect(PASSWORD).not.toBe('wrong-password');
    await page.context().close();
  });
});

describe('install', () => {
  it('serves the manifest and icons, which Chromium accepts as an installable app; each screen has its title', async () => {
    const res = await fetch(`${suite.baseUrl}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/manifest\+json/);
    const manifest = (await res.json()) as { display: string; theme_color: string; icons: { src: string; sizes: string; type: string }[] };
    expect(manifest).toMatchObject({ name: 'Casino-Club', display: 'standalone', start_url: '/', theme_color: '#14121f' });
    for (const icon of manifest.icons) {
      const file = await fetch(`${suite.baseUrl}${icon.src}`);
      expect(file.status, icon.src).toBe(200);
      expect(file.headers.get('content-type')).toContain(icon.type);
      const bytes = Buffer.from(await file.arrayBuffer());
      if (icon.type === 'image/png') {
        const [w, h] = icon.sizes.split('x').map(Number);
        expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([w, h]);
      }
    }
    expect((await fetch(`${suite.baseUrl}/apple-touch-icon.png`)).status).toBe(200);

    const { page } = await playerPage(suite.browser, suite.baseUrl, PHONE);
    const cdp = await page.context().newCDPSession(page);
    const app = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; parsed?: { display?: string } };
    expect(app.url).toBe(`${suite.baseUrl}/manifest.webmanifest`);
    expect(app.errors).toEqual([]);
    // Test contexts are incognito, where Chromium never offers to install; nothing else may stand in the way.
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
    for (const [route, ready, title] of [
      ['slot', 'paytable', 'Slot · Casino-Club'],
      ['gacha', 'gacha-odds', 'Gacha · Casino-Club'],
      ['crash', 'crash-page', 'Crash · Casino-Club'],
      ['rps', 'rps-page', 'RPS · Casino-Club'],
      ['profile', 'profile-page', 'Profile · Casino-Club'],
    ] as const) {
      await go(page, route, ready);
      await expect.poll(() => page.title()).toBe(title);
    }
    await page.context().close();
  });
});
