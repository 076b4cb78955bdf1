/**
 * Fraud rules end to end in Debian Chromium: the player app names its device on every call
 * (a stable id in localStorage); the admin console edits rules (JSON checked as typed, a
 * dry run on the server, activate, delete with confirmation), sets thresholds and reviews a
 * decision scored by the seeded default rules. Desktop and phone sizes, nothing sideways.
 * FRAUD_SHOTS=<dir> saves a screenshot of each screen.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { assessPurchase } from '../../../packages/api/src/services/fraud/assess';
import { adminNav, browserSuite, horizontalOverflow, login, makeAdmin, signupAccount } from './browser';

const suite = browserSuite();
const shots = process.env.FRAUD_SHOTS;

async function pageAt(browser: Browser, width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  return context.newPage();
}
async function shot(page: Page, name: string) {
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  // Screen-sized slices too, to look at at full resolution.
  const { width, height } = page.viewportSize() ?? { width: 1280, height: 800 };
  const total = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0, i = 0; y < total && i < 3; y += height, i++)
    await page.screenshot({
      path: join(shots, `${name}-${i}.png`),
      fullPage: true,
      clip: { x: 0, y, width, height: Math.min(height, total - y) },
    });
}

describe('fraud rules', () => {
  it('the player app sends one stable device id on its calls', async () => {
    const player = await signupAccount(suite.baseUrl, 'fd');
    const page = await pageAt(suite.browser, 390, 844);
    const sent: (string | undefined)[] = [];
    page.on('request', (r) => {
      // Live events travel over EventSource, which cannot carry headers (and need no device id).
      if (r.url().includes('/trpc/') && r.resourceType() !== 'eventsource') sent.push(r.headers()['x-device-id']);
    });
    await page.goto(`${suite.baseUrl}/#/login`);
    await login(page, player.siteId);
    await page.getByTestId('gold').waitFor();
    const stored = await page.evaluate(() => localStorage.getItem('casino.deviceId'));
    expect(stored).toMatch(/^web-[0-9a-f]{32}$/);
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent)).toEqual(new Set([stored]));
    sent.length = 0;
    await page.reload();
    await page.getByTestId('gold').waitFor();
    expect(new Set(sent)).toEqual(new Set([stored]));
  });

  it('an admin edits rules and thresholds and reviews a decision, at desktop and phone size', async () => {
    const { baseUrl, server } = suite;
    const player = await signupAccount(baseUrl, 'fp');
    const admin = await signupAccount(baseUrl, 'fa');
    await makeAdmin(server, admin.userId);
    // Three cards in a day: the seeded card_testing rule (+40) puts the third attempt up for review.
    const attempt = (fp: string) =>
      assessPurchase(server.deps, {
        userId: player.userId,
        sku: 'gems_100',
        currency: 'cash',
        amount: 499,
        ip: '203.0.113.50',
        deviceId: 'web-e2e-device',
        paymentFingerprint: fp,
        accountCreatedAt: new Date(Date.now() - 48 * 3_600_000),
      });
    const decisions = [await attempt('fp-1'), await attempt('fp-2'), await attempt('fp-3')];
    expect(decisions.map((d) => d.action)).toEqual(['allow', 'allow', 'review']);

    const page = await pageAt(suite.browser, 1280, 800);
    await page.goto(`${baseUrl}/admin/`);
    await login(page, admin.siteId);
    await adminNav(page, 'fraud');
    await page.locator('[data-testid="rule-row"][data-rule="card_testing"]').waitFor();
    expect(await page.getByTestId('rule-row').count()).toBe(11);
    await shot(page, 'desktop-rules');

    // A new rule: the condition is checked as typed, previewed on the server, then saved.
    await page.getByTestId('rule-new').click();
    await page.getByTestId('field-ruleId').fill('e2e_big_cash');
    await page.getByTestId('field-ruleScore').fill('15');
    await page.getByTestId('field-ruleDescription').fill('Big card purchase');
    const condition = page.getByTestId('rule-condition-input');
    await condition.fill('{ "feature": "amout", "op": "gte", "value": 5000 }');
    await page.locator('[data-testid="rule-condition-issues"]', { hasText: 'unknown feature "amout"' }).waitFor();
    await shot(page, 'desktop-rule-invalid');
    expect(await page.getByTestId('preview-run').isDisabled()).toBe(true);
    await condition.fill(
      '{ "all": [ { "feature": "amount", "op": "gte", "value": 5000 }, { "feature": "isCash", "op": "eq", "value": true } ] }',
    );
    await page.getByTestId('rule-condition-ok').waitFor();
    await page.getByTestId('preview-run').click();
    await page.locator('[data-testid="preview-result"][data-matched="false"]').waitFor();
    await page.getByTestId('preview-sample').fill('{ "amount": 6000, "isCash": true }');
    await page.getByTestId('preview-run').click();
    await page.locator('[data-testid="preview-result"][data-matched="true"]').waitFor();
    await shot(page, 'desktop-rule-preview');
    await page.getByTestId('field-previewUser').fill(String(player.userId));
    await page.getByTestId('preview-load').click();
    await expect.poll(() => page.getByTestId('preview-sample').inputValue()).toContain('"distinctFingerprints24h": 3');
    await shot(page, 'desktop-rule-editor');
    await page.getByTestId('rule-save').click();
    const row = page.locator('[data-testid="rule-row"][data-rule="e2e_big_cash"]');
    await row.getByTestId('rule-condition').filter({ hasText: 'amount ≥ 5000 and isCash = true' }).waitFor();
    await row.getByTestId('rule-toggle').click();
    await row.getByTestId('rule-toggle-dialog-confirm').click();
    await row.getByTestId('rule-state').filter({ hasText: 'inactive' }).waitFor();
    await page.locator('[data-testid="rule-flash"]', { hasText: 'e2e_big_cash deactivated' }).waitFor();
    await row.getByTestId('rule-delete').click();
    await row.getByTestId('field-rule-delete-dialog-typed').fill('e2e_big_cash');
    await row.getByTestId('rule-delete-dialog-confirm').click();
    await row.waitFor({ state: 'detached' });

    // Thresholds: the order is checked before sending, then saved.
    await page.getByTestId('fraud-tab-thresholds').click();
    await page.getByTestId('field-softBlock').fill('20');
    await page.getByTestId('thresholds-save').click();
    await page.locator('[data-testid="thresholds-problem"]', { hasText: 'must increase' }).waitFor();
    await page.getByTestId('field-softBlock').fill('70');
    await page.getByTestId('thresholds-save').click();
    await page.getByTestId('thresholds-saved').waitFor();
    await page.locator('[data-testid="thresholds-origin"]', { hasText: `by #${admin.userId}` }).waitFor();
    await shot(page, 'desktop-thresholds');

    // The open review: approved with a note, then gone from the open list.
    await page.getByTestId('fraud-tab-decisions').click();
    const review = page.locator(`[data-testid="decision-row"][data-decision="${decisions[2]?.decisionId}"]`);
    await review.getByTestId('decision-rules').filter({ hasText: 'card_testing +40' }).waitFor();
    await shot(page, 'desktop-decisions');
    await review.getByTestId(`field-note-${decisions[2]?.decisionId}`).fill('known player, new cards');
    await review.getByTestId('decision-approve').click();
    await review.waitFor({ state: 'detached' });
    await page.getByTestId('field-decision-review').selectOption('');
    await page.getByTestId('field-decision-user').fill(String(player.userId));
    await expect.poll(() => page.getByTestId('decision-row').count()).toBe(3);
    await review
      .getByTestId('decision-review-status')
      .filter({ hasText: `approved by #${admin.userId}` })
      .waitFor();

    // Phone size: every tab fits.
    const phone = await pageAt(suite.browser, 390, 844);
    await phone.goto(`${baseUrl}/admin/`);
    await login(phone, admin.siteId);
    await phone.getByTestId('users-page').waitFor();
    for (const tab of ['rules', 'decisions', 'thresholds'] as const) {
      await phone.goto(`${baseUrl}/admin/#/fraud${tab === 'rules' ? '' : `/${tab}`}`);
      await phone.getByTestId(tab === 'rules' ? 'fraud-rules' : tab === 'decisions' ? 'fraud-decisions' : 'thresholds-form').waitFor();
      if (tab === 'rules') {
        await phone.locator('[data-testid="rule-row"]').first().waitFor();
        await phone.getByTestId('rule-new').click();
      }
      if (tab === 'decisions') await phone.getByTestId('field-decision-review').selectOption('');
      if (tab === 'decisions') await phone.getByTestId('decision-row').first().waitFor();
      await shot(phone, `phone-${tab}`);
      expect(await horizontalOverflow(phone), tab).toBeLessThanOrEqual(0);
    }
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });
});
