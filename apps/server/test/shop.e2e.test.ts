/**
 * The shop in Debian Chromium against the in-process server, at phone (390×844) and desktop
 * (1280×800) size. A player funded with gems by an admin finds the shop from the balance
 * chip, reads the catalog (discount struck through with a live countdown, the VIP-only
 * bundle refused in words, the limited launch pack's stock and "left for you"), buys a gold
 * pack with gems, a gem pack with the sandbox card tok_visa, is refused by tok_declined and
 * tok_capture_fail with nothing changed, applies a promo code the admin created, and a
 * double click or a lost answer never buys twice. An admin creates a limited product in the
 * console, stops its sales in an emergency, and finds the declined purchase with its reason.
 * After every purchase the header equals the server's balance.
 *
 * E2E_SCREENSHOTS=<folder> keeps screenshots of each screen for a human to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCasinoClient, memoryTokenStore } from '@casino/client';
import { REASONS } from '@casino/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { adminNav, browserSuite, collectPageErrors, horizontalOverflow, login, makeAdmin, PASSWORD, signupAccount } from './browser';

const suite = browserSuite();

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

const SHOTS = process.env.E2E_SCREENSHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
async function shot(page: Page, name: string, fullPage = false) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** A typed client signed in as `siteId`. */
async function clientFor(baseUrl: string, siteId: string) {
  const tokens = memoryTokenStore();
  const client = createCasinoClient({ baseUrl, tokens });
  const r = await client.auth.login.mutate({ siteId, password: PASSWORD });
  tokens.set({ accessToken: r.accessToken, refreshToken: r.refreshToken });
  return client;
}

/** The server's balances for the page's signed-in player (plain fetch with its token, no SPA code). */
const serverBalance = (page: Page) =>
  page.evaluate(async () => {
    const { accessToken } = JSON.parse(localStorage.getItem('casino.tokens') ?? '{}') as { accessToken?: string };
    const res = await fetch('/trpc/economy.wallet.balance', { headers: { authorization: `Bearer ${accessToken}` } });
    const { gold, gems } = ((await res.json()) as { result: { data: { json: { gold: number; gems: number } } } }).result.data.json;
    return { gold, gems };
  });

/** Waits until the header shows exactly the server's gold and gems; returns them. */
async function expectHeaderMatchesServer(page: Page) {
  let b = await serverBalance(page);
  await expect
    .poll(
      async () => {
        b = await serverBalance(page);
        return `${await page.getByTestId('bar-gold').textContent()} | ${await page.getByTestId('bar-gems').textContent()}`;
      },
      { timeout: 10_000 },
    )
    .toBe(`${b.gold.toLocaleString('en-US')} g | ${b.gems.toLocaleString('en-US')} ◆`);
  return b;
}

const card = (page: Page, sku: string) => page.locator(`[data-testid="product"][data-sku="${sku}"]`);

async function openBuy(page: Page, sku: string) {
  await card(page, sku).getByTestId('product-buy').click();
  const dialog = page.getByTestId('buy-dialog');
  await dialog.waitFor();
  // The server's quote has arrived when the total shows a figure.
  await expect.poll(() => dialog.getByTestId('quote-total').textContent()).not.toBe('…');
  return dialog;
}

async function closeBuy(page: Page) {
  await page.getByTestId('buy-close').click();
  await page.getByTestId('buy-dialog').waitFor({ state: 'detached' });
}

/**
 * Every e2e player buys from 127.0.0.1 on a brand-new account and walks through all three test
 * cards: by the default fraud rules (fraud.e2e / assess tests cover them) that is card testing on a
 * busy IP and soon soft-blocked. This suite is about the shop, so its admin moves the blocks out of reach.
 */
async function relaxFraud(adminApi: Awaited<ReturnType<typeof clientFor>>) {
  await adminApi.admin.fraud.thresholds.set.mutate({ review: 30, softBlock: 10_000, hardBlock: 20_000, softBlockCooldownSeconds: 60 });
}

const purchaseCount = (page: Page) => page.getByTestId('purchase-row').count();

