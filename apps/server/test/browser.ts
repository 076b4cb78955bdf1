/**
 * Shared setup of the browser tests: Debian Chromium next to an in-process server with its
 * own database (cloned from the migrated template) and Redis prefix, or PGlite + in-process
 * roles; plus the checks every journey repeats.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createCasinoClient, memoryTokenStore } from '@casino/client';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { editUser } from '../../../packages/api/src/test/harness';
import { startTestServer, type TestServer } from './helpers';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
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
export const PASSWORD = 'correct-horse-42';

export function assertChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  }
}

export type BrowserSuite = { server: TestServer; browser: Browser; baseUrl: string };

/** Registers this file's beforeAll/afterAll; the fields are set once beforeAll has run. */
export function browserSuite(): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    assertChromium();
    suite.server = await startTestServer();
    suite.baseUrl = suite.server.url;
    suite.browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });
  return suite;
}

/** A fresh context at phone size (360×740). */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  return context.newPage();
}

/** Uncaught errors of the page, collected from now on. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** scrollWidth beyond the viewport means something sticks out sideways on a phone. */
export const horizontalOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Signs an account up over the typed client (invite 5858); returns its ids. */
export async function signupAccount(baseUrl: string, prefix: string) {
  const id = randomBytes(4).toString('hex');
  const res = await createCasinoClient({ baseUrl }).auth.signup.mutate({
    siteId: `${prefix}_${id}`,
    nickname: `${prefix}${id}`,
    password: PASSWORD,
    inviteCode: '5858',
  });
  return { userId: res.user.id, siteId: res.user.siteId, nickname: res.user.nickname };
}

/** A typed client signed in as the account (a session of its own, apart from any browser's). */
export async function signedInClient(baseUrl: string, siteId: string) {
  const tokens = memoryTokenStore();
  const client = createCasinoClient({ baseUrl, tokens });
  const r = await client.auth.login.mutate({ siteId, password: PASSWORD });
  tokens.set({ accessToken: r.accessToken, refreshToken: r.refreshToken });
  return client;
}

export async function makeAdmin(server: TestServer, userId: number) {
  await editUser(server.deps, userId, { role: 'admin' });
}

/** Fills either app's login form and submits it. */
export async function login(page: Page, siteId: string) {
  await page.getByTestId('field-siteId').fill(siteId);
  await page.getByTestId('field-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
}

/** Where each player screen sits in the navigation: a tab, a game in the Games lobby, or the menu. */
const GAME_SCREENS = ['slot', 'gacha', 'crash', 'rps'];
const MENU_SCREENS = ['inbox', 'missions', 'battlepass', 'sessions', 'fairness'];

/** Opens a player screen the way a player does: a tab, the Games lobby, or the menu (works at any width). */
export async function openScreen(page: Page, screen: string) {
  if (GAME_SCREENS.includes(screen)) {
    await page.getByTestId('nav-games').click();
    await page.getByTestId(`game-${screen}`).click();
  } else if (MENU_SCREENS.includes(screen)) {
    await page.getByTestId('menu-button').click();
    await page.getByTestId(`nav-${screen}`).click();
  } else {
    await page.getByTestId(`nav-${screen}`).click();
  }
}

/** Logs the player out through the menu. */
export async function logoutPlayer(page: Page) {
  await page.getByTestId('menu-button').click();
  await page.getByTestId('logout').click();
}

/**
 * Opens an admin console section: clicks its sidebar link on wide screens, or opens the Menu
 * first below 1024px where the sections sit behind the menu button.
 */
export async function adminNav(page: Page, section: string) {
  const link = page.getByTestId(`nav-${section}`);
  const menu = page.getByTestId('admin-menu');
  await page.locator(`[data-testid="nav-${section}"]:visible, [data-testid="admin-menu"]:visible`).first().waitFor();
  if (!(await link.isVisible())) await menu.click();
  await link.click();
}
