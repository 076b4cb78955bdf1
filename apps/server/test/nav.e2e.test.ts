/**
 * The player's navigation at phone width (390×844): a bottom tab bar (Home, Games, Shop,
 * Events, Profile) and a menu sheet (Inbox, Sessions, Fairness, Log out). Every destination
 * is reached by tapping, every control sits inside the screen, nothing overflows sideways.
 * At 1280×800 the same tabs, the bell and the live status sit in one top bar.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, collectPageErrors, horizontalOverflow, login, signupAccount } from './browser';

const suite = browserSuite();

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

async function signedIn(viewport: { width: number; height: number }) {
  const player = await signupAccount(suite.baseUrl, 'nv');
  const context = await suite.browser.newContext({ viewport, hasTouch: viewport.width < 720 });
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${suite.baseUrl}/#/login`);
  await login(page, player.siteId);
  await page.getByTestId('home').waitFor();
  return { page, errors };
}

/** The element is fully inside the viewport (not clipped off any edge). */
async function expectOnScreen(page: Page, el: Locator) {
  const box = await el.boundingBox();
  const vp = page.viewportSize();
  if (!box || !vp) throw new Error('not laid out');
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(vp.width + 0.5);
  expect(box.y + box.height).toBeLessThanOrEqual(vp.height + 0.5);
}

async function expectSettled(page: Page) {
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  for (const id of ['nav-home', 'nav-games', 'nav-shop', 'nav-events', 'nav-profile', 'bell', 'menu-button', 'live-status']) {
    await expectOnScreen(page, page.getByTestId(id));
  }
}

const TABS: [string, string][] = [
  ['games', 'games'],
  ['shop', 'shop-page'],
  ['profile', 'profile-page'],
  ['home', 'home'],
];
const GAMES: [string, string][] = [
  ['slot', 'slot-page'],
  ['crash', 'crash-page'],
  ['gacha', 'gacha-page'],
  ['rps', 'rps-page'],
];
const MENU: [string, string][] = [
  ['inbox', 'inbox'],
  ['sessions', 'sessions'],
  ['fairness', 'fairness-page'],
];

describe('phone navigation', () => {
  it('reaches every destination by tapping at 390×844, with nothing off-screen', async () => {
    const { page, errors } = await signedIn(PHONE);
    // The tabs are a bar at the bottom of the screen.
    const bar = await page.locator('.tab-bar').boundingBox();
    expect(bar && bar.y + bar.height).toBeCloseTo(PHONE.height, 0);
    await expectSettled(page);

    for (const [tab, screen] of TABS) {
      await page.getByTestId(`nav-${tab}`).tap();
      await page.getByTestId(screen).waitFor();
      expect(await page.getByTestId(`nav-${tab}`).getAttribute('aria-current')).toBe('page');
      await expectSettled(page);
    }
    for (const [game, screen] of GAMES) {
      await page.getByTestId('nav-games').tap();
      await page.getByTestId(`game-${game}`).tap();
      await page.getByTestId(screen).waitFor();
      expect(await page.getByTestId('nav-games').getAttribute('aria-current')).toBe('page');
      await expectSettled(page);
    }
    for (const [item, screen] of MENU) {
      await page.getByTestId('menu-button').tap();
      const link = page.getByTestId(`nav-${item}`);
      await expectOnScreen(page, link);
      await expectOnScreen(page, page.getByTestId('logout'));
      await link.tap();
      await page.getByTestId(screen).waitFor();
      expect(await page.getByTestId('menu').isHidden()).toBe(true);
      await expectSettled(page);
    }
    // The bell opens the inbox too; Events is its own route.
    await page.getByTestId('nav-home').tap();
    await page.getByTestId('bell').tap();
    await page.getByTestId('inbox').waitFor();
    await page.getByTestId('nav-events').tap();
    await page.waitForURL(/#\/events$/);

    // The menu closes with Escape, and logging out from it ends the session.
    await page.getByTestId('menu-button').tap();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('menu').isHidden()).toBe(true);
    await page.getByTestId('menu-button').tap();
    await page.getByTestId('logout').tap();
    await page.getByTestId('login-form').waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows one top bar with the tabs, the bell and the live status at 1280×800', async () => {
    const { page, errors } = await signedIn(DESKTOP);
    await page.locator('[data-testid="live-status"][data-state="live"]').waitFor();
    const header = await page.locator('header.app-bar').boundingBox();
    if (!header) throw new Error('no header');
    expect(header.height).toBeLessThan(80);
    for (const id of [
      'nav-home',
      'nav-games',
      'nav-shop',
      'nav-events',
      'nav-profile',
      'bell',
      'live-status',
      'menu-button',
      'bar-wallet',
    ]) {
      const box = await page.getByTestId(id).boundingBox();
      expect(box && box.y + box.height).toBeLessThanOrEqual(header.y + header.height);
    }
    await page.getByTestId('menu-button').click();
    await page.getByTestId('nav-sessions').click();
    await page.getByTestId('sessions').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
