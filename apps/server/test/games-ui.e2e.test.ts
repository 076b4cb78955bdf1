/**
 * The game screens as a player uses them (issue 12), in Debian Chromium against the real
 * server: the slot's Spin button stays put through a spin at phone and desktop size, the space
 * bar spins (not while typing), auto-spin runs its N spins and stops (or stops on a big win,
 * when the player presses stop, or with the reason when a spin fails mid-run, sending no other
 * spin); crash keeps the bet and auto cash-out across rounds and a reload, and "bet again"
 * replays them; every game screen at 390×844 keeps its key parts inside the viewport without
 * overlap, shows no emoji, draws its artwork as SVG and keeps text contrast at 4.5:1.
 * Screenshots go to E2E_SCREENSHOTS when set.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, makeAdmin, signedInClient, signupAccount } from './browser';
import { box, DESKTOP, emojiIn, expectLaidOut, go, lowContrast, PHONE, playerPage, serverRounds, settleAnimations, shot } from './games-ui';

const suite = browserSuite();
const isSpin = (url: string) => url.includes('games.slot.spin');

async function spinAndLand(page: Page) {
  const answered = page.waitForResponse((r) => isSpin(r.url()));
  await page.getByTestId('slot-spin').click();
  expect((await answered).ok()).toBe(true);
  await page.locator('[data-testid="reels"][data-moving="false"]').waitFor();
  await page.getByTestId('slot-result').waitFor();
}

describe('slot', () => {
  it.each([
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ])('%s: the Spin button does not move through spins, the winning reels are marked, the space bar spins', async (name, viewport) => {
    const { page, errors } = await playerPage(suite.browser, suite.baseUrl, viewport);
    await go(page, 'slot', 'paytable');
    const before = await box(page, 'slot-spin');
    let spins = 0;
    for (let i = 0; i < 3; i++) {
      await spinAndLand(page);
      spins++;
      expect(await box(page, 'slot-spin')).toEqual(before);
      const win = (await page.getByTestId('slot-result').getAttribute('data-win')) === 'true';
      const hits = await page.locator('[data-testid="reel"][data-hit="true"]').count();
      if (win) expect(hits).toBeGreaterThanOrEqual(2);
      else expect(hits).toBe(0);
      const reelArt = await page.locator('[data-testid="reel"] svg').evaluateAll((els) => els.map((e) => e.getAttribute('data-art')));
      expect(reelArt).toHaveLength(3);
      expect(reelArt).not.toContain('fallback');
      // The banner tells payout and net in the one format.
      expect(await page.getByTestId('slot-result').textContent()).toMatch(
        /^(Won [\d,]+ gold \(net \+[\d,]+\)|Lost [\d,]+ gold \(net −[\d,]+\))/,
      );
    }
    await shot(page, `slot-${name}`);

    // Space while typing in the bet field types; it does not spin. Space elsewhere spins.
    const spinRequests: string[] = [];
    page.on('request', (r) => {
      if (isSpin(r.url())) spinRequests.push(r.url());
    });
    await page.getByTestId('field-bet').focus();
    await page.keyboard.press('Space');
    await page.getByRole('heading', { name: 'Slot' }).click();
    const answered = page.waitForResponse((r) => isSpin(r.url()));
    await page.keyboard.press('Space');
    expect((await answered).ok()).toBe(true);
    await page.getByTestId('slot-result').waitFor();
    spins++;
    expect(spinRequests).toHaveLength(1);
    expect(await box(page, 'slot-spin')).toEqual(before);
    expect(await serverRounds(page, 'slot')).toHaveLength(spins);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('auto-spin runs its N spins and stops by itself, or on a big win; the stop button ends a longer run', async () => {
    const { page } = await playerPage(suite.browser, suite.baseUrl, PHONE);
    await go(page, 'slot', 'paytable');
    await page.getByTestId('field-bet').fill('10');
    await page.getByTestId('auto-count').selectOption('10');
    await page.getByTestId('auto-start').click();
    const auto = page.getByTestId('auto-spin');
    await page.locator('[data-testid="auto-spin"][data-state="running"]').waitFor();
    await page.locator('[data-testid="auto-spin"][data-state="idle"]').waitFor({ timeout: 60_000 });
    const done = Number(await auto.getAttribute('data-done'));
    const rounds = await serverRounds(page, 'slot');
    expect(rounds).toHaveLength(done);
    const note = (await page.getByTestId('auto-note').textContent()) ?? '';
    if (done === 10) expect(note).toBe('Auto-spin done: 10 spins.');
    else {
      // Only a big win (≥ 10× the bet) ends the run early here: 1,000 gold pays for all ten.
      expect(note).toContain('Stopped on a big win');
      expect(rounds[0]?.payout).toBeGreaterThanOrEqual(100);
    }
    expect(rounds.slice(1).every((r) => r.payout < 100)).toBe(true);

    // A run of 50, stopped by the player after two spins: the spin in flight lands, no other starts.
    // A big win in the first two spins ends a run by itself (a few percent per spin): start
    // again until a run is still going after two spins, then stop it.
    await page.getByTestId('auto-count').selectOption('50');
    let before = done;
    for (let attempt = 0; ; attempt++) {
      expect(attempt).toBeLessThan(5);
      before = (await serverRounds(page, 'slot')).length;
      await page.getByTestId('auto-start').click();
      await page.locator('[data-testid="auto-spin"][data-state="running"]').waitFor();
      const reached = page.locator('[data-testid="auto-spin"][data-state="running"][data-done="2"]');
      const ended = page.locator('[data-testid="auto-spin"][data-state="idle"]');
      await reached.or(ended).waitFor({ timeout: 30_000 });
      if (await reached.isVisible()) break;
      expect(await page.getByTestId('auto-note').textContent()).toContain('Stopped on a big win');
    }
    await page.getByTestId('auto-stop').click();
    await page.locator('[data-testid="auto-spin"][data-state="idle"]').waitFor();
    await page.locator('[data-testid="slot-spin"][aria-disabled="false"]').waitFor();
    const stoppedAt = (await serverRounds(page, 'slot')).length;
    expect(stoppedAt - before).toBeLessThanOrEqual(3);
    expect(await page.getByTestId('auto-note').textContent()).toBe('Auto-spin stopped.');
    // Nothing more is sent (the pause between auto spins is 0.6 s; wait well past it).
    const extra = await page
      .waitForRequest((r) => isSpin(r.url()), { timeout: 2000 })
      .then(
        () => true,
        () => false,
      );
    expect(extra).toBe(false);
    expect(await serverRounds(page, 'slot')).toHaveLength(stoppedAt);
    await page.context().close();
  });
});

describe('slot auto-spin and the balance', () => {
  it('stops with the reason when a spin fails mid-run (gold drained from another session) and sends no other spin', async () => {
    const { page, account } = await playerPage(suite.browser, suite.baseUrl, PHONE);
    const admin = await signupAccount(suite.baseUrl, 'uiad');
    await makeAdmin(suite.server, admin.userId);
    const adminApi = await signedInClient(suite.baseUrl, admin.siteId);
    const playerApi = await signedInClient(suite.baseUrl, account.siteId);
    await go(page, 'slot', 'paytable');
    await page.getByTestId('field-bet').fill('10');
    await page.getByTestId('auto-count').selectOption('10');
    // The run's second spin waits at the network while an admin takes the gold down to 5 (below
    // the bet), then goes to the server, which refuses it. No spin is in flight meanwhile.
    let sent = 0;
    let drainAt = 0;
    await page.route(
      (url) => isSpin(url.href),
      async (route) => {
        sent++;
        if (sent === drainAt) {
          const { gold } = await playerApi.auth.me.query();
          await adminApi.admin.users.adjustBalance.mutate({
            userId: account.userId,
            currency: 'gold',
            delta: 5 - gold,
            reason: 'e2e drain',
          });
        }
        await route.continue();
      },
    );
    // A big win on the first spin ends a run by itself (a few percent): start again.
    let before = 0;
    for (let attempt = 0; ; attempt++) {
      expect(attempt).toBeLessThan(5);
      before = (await serverRounds(page, 'slot')).length;
      drainAt = sent + 2;
      await page.getByTestId('auto-start').click();
      await page.locator('[data-testid="auto-spin"][data-state="running"]').waitFor();
      await page.locator('[data-testid="auto-spin"][data-state="idle"]').waitFor({ timeout: 30_000 });
      if (sent === drainAt) break;
      expect(await page.getByTestId('auto-note').textContent()).toContain('Stopped on a big win');
    }
    expect(await page.getByTestId('auto-note').textContent()).toBe(
      'Auto-spin stopped after 1 spin: the next spin failed. Not enough balance for that bet.',
    );
    expect(await page.getByTestId('slot-error').textContent()).toBe('Not enough balance for that bet.');
    expect(await page.getByTestId('auto-spin').getAttribute('data-done')).toBe('1');
    expect(await serverRounds(page, 'slot')).toHaveLength(before + 1);
    await page.locator('[data-testid="bar-gold"]', { hasText: '5 g' }).waitFor();
    await shot(page, 'slot-auto-failed');
    // Nothing more is sent (the pause between auto spins is 0.6 s; wait well past it).
    const extra = await page
      .waitForRequest((r) => isSpin(r.url()), { timeout: 2000 })
      .then(
        () => true,
        () => false,
      );
    expect(extra).toBe(false);
    expect(sent).toBe(drainAt);
    expect(await serverRounds(page, 'slot')).toHaveLength(before + 1);
    await page.context().close();
  });

  it('stops when the balance cannot pay the next spin (betting it all)', async () => {
    const { page } = await playerPage(suite.browser, suite.baseUrl, PHONE);
    await go(page, 'slot', 'paytable');
    await page.getByRole('button', { name: 'Max' }).click();
    expect(await page.getByTestId('field-bet').inputValue()).toBe('1000');
    await page.getByTestId('auto-start').click();
    await page.locator('[data-testid="auto-spin"][data-state="running"]').waitFor();
    await page.locator('[data-testid="auto-spin"][data-state="idle"]').waitFor({ timeout: 60_000 });
    const done = Number(await page.getByTestId('auto-spin').getAttribute('data-done'));
    const rounds = await serverRounds(page, 'slot');
    expect(rounds).toHaveLength(done);
    const gold = 1000 + rounds.reduce((sum, r) => sum + r.payout - r.bet, 0);
    const note = (await page.getByTestId('auto-note').textContent()) ?? '';
    // Whatever the reels did, the run ended for the reason it states.
    if (note.includes('not enough gold')) expect(gold).toBeLessThan(1000);
    else if (note.includes('big win')) expect(rounds[0]?.payout).toBeGreaterThanOrEqual(10_000);
    else expect(note).toBe('Auto-spin done: 10 spins.');
    expect(rounds.slice(1).every((r) => r.payout < 10_000)).toBe(true);
    await page.context().close();
  });
});

describe('crash', () => {
  it('keeps the bet and auto cash-out across rounds and a reload; "bet again" replays them', async () => {
    const { page, errors } = await playerPage(suite.browser, suite.baseUrl, PHONE);
    await go(page, 'crash', 'crash-page');
    await page.getByTestId('field-bet').fill('25');
    await page.getByTestId('field-autoCashout').fill('1.01');
    await page.getByTestId('crash-bet').click();
    await page.getByTestId('crash-result').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('field-bet').inputValue()).toBe('25');
    expect(await page.getByTestId('field-autoCashout').inputValue()).toBe('1.01');
    expect(await page.getByTestId('crash-result').textContent()).toMatch(/Bet back: 25 gold \(net 0\)|Lost 25 gold \(net −25\)/);

    const again = page.getByTestId('crash-again');
    expect(await again.textContent()).toBe('Bet again · 25 gold · auto 1.01×');
    const placed = page.waitForResponse((r) => r.url().includes('games.crash.bet'));
    await again.click();
    expect((await placed).ok()).toBe(true);
    await expect.poll(async () => (await serverRounds(page, 'crash')).length, { timeout: 15_000 }).toBe(2);
    await page.getByTestId('crash-result').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('crash-point').count(), { timeout: 10_000 }).toBe(2);
    const rounds = await serverRounds(page, 'crash');
    expect(rounds.every((r) => r.bet === 25)).toBe(true);

    await page.reload();
    await page.getByTestId('crash-page').waitFor();
    expect(await page.getByTestId('field-bet').inputValue()).toBe('25');
    expect(await page.getByTestId('field-autoCashout').inputValue()).toBe('1.01');
    // The multiplier sits above the curve, not on it.
    const readout = await box(page, 'crash-multiplier');
    const stage = (await page.locator('.crash-stage').boundingBox()) ?? { y: 0 };
    expect(readout.y + readout.height).toBeLessThanOrEqual(stage.y);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('every game screen', () => {
  it.each([
    ['390', PHONE],
    ['1280', DESKTOP],
  ])(
    'at %s px keeps its key parts in the viewport without overlap, with SVG artwork, no emoji and readable contrast',
    async (size, viewport) => {
      const { page, errors } = await playerPage(suite.browser, suite.baseUrl, viewport);
      const screens: { route: string; ready: string; play: () => Promise<void>; parts: string[] }[] = [
        {
          route: 'slot',
          ready: 'paytable',
          play: () => spinAndLand(page),
          parts: ['reels', 'slot-result-area', 'field-bet', 'slot-spin', 'auto-spin'],
        },
        {
          route: 'gacha',
          ready: 'gacha-odds',
          play: async () => {
            await page.getByTestId('gacha-pull-10').click();
            await expect.poll(() => page.getByTestId('gacha-item').count()).toBe(10);
          },
          parts: ['pity', 'gacha-pull-1', 'gacha-pull-10', 'gacha-results'],
        },
        {
          route: 'crash',
          ready: 'crash-page',
          play: async () => {
            await page.getByTestId('field-autoCashout').fill('1.01');
            await page.getByTestId('crash-bet').click();
            await page.getByTestId('crash-result').waitFor({ timeout: 15_000 });
          },
          parts: ['crash-points', 'crash-multiplier', 'crash-result', 'crash-again', 'field-bet', 'crash-bet'],
        },
        {
          route: 'rps',
          ready: 'rps-page',
          play: async () => {
            await page.getByTestId('rps-paper').click();
            await page.getByTestId('rps-result').waitFor();
          },
          parts: ['rps-duel', 'rps-result', 'field-bet', 'rps-rock', 'rps-paper', 'rps-scissors'],
        },
      ];
      for (const s of screens) {
        await go(page, s.route, s.ready);
        await s.play();
        await settleAnimations(page);
        await shot(page, `screen-${s.route}-${size}`);
        await expectLaidOut(page, s.parts);
        expect(await emojiIn(page), `${s.route} shows emoji`).toEqual([]);
        expect(await lowContrast(page), `${s.route} text contrast`).toEqual([]);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );
});
