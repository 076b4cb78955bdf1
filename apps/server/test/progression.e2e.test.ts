/**
 * Progression in Debian Chromium at phone (390×844) and desktop (1280×800) size. A new player
 * claims the daily reward from the home dialog (the server's preview, the balance and this
 * week's attendance follow), joins an event an admin created over the API, plays the required
 * slot spins in the browser, claims the event, and claims a battle-pass level (the premium
 * track locked, pointing at the shop). An admin creates an event in the console that the
 * player then sees, and grants rewards in bulk from pasted CSV: a dry run first (per-line
 * status, nothing granted), then the real run and its per-line results.
 *
 * E2E_SCREENSHOTS=<folder> keeps screenshots of each screen for a human to look at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCasinoClient, memoryTokenStore } from '@casino/client';
import { streakReward } from '@casino/shared';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  adminNav,
  browserSuite,
  collectPageErrors,
  horizontalOverflow,
  login,
  makeAdmin,
  openScreen,
  PASSWORD,
  signupAccount,
} from './browser';

const suite = browserSuite();

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

const SHOTS = process.env.E2E_SCREENSHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });
async function shot(page: Page, name: string, fullPage = false) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `progression-${name}.png`), fullPage });
}

async function clientFor(baseUrl: string, siteId: string) {
  const tokens = memoryTokenStore();
  const client = createCasinoClient({ baseUrl, tokens });
  const r = await client.auth.login.mutate({ siteId, password: PASSWORD });
  tokens.set({ accessToken: r.accessToken, refreshToken: r.refreshToken });
  return client;
}
type Api = Awaited<ReturnType<typeof clientFor>>;

const fmt = (n: number) => n.toLocaleString('en-US');
const DAY = 86_400_000;
const SPINS = 3;

let adminApi: Api;
let adminSiteId: string;

beforeAll(async () => {
  const admin = await signupAccount(suite.baseUrl, 'pgad');
  await makeAdmin(suite.server, admin.userId);
  adminSiteId = admin.siteId;
  adminApi = await clientFor(suite.baseUrl, admin.siteId);
  // One running season for the file: 10 battle-pass XP per round, so two spins reach level 1.
  await adminApi.admin.battlepass.createSeason.mutate({
    name: 'E2E Season',
    startsAt: new Date(Date.now() - DAY),
    endsAt: new Date(Date.now() + 30 * DAY),
    maxLevel: 5,
    xpPerLevel: 20,
    levels: [
      // Level 1's free reward carries enough XP for the player's level 2: the level-up is seen live.
      { level: 1, free: { gold: 150, exp: 1000 }, premium: { gems: 15 } },
      { level: 2, free: { gold: 250 }, premium: { gems: 25 } },
    ],
  });
});

async function openPlayer(vp: (typeof VIEWPORTS)[number], siteId: string) {
  const page = await (await suite.browser.newContext({ viewport: { width: vp.width, height: vp.height } })).newPage();
  const errors = collectPageErrors(page);
  await page.goto(`${suite.baseUrl}/#/login`);
  await login(page, siteId);
  await page.getByTestId('home').waitFor();
  await page.locator('[data-testid="live-status"]', { hasText: 'live' }).waitFor();
  return { page, errors };
}

const headerGold = async (page: Page) => Number((await page.getByTestId('bar-gold').textContent())?.replace(/[^\d]/g, ''));

describe.each(VIEWPORTS)('progression in the browser ($name)', (vp) => {
  it('claims the daily reward, finishes and claims an event after spinning, and claims a battle-pass level', async () => {
    const player = await signupAccount(suite.baseUrl, 'prog');
    const playerApi = await clientFor(suite.baseUrl, player.siteId);
    const title = `Spin sprint ${vp.name}`;
    const { id: eventId } = await adminApi.admin.events.create.mutate({
      title,
      description: `Spin the slot ${SPINS} times.`,
      type: 'special',
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + DAY),
      requirements: { slot_spins: SPINS },
      rewards: { gold: 300, exp: 40 },
      priority: 900,
    });
    const missionTitle = `Two spins ${vp.name}`;
    const { id: missionId } = await adminApi.admin.missions.create.mutate({
      title: missionTitle,
      description: 'Spin the slot twice today.',
      period: 'daily',
      requirements: { slot_spins: 2 },
      rewards: { gold: 50 },
    });
    const { page, errors } = await openPlayer(vp, player.siteId);

    // Home: this week with today outlined and not yet attended; the preview is the server's.
    const today = page.locator('[data-testid="attendance-day"][data-today="true"]');
    await today.waitFor();
    expect(await page.getByTestId('attendance-day').count()).toBe(7);
    expect(await today.getAttribute('data-ticked')).toBe('false');
    const reward = streakReward(1);
    await page.getByTestId('daily-open').click();
    const dialog = page.getByTestId('daily-dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('daily-today').textContent()).toBe(`${fmt(reward.gold)} gold · ${reward.xp} XP`);
    const tomorrow = streakReward(2);
    expect(await dialog.getByTestId('daily-tomorrow').textContent()).toBe(`${fmt(tomorrow.gold)} gold · ${tomorrow.xp} XP`);
    await shot(page, `daily-dialog-${vp.name}`);
    await dialog.getByTestId('daily-claim').click();
    await dialog.getByTestId('daily-claimed').waitFor();
    expect(await dialog.getByTestId('daily-claimed').textContent()).toContain(`Claimed: +${fmt(reward.gold)} gold`);
    await page.locator('[data-testid="bar-gold"]', { hasText: `${fmt(1000 + reward.gold)} g` }).waitFor();
    await page.locator('[data-testid="toast"][data-kind="reward"]', { hasText: 'Daily reward' }).waitFor();
    await dialog.getByTestId('daily-close').click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('[data-testid="attendance-day"][data-today="true"][data-ticked="true"]').waitFor();
    expect(await page.getByTestId('attendance-month').textContent()).toBe('1 day this month');
    await page.locator('[data-testid="daily-open"]', { hasText: 'Details' }).waitFor();
    // The level bar moved by the claim's XP.
    await page.locator('[data-testid="level-xp"]', { hasText: `${reward.xp} / 1,000 XP` }).waitFor();
    const history = await playerApi.economy.streak.history.query();
    expect(history.week.find((d) => d.isToday)).toMatchObject({ ticked: true, claimed: true });
    // The events panel shows the event with its real count (nobody has joined yet).
    const panelEvent = page.locator(`[data-testid="panel-event"][data-event-id="${eventId}"]`);
    await panelEvent.waitFor();
    expect(await panelEvent.getByTestId('panel-event-count').textContent()).toBe('0 joined');
    await shot(page, `home-${vp.name}`, true);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Events: join, the count becomes real.
    await page.getByTestId('nav-events').click();
    const card = page.locator(`[data-testid="event"][data-event-id="${eventId}"]`);
    await card.waitFor();
    expect(await card.getAttribute('data-state')).toBe('open');
    await card.getByTestId('event-join').click();
    await page.locator(`[data-testid="event"][data-event-id="${eventId}"][data-state="joined"]`).waitFor();
    expect(await card.getByTestId('event-count').textContent()).toBe('1');
    expect(await card.getByTestId('goal-count').textContent()).toBe(`0 / ${SPINS}`);

    // The required spins, played in the browser; the server counts each one.
    await openScreen(page, 'slot');
    const spin = page.getByTestId('slot-spin');
    for (let i = 1; i <= SPINS; i++) {
      await page.locator('[data-testid="slot-spin"]:not([disabled])').waitFor();
      await spin.click();
      await expect
        .poll(async () => (await playerApi.economy.events.get.query({ eventId })).progress.slot_spins, { timeout: 10_000 })
        .toBe(i);
    }
    // The round that completed it announces it live.
    await page.locator('[data-testid="toast"][data-kind="progress"]', { hasText: title }).waitFor();

    await page.getByTestId('nav-events').click();
    await page.locator(`[data-testid="event"][data-event-id="${eventId}"][data-state="completed"]`).waitFor();
    expect(await card.getByTestId('goal-count').textContent()).toBe(`${SPINS} / ${SPINS}`);
    await shot(page, `events-completed-${vp.name}`, true);
    const before = (await playerApi.economy.wallet.balance.query()).gold;
    await card.getByTestId('event-claim').click();
    await page.locator(`[data-testid="event"][data-event-id="${eventId}"][data-state="claimed"]`).waitFor();
    await page.locator('[data-testid="bar-gold"]', { hasText: `${fmt(before + 300)} g` }).waitFor();
    expect((await playerApi.economy.events.get.query({ eventId })).claimed).toBe(true);
    await shot(page, `events-claimed-${vp.name}`, true);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Missions: the daily one was completed by the same spins; claimed once.
    await page.goto(`${suite.baseUrl}/#/missions`);
    const mission = page.locator(`[data-testid="mission"][data-mission-id="${missionId}"]`);
    await page.locator(`[data-testid="mission"][data-mission-id="${missionId}"][data-state="completed"]`).waitFor();
    expect(await mission.getByTestId('goal-count').textContent()).toBe('2 / 2');
    await shot(page, `missions-${vp.name}`, true);
    const beforeMission = (await playerApi.economy.wallet.balance.query()).gold;
    await mission.getByTestId('mission-claim').click();
    await mission.getByTestId('mission-claimed').waitFor();
    await page.locator('[data-testid="bar-gold"]', { hasText: `${fmt(beforeMission + 50)} g` }).waitFor();
    expect((await playerApi.economy.missions.list.query()).items.find((m) => m.id === missionId)).toMatchObject({ claimed: true });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Battle pass: three rounds = 30 XP, level 1 of the season; its free reward claimed once.
    await page.goto(`${suite.baseUrl}/#/battlepass`);
    await page.getByTestId('battlepass-page').waitFor();
    await page.locator('[data-testid="bp-level"]', { hasText: 'Level 1 / 5' }).waitFor();
    const level1 = page.locator('[data-testid="bp-level-row"][data-level="1"]');
    expect(await level1.getAttribute('data-reached')).toBe('true');
    const level2 = page.locator('[data-testid="bp-level-row"][data-level="2"]');
    expect(await level2.getByTestId('bp-claim-free').count()).toBe(0);
    // Premium is locked, with the shop's product and price.
    const locked = page.getByTestId('bp-premium-locked');
    await locked.waitFor();
    expect(await level1.getByTestId('bp-claim-premium').count()).toBe(0);
    await expect.poll(() => page.getByTestId('bp-premium-shop').textContent()).toMatch(/^Unlock for .+ in the shop$/);
    expect(await page.getByTestId('bp-premium-shop').getAttribute('href')).toBe('#/shop');
    await shot(page, `battlepass-${vp.name}`, true);
    const goldBefore = (await playerApi.economy.wallet.balance.query()).gold;
    await level1.getByTestId('bp-claim-free').click();
    await level1.getByTestId('bp-claimed-free').waitFor();
    const status = await playerApi.economy.battlepass.status.query();
    expect(status.levels[0]).toMatchObject({ level: 1, freeClaimed: true, premiumClaimed: false });
    // Its 1,000 XP reached level 2, announced live; the level reward paid too.
    await page.locator('[data-testid="toast"][data-kind="level_up"]', { hasText: 'level 2' }).waitFor();
    const me = await playerApi.auth.me.query();
    expect(me.level).toBe(2);
    expect(me.gold).toBeGreaterThan(goldBefore + 150);
    await expect.poll(() => headerGold(page)).toBe(me.gold);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    // Home: the level bar shows the new level and the surplus.
    await page.getByTestId('nav-home').click();
    await page.locator('[data-testid="level-number"]', { hasText: 'Level 2' }).waitFor();
    expect(await page.getByTestId('level-xp').textContent()).toBe(`${fmt(me.experience)} / ${fmt(me.maxExperience)} XP`);

    // VIP points: today's claim once.
    await page.getByTestId('vip-claim').click();
    await page.getByTestId('vip-claimed').waitFor();
    expect(await page.getByTestId('vip-points').textContent()).toBe('10');
    // The refill: offered once the balance drops below 100 gold, then a countdown on the server's clock.
    expect(await page.getByTestId('bonus-info').textContent()).toBe('For when you drop below 100 gold');
    await adminApi.admin.users.adjustBalance.mutate({ userId: player.userId, currency: 'gold', delta: 40 - me.gold, reason: 'e2e drain' });
    await page.getByTestId('bonus-claim').click();
    await page.locator('[data-testid="bar-gold"]', { hasText: '540 g' }).waitFor();
    await expect.poll(() => page.getByTestId('bonus-countdown').textContent()).toMatch(/^Next refill in (59:\d\d|1h 00m)$/);
    await shot(page, `home-claimed-${vp.name}`, true);

    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('admin creates an event the player then sees, and grants in bulk after a dry run', async () => {
    const player = await signupAccount(suite.baseUrl, 'pgbk');
    const playerApi = await clientFor(suite.baseUrl, player.siteId);
    const page = await (await suite.browser.newContext({ viewport: { width: vp.width, height: vp.height } })).newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${suite.baseUrl}/admin/`);
    await login(page, adminSiteId);
    await adminNav(page, 'progression');
    await page.getByTestId('events-admin').waitFor();

    // The editor: a bad form is refused on the page, a good one creates the event.
    const title = `Console quest ${vp.name}`;
    await page.getByTestId('event-new').click();
    const form = page.getByTestId('event-form');
    await form.getByTestId('event-save').click();
    await form.getByTestId('field-event-title-error').waitFor();
    await form.getByTestId('goals-error').waitFor();
    await form.getByTestId('field-event-title').fill(title);
    await form.getByTestId('field-goal-0-key').selectOption('gacha_pulls');
    await form.getByTestId('field-goal-0-target').fill('2');
    await form.getByTestId('goal-add').click();
    await form.getByTestId('field-goal-1-target').fill('5');
    await form.getByTestId('field-event-gems').fill('25');
    await shot(page, `admin-event-form-${vp.name}`, true);
    await form.getByTestId('event-save').click();
    await page.getByTestId('event-saved').waitFor();
    const created = (await adminApi.admin.events.list.query()).items.find((e) => e.title === title);
    expect(created).toMatchObject({
      type: 'special',
      isActive: true,
      requirements: { gacha_pulls: 2, slot_spins: 5 },
      rewards: { gems: 25 },
    });
    const row = page.locator(`[data-testid="event-row"][data-event-id="${created?.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('event-counts').textContent()).toBe('0 joined · 0 completed · 0 claimed');

    // The player sees it on the events page.
    const player1 = await (await suite.browser.newContext({ viewport: { width: vp.width, height: vp.height } })).newPage();
    await player1.goto(`${suite.baseUrl}/#/login`);
    await login(player1, player.siteId);
    await player1.getByTestId('home').waitFor();
    await player1.goto(`${suite.baseUrl}/#/events`);
    const seen = player1.locator(`[data-testid="event"][data-event-id="${created?.id}"]`);
    await seen.waitFor();
    expect(await seen.getByTestId('event-reward').textContent()).toBe('25 gems');
    await seen.getByTestId('event-join').click();
    await player1.locator(`[data-testid="event"][data-event-id="${created?.id}"][data-state="joined"]`).waitFor();
    await shot(player1, `events-${vp.name}`, true);
    // …and the console shows the participation, filtered.
    await row.getByTestId('event-participations').click();
    const panel = page.getByTestId('event-participations-panel');
    await panel.locator(`[data-testid="participation-row"][data-user-id="${player.userId}"]`).waitFor();
    await panel.getByTestId(`field-pc-completed-${created?.id}`).selectOption('yes');
    await panel.getByText('No participations match.').waitFor();
    await player1.context().close();

    // Bulk grant: a dry run checks each line and grants nothing…
    await page.getByTestId('progression-tab-grants').click();
    const csv = [
      'userId,gold,gems,itemId,itemQty,description',
      `${player.userId},700,30,,,"E2E prize, ${vp.name}"`,
      '999999,100,,,,Nobody',
      `${player.userId},abc,,,,Broken`,
    ].join('\n');
    await page.getByTestId('bulk-csv').fill(csv);
    await page.getByTestId('field-bulk-reason').fill('E2E bulk');
    await page.getByTestId('bulk-preview').click();
    const statusOf = (line: number) => page.locator(`[data-testid="bulk-row"][data-line="${line}"]`).getAttribute('data-status');
    await expect.poll(() => statusOf(2)).toBe('ok');
    expect(await statusOf(3)).toBe('error');
    expect(await statusOf(4)).toBe('error');
    expect(await page.locator('[data-testid="bulk-row"][data-line="3"]').getByTestId('bulk-status').textContent()).toBe('No such player.');
    expect(await page.locator('[data-testid="bulk-row"][data-line="4"]').getByTestId('bulk-status').textContent()).toContain(
      'gold must be',
    );
    expect(await page.getByTestId('bulk-totals').textContent()).toContain(
      '3 lines · 1 ok · 2 with errors — passing lines grant 700 gold, 30 gems',
    );
    await shot(page, `admin-bulk-preview-${vp.name}`, true);
    expect(await playerApi.economy.wallet.balance.query()).toMatchObject({ gold: 1000, gems: 0 });

    // …then the real run grants the passing line, once, and reports per line.
    await page.getByTestId('bulk-send').click();
    await page.getByTestId('bulk-send-dialog-confirm').click();
    await page.getByTestId('bulk-done').waitFor();
    expect(await page.getByTestId('bulk-done').textContent()).toBe('1 of 1 line granted.');
    expect(await statusOf(2)).toBe('ok');
    expect(await statusOf(3)).toBe('error');
    expect(await page.locator('[data-testid="bulk-row"][data-line="3"]').getByTestId('bulk-status').textContent()).toBe(
      'skipped: No such player.',
    );
    expect(await playerApi.economy.wallet.balance.query()).toMatchObject({ gold: 1700, gems: 30 });
    const rewards = await playerApi.economy.rewards.history.query({ limit: 5 });
    expect(rewards.items.filter((r) => r.source === 'admin_grant').map((r) => r.description)).toEqual([
      `E2E prize, ${vp.name}`,
      `E2E prize, ${vp.name}`,
    ]);
    await shot(page, `admin-bulk-done-${vp.name}`, true);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
