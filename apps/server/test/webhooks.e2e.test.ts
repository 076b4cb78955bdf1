/**
 * The admin's payment webhooks page in Debian Chromium, at desktop (1280×800) and phone
 * (390×844) sizes: a refund webhook for a charge the server does not know yet arrives over
 * HTTP, is retried until FAILED (retrier passes on a later clock), the purchase then appears,
 * and the admin filters FAILED, reads the payload, replays (with confirmation) → REPLAYED,
 * and the purchase is refunded.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@casino/api';
import { purchases } from '@casino/db';
import { eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { retryDueWebhooks } from '../../../packages/api/src/services/payments/webhooks';
import { fixturePurchase } from '../../../packages/api/src/test/shop-fixture';
import { adminNav, browserSuite, collectPageErrors, horizontalOverflow, login, makeAdmin, signupAccount } from './browser';

const suite = browserSuite();
const SHOTS = process.env.E2E_SCREENSHOTS ?? join(tmpdir(), 'casino-e2e-shots');

async function sendWebhook(body: object) {
  const raw = JSON.stringify(body);
  const t = Math.floor(Date.now() / 1000);
  const n = randomBytes(12).toString('hex');
  const v1 = createHmac('sha256', 'dev-webhook-secret').update(`${t}.${n}.${raw}`).digest('hex');
  const res = await fetch(`${suite.baseUrl}/webhooks/payments`, {
    method: 'POST',
    body: raw,
    headers: { 'content-type': 'application/json', 'casino-signature': `t=${t},n=${n},kid=dev,v1=${v1}` },
  });
  expect(res.status).toBe(200);
}

/** Retrier passes on a clock a day ahead, with two attempts allowed: the second fails the event. */
async function failIt() {
  const later = { now: () => new Date(Date.now() + 86_400_000) };
  await retryDueWebhooks({ ...suite.server.deps, clock: later, logger: silentLogger }, { policy: { maxAttempts: 2 } });
}

async function sizedPage(browser: Browser, width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  return context.newPage();
}

describe('admin payment webhooks page', () => {
  it('filters, shows the payload and replays a FAILED event at desktop and phone sizes', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const admin = await signupAccount(suite.baseUrl, 'whad');
    await makeAdmin(suite.server, admin.userId);
    const player = await signupAccount(suite.baseUrl, 'whpl');

    for (const [label, width, height] of [
      ['desktop', 1280, 800],
      ['phone', 390, 844],
    ] as const) {
      const chargeId = `ch_e2e_${label}_${randomBytes(4).toString('hex')}`;
      const eventId = `evt_e2e_${label}_${randomBytes(4).toString('hex')}`;
      await sendWebhook({
        id: eventId,
        type: 'payment.refunded',
        createdAt: new Date().toISOString(),
        data: { chargeId, amountCents: 499 },
      });
      await failIt();
      // A delivered one next to it: a capture for a purchase already completed.
      const done = await fixturePurchase(suite.server.deps, {
        userId: player.userId,
        price: { currency: 'cash', amount: 199 },
        grants: { gold: 10 },
      });
      await sendWebhook({
        id: `evt_ok_${label}_${randomBytes(3).toString('hex')}`,
        type: 'payment.captured',
        createdAt: Date.now(),
        data: { chargeId: done.chargeId },
      });

      const page = await sizedPage(suite.browser, width, height);
      const errors = collectPageErrors(page);
      await page.goto(`${suite.baseUrl}/admin/`);
      await login(page, admin.siteId);
      await page.getByTestId('users-page').waitFor();
      await adminNav(page, 'webhooks');
      await page.getByTestId('webhooks-page').waitFor();
      await page.locator('[data-testid="webhook-event"][data-status="DELIVERED"]').first().waitFor();
      await page.getByTestId('field-webhook-status').selectOption('FAILED');
      const row = page.locator(`[data-testid="webhook-event"][data-id="${eventId}"]`);
      await row.waitFor();
      expect(await page.locator('[data-testid="webhook-event"]:not([data-status="FAILED"])').count()).toBe(0);
      expect(await row.getByTestId('webhook-error').textContent()).toContain(chargeId);
      await row.getByText('Payload').click();
      expect(JSON.parse((await row.getByTestId('webhook-payload').textContent()) ?? '{}')).toMatchObject({
        id: eventId,
        data: { chargeId },
      });
      await page.screenshot({ path: join(SHOTS, `webhooks-failed-${label}.png`), fullPage: true });

      // The purchase shows up (the capture had beaten our commit); replay asks once more, then refunds it.
      const purchase = await fixturePurchase(suite.server.deps, {
        userId: player.userId,
        price: { currency: 'cash', amount: 499 },
        grants: { gold: 100 },
      });
      await suite.server.deps.db.update(purchases).set({ chargeId }).where(eq(purchases.id, purchase.id));
      await row.getByTestId('webhook-replay').click();
      await page.getByTestId('webhook-replay-dialog').getByText(eventId).waitFor();
      await page.screenshot({ path: join(SHOTS, `webhooks-confirm-${label}.png`), fullPage: true });
      await page.getByTestId('webhook-replay-dialog-confirm').click();
      await page.locator('[data-testid="webhook-replay-result"][data-status="REPLAYED"]', { hasText: eventId }).waitFor();
      await page.screenshot({ path: join(SHOTS, `webhooks-result-${label}.png`), fullPage: true });
      await page.getByTestId('field-webhook-status').selectOption('REPLAYED');
      await page.locator(`[data-testid="webhook-event"][data-id="${eventId}"][data-status="REPLAYED"]`).waitFor();
      const [after] = await suite.server.deps.db.select().from(purchases).where(eq(purchases.id, purchase.id));
      expect(after).toMatchObject({ status: 'refunded', clawedBack: { gold: 100 } });
      await page.screenshot({ path: join(SHOTS, `webhooks-replayed-${label}.png`), fullPage: true });

      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