describe.each(VIEWPORTS)('shop in the browser ($name)', (vp) => {
  it('buys with gems, with a card, is refused by bad cards, applies a promo code, and never buys twice', async () => {
    const { baseUrl } = suite;
    const player = await signupAccount(baseUrl, 'shop');
    const admin = await signupAccount(baseUrl, 'shad');
    await makeAdmin(suite.server, admin.userId);
    const adminApi = await clientFor(baseUrl, admin.siteId);
    await relaxFraud(adminApi);
    await adminApi.admin.users.adjustBalance.mutate({
      userId: player.userId,
      currency: 'gems',
      delta: 200,
      reason: 'e2e shop funding',
      idempotencyKey: `e2e-fund-${player.userId}`,
    });
    const promo = `SAVE${player.userId}X${vp.width}`;
    await adminApi.admin.shop.promos.create.mutate({ code: promo, kind: 'percent', value: 20, maxUses: 5 });

    const page = await (await suite.browser.newContext({ viewport: { width: vp.width, height: vp.height } })).newPage();
    const pageErrors = collectPageErrors(page);
    await page.goto(`${baseUrl}/#/login`);
    await login(page, player.siteId);
    await page.getByTestId('home').waitFor();
    await page.locator('[data-testid="live-status"]', { hasText: 'live' }).waitFor();
    await page.locator('[data-testid="bar-gems"]', { hasText: '200 ◆' }).waitFor();

    // The home page points at the shop; so does the balance chip in the header.
    expect(await page.getByTestId('home-shop').getAttribute('href')).toBe('#/shop');
    await page.getByTestId('bar-wallet').click();
    await page.getByTestId('shop-page').waitFor();
    await card(page, 'gold_1000').waitFor();
    expect(await page.getByTestId('nav-shop').getAttribute('aria-current')).toBe('page');

    // The running discount: original struck through, effective price, a countdown that moves.
    const vault = card(page, 'gold_12000');
    expect(await vault.getByTestId('price-original').textContent()).toBe('100 gems');
    expect(await vault.getByTestId('price').textContent()).toBe('75 gems');
    expect(await vault.getByTestId('discount-badge').textContent()).toBe('−25%');
    expect(await vault.getByTestId('discount-countdown').textContent()).toMatch(/^\d+d \d+h$/);
    // Rank refusal: disabled, labelled, with the shared sentence.
    const vip = card(page, 'vip_bundle');
    expect(await vip.getAttribute('data-available')).toBe('false');
    expect(await vip.getByTestId('product-buy').isDisabled()).toBe(true);
    expect(await vip.getByTestId('product-buy').textContent()).toBe('VIP only');
    expect(await vip.getByTestId('product-refusal').textContent()).toBe(REASONS.RANK_REQUIRED.message);
    // The limited launch pack: stock, window and what is left for this player.
    const launch = card(page, 'launch_pack');
    // (the other viewport's run in this file may have bought one already)
    expect(await launch.getByTestId('stock-left').textContent()).toMatch(/^(1,000|999) of 1,000 left$/);
    expect(await launch.getByTestId('user-remaining').textContent()).toBe('1 left for you');
    expect(await launch.getByTestId('window-countdown').textContent()).toMatch(/^\d+d \d+h$/);
    expect(await purchaseCount(page)).toBe(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, `shop-${vp.name}`, true);

    // 1. A gold pack with gems: 10 gems → 1,000 gold; the header follows.
    let dialog = await openBuy(page, 'gold_1000');
    expect(await dialog.getByTestId('quote-total').textContent()).toBe('10 gems');
    expect(await dialog.getByTestId('card-form').count()).toBe(0);
    await dialog.getByTestId('buy-submit').click();
    await dialog.getByTestId('buy-result').waitFor();
    expect(await dialog.getByTestId('grants').last().textContent()).toBe('+1,000 gold');
    expect(await dialog.getByTestId('result-paid').textContent()).toBe('10 gems');
    await dialog.getByTestId('buy-done').click();
    let balance = await expectHeaderMatchesServer(page);
    expect(balance).toEqual({ gold: 2000, gems: 190 });
    await expect.poll(() => purchaseCount(page)).toBe(1);

    // 2. A gem pack with the sandbox card tok_visa: charged, 100 gems granted.
    dialog = await openBuy(page, 'gems_100');
    expect(await dialog.getByTestId('quote-total').textContent()).toBe('$0.99');
    for (const token of ['tok_visa', 'tok_declined', 'tok_capture_fail']) await dialog.getByTestId(`card-${token}`).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, `buy-dialog-card-${vp.name}`);
    await dialog.getByTestId('card-tok_visa').click();
    await dialog.getByTestId('buy-submit').click();
    await dialog.getByTestId('buy-result').waitFor();
    expect(await dialog.getByTestId('result-charge').textContent()).toMatch(/^ch_sbx_[0-9a-f]+$/);
    expect(await dialog.getByTestId('result-paid').textContent()).toBe('$0.99 by card');
    await shot(page, `buy-result-${vp.name}`);
    await dialog.getByTestId('buy-done').click();
    balance = await expectHeaderMatchesServer(page);
    expect(balance).toEqual({ gold: 2000, gems: 290 });
    await expect.poll(() => purchaseCount(page)).toBe(2);

    // 3. tok_declined: the decline in words, nothing granted, the attempt recorded as failed.
    dialog = await openBuy(page, 'gems_100');
    await dialog.getByTestId('card-tok_declined').click();
    await dialog.getByTestId('buy-submit').click();
    await expect.poll(() => dialog.getByTestId('buy-error').textContent()).toBe(REASONS.PAYMENT_DECLINED.message);
    expect(await dialog.getByTestId('buy-result').count()).toBe(0);
    await shot(page, `refusal-declined-${vp.name}`);
    // 4. tok_capture_fail (same dialog, a new attempt): authorized, then the capture fails.
    await dialog.getByTestId('card-tok_capture_fail').click();
    expect(await dialog.getByTestId('buy-error').count()).toBe(0);
    await dialog.getByTestId('buy-submit').click();
    await expect.poll(() => dialog.getByTestId('buy-error').textContent()).toBe(REASONS.PAYMENT_FAILED.message);
    await closeBuy(page);
    expect(await expectHeaderMatchesServer(page)).toEqual({ gold: 2000, gems: 290 });
    await expect.poll(() => page.locator('[data-testid="purchase-row"][data-status="failed"]').count()).toBe(2);
    expect(await page.getByTestId('purchase-failure').allTextContents()).toEqual(
      expect.arrayContaining([REASONS.PAYMENT_DECLINED.message, REASONS.PAYMENT_FAILED.message]),
    );

    // 5. Promo codes, checked live: an unknown one refuses in words, the admin's takes 20% off 50 gems.
    dialog = await openBuy(page, 'gold_5500');
    await dialog.getByTestId('field-promoCode').fill('NOSUCHCODE');
    await dialog.locator('[data-testid="promo-status"][data-state="invalid"]').waitFor();
    expect(await dialog.getByTestId('promo-status').textContent()).toBe(REASONS.PROMO_INVALID.message);
    expect(await dialog.getByTestId('buy-submit').isDisabled()).toBe(true);
    await dialog.getByTestId('field-promoCode').fill(promo.toLowerCase());
    await dialog.locator('[data-testid="promo-status"][data-state="valid"]').waitFor();
    expect(await dialog.getByTestId('quote-discount').textContent()).toBe('−10 gems');
    expect(await dialog.getByTestId('quote-total').textContent()).toBe('40 gems');
    await shot(page, `buy-dialog-promo-${vp.name}`);
    await dialog.getByTestId('buy-submit').click();
    await dialog.getByTestId('buy-result').waitFor();
    expect(await dialog.getByTestId('result-paid').textContent()).toBe('40 gems');
    await dialog.getByTestId('buy-done').click();
    expect(await expectHeaderMatchesServer(page)).toEqual({ gold: 7500, gems: 250 });
    const promos = await adminApi.admin.shop.promos.list.query();
    expect(promos.find((p) => p.code === promo)?.usedCount).toBe(1);

    // 6. A double click on Pay buys once.
    const before = await purchaseCount(page);
    dialog = await openBuy(page, 'gold_1000');
    await dialog.getByTestId('buy-submit').dblclick();
    await dialog.getByTestId('buy-result').waitFor();
    await dialog.getByTestId('buy-done').click();
    expect(await expectHeaderMatchesServer(page)).toEqual({ gold: 8500, gems: 240 });
    await expect.poll(() => purchaseCount(page)).toBe(before + 1);

    // 7. The answer is lost on the way back: "Try again" repeats the same attempt (same key);
    //    the server answers with the first result and charges nothing more.
    let lost = true;
    const isBuy = (url: URL) => url.pathname.includes('economy.shop.buy');
    await page.route(isBuy, async (route) => {
      if (!lost) return route.continue();
      lost = false;
      await route.fetch(); // the purchase happens on the server…
      await route.abort('connectionreset'); // …but the page never hears back
    });
    dialog = await openBuy(page, 'gold_1000');
    await dialog.getByTestId('buy-submit').click();
    await dialog.getByTestId('buy-retry-note').waitFor();
    expect(await dialog.getByTestId('buy-submit').textContent()).toBe('Try again');
    await dialog.getByTestId('buy-submit').click();
    await dialog.getByTestId('buy-result').waitFor();
    expect(await dialog.getByTestId('buy-result').textContent()).toContain('you were not charged again');
    await dialog.getByTestId('buy-done').click();
    await page.unroute(isBuy);
    expect(await expectHeaderMatchesServer(page)).toEqual({ gold: 9500, gems: 230 });
    await expect.poll(() => purchaseCount(page)).toBe(before + 2);

    // 8. The limited launch pack (one per player): bought once, the card then says the limit is reached.
    const stockBefore = Number((await launch.getByTestId('stock-left').textContent())?.split(' of ')[0]?.replaceAll(',', ''));
    dialog = await openBuy(page, 'launch_pack');
    expect(await dialog.getByTestId('field-quantity').count()).toBe(0);
    await dialog.getByTestId('buy-submit').click();
    await dialog.getByTestId('buy-result').waitFor();
    expect(await dialog.getByTestId('grants').last().textContent()).toBe('+10,000 gold+100 gems');
    await expect.poll(() => launch.getByTestId('user-remaining').textContent()).toBe('0 left for you');
    await dialog.getByTestId('buy-again').click();
    expect(await dialog.getByTestId('buy-unavailable').textContent()).toBe(REASONS.USER_LIMIT.message);
    expect(await dialog.getByTestId('buy-submit').isDisabled()).toBe(true);
    await closeBuy(page);
    expect(await launch.getByTestId('product-buy').textContent()).toBe('Limit reached (1 per player)');
    expect(await launch.getByTestId('product-buy').isDisabled()).toBe(true);
    expect(await launch.getByTestId('stock-left').textContent()).toBe(`${(stockBefore - 1).toLocaleString('en-US')} of 1,000 left`);
    expect(await expectHeaderMatchesServer(page)).toEqual({ gold: 19_500, gems: 330 });

    const reconcile = await adminApi.admin.economy.reconcile.query();
    expect(reconcile.violations).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('lets an admin create a limited product, stop its sales in an emergency, and find a declined purchase', async () => {
    const { baseUrl } = suite;
    const admin = await signupAccount(baseUrl, 'shadm');
    await makeAdmin(suite.server, admin.userId);
    await relaxFraud(await clientFor(baseUrl, admin.siteId));
    const player = await signupAccount(baseUrl, 'shpl');
    const playerApi = await clientFor(baseUrl, player.siteId);
    // A declined card leaves a failed purchase for the admin to find.
    await expect(
      playerApi.economy.shop.buy.mutate({ sku: 'gems_100', idempotencyKey: `e2e-decl-${player.userId}`, paymentToken: 'tok_declined' }),
    ).rejects.toMatchObject({ data: { appError: { reason: 'PAYMENT_DECLINED' } } });
    // And a card purchase that went through, for the admin to refund.
    await playerApi.economy.shop.buy.mutate({
      sku: 'gems_100',
      idempotencyKey: `e2e-paid-${player.userId}-${vp.width}`,
      paymentToken: 'tok_visa',
    });

    const page = await (await suite.browser.newContext({ viewport: { width: vp.width, height: vp.height } })).newPage();
    const pageErrors = collectPageErrors(page);
    await page.goto(`${baseUrl}/admin/`);
    await login(page, admin.siteId);
    await page.getByTestId('users-page').waitFor();
    await adminNav(page, 'shop');
    await page.locator('[data-testid="product-row"][data-sku="gold_1000"]').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, `admin-products-${vp.name}`, true);

    // Create a limited gold pack: 5 units, 2 per player, paid with gems, 10% off.
    const sku = `e2e_pack_${player.userId}_${vp.width}`;
    await page.getByTestId('product-new').click();
    const form = page.getByTestId('product-form');
    await form.getByTestId('product-save').click();
    await form.getByTestId('field-product-sku-error').waitFor();
    await form.getByTestId('field-product-sku').fill(sku);
    await form.getByTestId('field-product-name').fill('E2E Pack');
    await form.getByTestId('field-product-description').fill('Made by the browser test.');
    await form.getByTestId('field-product-amount').fill('30');
    await form.getByTestId('field-product-discountPercent').fill('10');
    await form.getByTestId('field-product-gold').fill('3000');
    await form.getByTestId('field-product-limited').check();
    await form.getByTestId('field-product-stock').fill('5');
    await form.getByTestId('field-product-perUserLimit').fill('2');
    await shot(page, `admin-product-form-${vp.name}`, true);
    await form.getByTestId('product-save').click();
    await page.locator('[data-testid="product-saved"]', { hasText: sku }).waitFor();
    const row = page.locator(`[data-testid="product-row"][data-sku="${sku}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('0 / 5 sold');
    // The player's catalog has it at the discounted price, 2 left for them.
    let mine = (await playerApi.economy.shop.catalog.query()).products.find((p) => p.sku === sku);
    expect(mine).toMatchObject({ available: true, price: { currency: 'gems', amount: 30, effective: 27 } });
    expect(mine?.limited).toMatchObject({ stockLeft: 5, userRemaining: 2 });

    // Limited stock: the emergency switch asks once more, with a reason.
    await page.getByTestId('shop-tab-limited').click();
    const stock = page.locator(`[data-testid="limited-row"][data-sku="${sku}"]`);
    await stock.waitFor();
    expect(await stock.getByTestId('limited-left').textContent()).toBe('5');
    await stock.getByTestId('limited-disable').click();
    const stop = stock.getByTestId('limited-disable-dialog');
    await stop.getByTestId('limited-disable-dialog-confirm').click();
    await stop.getByTestId('field-limited-disable-dialog-reason-error').waitFor();
    await stop.getByTestId('field-limited-disable-dialog-reason').fill('e2e: pricing mistake');
    await shot(page, `admin-limited-confirm-${vp.name}`, true);
    await stop.getByTestId('limited-disable-dialog-confirm').click();
    await page.locator(`[data-testid="limited-row"][data-sku="${sku}"][data-disabled="true"]`).waitFor();
    expect(await stock.getByTestId('limited-state').textContent()).toBe('disabled');
    mine = (await playerApi.economy.shop.catalog.query()).products.find((p) => p.sku === sku);
    expect(mine).toMatchObject({ available: false, unavailableReason: 'DISABLED' });
    await expect(playerApi.economy.shop.buy.mutate({ sku, idempotencyKey: `e2e-dis-${player.userId}` })).rejects.toMatchObject({
      data: { appError: { reason: 'DISABLED' } },
    });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Deactivating (asked once more) takes it out of the player's catalog.
    await page.getByTestId('shop-tab-products').click();
    await row.getByTestId('product-deactivate').click();
    await row.getByTestId('product-deactivate-dialog-confirm').click();
    await expect.poll(() => row.getByTestId('product-status').textContent()).toBe('inactive');
    expect((await playerApi.economy.shop.catalog.query()).products.some((p) => p.sku === sku)).toBe(false);

    // Promo codes: create, raise max uses, deactivate (asked once more); the player's quote then refuses it.
    const code = `E2EADM${player.userId}X${vp.width}`;
    await page.getByTestId('shop-tab-promos').click();
    const promoForm = page.getByTestId('promo-create');
    await promoForm.getByTestId('field-promo-code').fill(code.toLowerCase());
    await promoForm.getByTestId('field-promo-value').fill('15');
    await promoForm.getByTestId('field-promo-maxUses').fill('3');
    await promoForm.getByTestId('promo-create-submit').click();
    await page.locator('[data-testid="promo-created"]', { hasText: code }).waitFor();
    const promoRow = page.locator(`[data-testid="promo-row"][data-code="${code}"]`);
    await expect.poll(() => promoRow.getByTestId('promo-uses').textContent()).toBe('used 0 of 3');
    await promoRow.getByTestId('promo-edit').click();
    const promoEdit = page.getByTestId('promo-edit-form');
    await promoEdit.getByTestId(`field-promo-${code}-maxUses`).fill('10');
    await promoEdit.getByTestId('promo-save').click();
    await expect.poll(() => promoRow.getByTestId('promo-uses').textContent()).toBe('used 0 of 10');
    expect(await playerApi.economy.shop.quote.query({ sku: 'gold_1000', promoCode: code })).toMatchObject({
      valid: true,
      discount: 1,
      total: 9,
    });
    await promoRow.getByTestId('promo-deactivate').click();
    await shot(page, `admin-promos-${vp.name}`, true);
    await promoRow.getByTestId('promo-deactivate-dialog-confirm').click();
    await expect.poll(() => promoRow.getByTestId('promo-status').textContent()).toBe('inactive');
    expect(await playerApi.economy.shop.quote.query({ sku: 'gold_1000', promoCode: code })).toMatchObject({
      valid: false,
      reason: 'PROMO_INVALID',
      total: 10,
    });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Purchases: filter to this player's failed card purchase; the drawer says why.
    await page.getByTestId('shop-tab-purchases').click();
    await page.getByTestId('field-purchases-userId').fill(String(player.userId));
    await page.getByTestId('field-purchases-status').selectOption('failed');
    // Exactly the filtered list: this player's one declined card purchase.
    const listed = () => page.getByTestId('purchase-row').evaluateAll((els) => els.map((e) => `${e.dataset.sku}:${e.dataset.status}`));
    await expect.poll(listed).toEqual(['gems_100:failed']);
    const purchase = page.getByTestId('purchase-row');
    await shot(page, `admin-purchases-${vp.name}`, true);
    await purchase.getByTestId('purchase-open').click();
    const drawer = page.getByTestId('purchase-drawer');
    await drawer.waitFor();
    expect(await drawer.getByTestId('drawer-status').textContent()).toBe('failed');
    expect(await drawer.getByTestId('drawer-failure').textContent()).toContain(REASONS.PAYMENT_DECLINED.message);
    expect(await drawer.getByTestId('drawer-charge').textContent()).toBe('—');
    await shot(page, `admin-purchase-drawer-${vp.name}`);
    await drawer.getByTestId('drawer-close').click();
    await drawer.waitFor({ state: 'detached' });
    // The completed card purchase: refunded from the drawer, its 100 gems taken back.
    await page.getByTestId('field-purchases-status').selectOption('completed');
    await expect.poll(listed).toEqual(['gems_100:completed']);
    await page.getByTestId('purchase-row').getByTestId('purchase-open').click();
    await drawer.waitFor();
    const refund = drawer.getByTestId('purchase-refund');
    await refund.getByTestId('refund-button').click();
    await refund.getByTestId('field-refund-reason-error').waitFor();
    await refund.getByTestId('field-refund-reason').fill('Player asked for a refund');
    await refund.getByTestId('refund-button').click();
    await refund.getByTestId('refund-button-dialog-confirm').click();
    // Refunded: it leaves the "completed" filter and is listed under "refunded".
    await expect
      .poll(async () => (await playerApi.economy.shop.purchases.query({ limit: 5 })).items.map((i) => i.status))
      .toContain('refunded');
    await page.getByTestId('field-purchases-status').selectOption('refunded');
    await expect.poll(listed).toEqual(['gems_100:refunded']);
    await shot(page, `admin-purchase-refunded-${vp.name}`);
    expect((await playerApi.economy.wallet.balance.query()).gems).toBe(0);

    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
