/**
 * Webhook processing after verification: attempts, exponential backoff on a moved clock,
 * FAILED after the last attempt, admin replay → REPLAYED (audited), the event dispatch by
 * purchase state, the retrier, and the nonce given back when storing fails.
 * (The signature matrix runs against the real HTTP route: apps/server/test/webhooks.test.ts.)
 */
import { createHmac, randomBytes } from 'node:crypto';
import { adminAuditLog, purchases, walletLedger, webhookEvents } from '@casino/db';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { and, eq, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../infra/clock';
import { callerFor, createTestEnv, newAdmin, newPlayer, type TestEnv } from '../../test/harness';
import { expectRefused } from '../../test/reference';
import { fixturePurchase } from '../../test/shop-fixture';
import { sweepOnce } from '../shop/repair';
import { reconcile } from '../wallet/queries';
import { pruneWebhookEvents } from './webhook-retention';
import { signWebhook } from './webhook-signature';
import {
  backoffMs,
  defaultWebhookPolicy,
  nonceKey,
  receivePaymentWebhook,
  retryDueWebhooks,
  startWebhookRetrier,
  type WebhookPolicy,
} from './webhooks';

const clock = manualClock('2026-03-01T12:00:00Z');
const KEY = { kid: 'k1', secret: 'webhook-test-secret-1' };
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ clock, config: { payments: { webhookKeys: [KEY], webhookToleranceSec: 300, webhookRetentionDays: 30 } } });
});
afterAll(async () => {
  expect((await reconcile(env.deps.db)).violations).toEqual([]);
  await env.close();
});
/** An admin signed in at the test clock's now (the clock moves by hours in these tests; tokens last 30 minutes). */
const adminNow = () => newAdmin(env.deps);

/** Signed the way CONTRACT.md says, with node:crypto here (not the code under test). */
function signed(body: object, opts: { nonce?: string; at?: number } = {}) {
  const raw = JSON.stringify(body);
  const t = opts.at ?? Math.floor(clock.now().getTime() / 1000);
  const n = opts.nonce ?? randomBytes(12).toString('hex');
  const v1 = createHmac('sha256', KEY.secret).update(`${t}.${n}.${raw}`).digest('hex');
  return { signature: `t=${t},n=${n},kid=${KEY.kid},v1=${v1}`, rawBody: Buffer.from(raw), nonce: n };
}
const eventId = () => `evt_${randomBytes(8).toString('hex')}`;
const event = (type: string, data: Record<string, unknown>, id = eventId()) => ({ id, type, createdAt: clock.now().toISOString(), data });
const send = (body: object, opts: Parameters<typeof receivePaymentWebhook>[2] = {}) => receivePaymentWebhook(env.deps, signed(body), opts);
const stored = async (id: string) => (await env.deps.db.select().from(webhookEvents).where(eq(webhookEvents.id, id)))[0];
const clawbacks = (userId: number) =>
  env.deps.db
    .select()
    .from(walletLedger)
    .where(and(eq(walletLedger.userId, userId), like(walletLedger.idempotencyKey, 'refund:%')));

describe('signWebhook', () => {
  it('produces the header CONTRACT.md describes (checked against node:crypto)', () => {
    const req = signed({ id: 'evt_sig', n: 1 }, { nonce: 'nonce-1', at: 1767225600 });
    expect(signWebhook(KEY, req.rawBody, { timestamp: 1767225600, nonce: 'nonce-1' })).toBe(req.signature);
  });
});

describe('processing and retries', () => {
  it('retries with exponential backoff, FAILS after the last attempt, and an admin replay succeeds → REPLAYED', async () => {
    const policy: WebhookPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 3000, leaseMs: 30_000 };
    const p = await newPlayer(env.deps);
    const chargeId = `ch_later_${randomBytes(6).toString('hex')}`;
    const body = event('payment.refunded', { chargeId });
    expect(await send(body, { policy })).toEqual({ status: 200, body: { received: true, duplicate: false } });

    // No purchase carries this charge yet: attempt 1 failed, the next one due in 1 s.
    let row = await stored(body.id);
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1, lastError: expect.stringContaining(chargeId) });
    expect(row?.nextAttemptAt?.getTime()).toBe(clock.now().getTime() + 1000);
    expect(await retryDueWebhooks(env.deps, { policy })).toBe(0); // not due yet

    for (const [attempts, delay] of [
      [2, 2000],
      [3, 3000], // capped at maxDelayMs
    ] as const) {
      clock.advance(backoffMs(attempts - 1, policy));
      expect(await retryDueWebhooks(env.deps, { policy })).toBe(1);
      row = await stored(body.id);
      expect(row).toMatchObject({ status: 'PENDING', attempts });
      expect(row?.nextAttemptAt?.getTime()).toBe(clock.now().getTime() + delay);
    }
    clock.advance(3000);
    expect(await retryDueWebhooks(env.deps, { policy })).toBe(1);
    row = await stored(body.id);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 4, nextAttemptAt: null });
    clock.advance(3_600_000);
    expect(await retryDueWebhooks(env.deps, { policy })).toBe(0); // FAILED is left alone

    // The listing shows it under FAILED; a replay while it still fails keeps it FAILED (audited).
    const admin = await adminNow();
    const failed = await admin.caller.admin.webhooks.list({ status: 'FAILED' });
    expect(failed.items.map((e) => e.id)).toContain(body.id);
    const stillFailing = await admin.caller.admin.webhooks.replay({ eventId: body.id });
    expect(stillFailing).toMatchObject({ status: 'FAILED', attempts: 5 });

    // The purchase appears (the capture had beaten our commit); the replay refunds it once.
    const purchase = await fixturePurchase(env.deps, {
      userId: p.user.id,
      price: { currency: 'cash', amount: 100 },
      grants: { gold: 250 },
    });
    await env.deps.db.update(purchases).set({ chargeId }).where(eq(purchases.id, purchase.id));
    const replayed = await admin.caller.admin.webhooks.replay({ eventId: body.id });
    expect(replayed).toMatchObject({ id: body.id, status: 'REPLAYED', attempts: 6, lastError: null, processedAt: clock.now() });
    expect((await env.deps.db.select().from(purchases).where(eq(purchases.id, purchase.id)))[0]).toMatchObject({
      status: 'refunded',
      clawedBack: { gold: 250 },
    });
    expect(await clawbacks(p.user.id)).toHaveLength(1);

    expectRefused(await admin.caller.admin.webhooks.replay({ eventId: body.id }).catch((e: unknown) => e), 'webhook_not_replayable');
    const audit = await env.deps.db.select().from(adminAuditLog).where(eq(adminAuditLog.targetId, body.id));
    expect(audit.map((a) => [a.action, (a.after as { status: string }).status])).toEqual([
      ['webhook.replay', 'FAILED'],
      ['webhook.replay', 'REPLAYED'],
    ]);
    expect((await admin.caller.admin.webhooks.list({ status: 'REPLAYED' })).items.map((e) => e.id)).toContain(body.id);
  });

  it('delivers a refund at once, and the same event id again is a duplicate processed no further', async () => {
    const p = await newPlayer(env.deps);
    const purchase = await fixturePurchase(env.deps, { userId: p.user.id, price: { currency: 'cash', amount: 300 }, grants: { gems: 30 } });
    const body = event('payment.refunded', { chargeId: purchase.chargeId, purchaseId: purchase.id, amountCents: 300 });
    expect(await send(body)).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await stored(body.id)).toMatchObject({ status: 'DELIVERED', attempts: 1, keyId: 'k1', processedAt: clock.now(), payload: body });
    expect(await send(body)).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(await send({ ...body, type: 'payment.failed' })).toEqual({ status: 200, body: { received: true, duplicate: true } });
    expect(await stored(body.id)).toMatchObject({ status: 'DELIVERED', attempts: 1, type: 'payment.refunded' });
    expect(await clawbacks(p.user.id)).toHaveLength(1);
  });

  it('captured / failed for a purchase already final is a no-op; a contradiction is FAILED at once', async () => {
    const p = await newPlayer(env.deps);
    const done = await fixturePurchase(env.deps, { userId: p.user.id, price: { currency: 'cash', amount: 100 }, grants: { gold: 5 } });
    const failedCharge = `ch_failed_${randomBytes(4).toString('hex')}`;
    const failed = await fixturePurchase(env.deps, {
      userId: p.user.id,
      price: { currency: 'cash', amount: 100 },
      grants: {},
      status: 'failed',
    });
    await env.deps.db.update(purchases).set({ chargeId: failedCharge }).where(eq(purchases.id, failed.id));

    const cases = [
      ['payment.captured', done.chargeId, 'DELIVERED'],
      ['payment.failed', failedCharge, 'DELIVERED'],
      ['payment.captured', failedCharge, 'FAILED'], // the player paid and got nothing
      ['payment.failed', done.chargeId, 'FAILED'], // granted without payment
    ] as const;
    for (const [type, chargeId, status] of cases) {
      const body = event(type, { chargeId });
      await send(body);
      expect(await stored(body.id), `${type} ${status}`).toMatchObject({ status, attempts: 1 });
    }
    // A charge event never touches a purchase paid in gold, even when it names its id.
    const goldBuy = await fixturePurchase(env.deps, { userId: p.user.id, price: { currency: 'gold', amount: 100 }, grants: { gems: 1 } });
    const stray = event('payment.refunded', { chargeId: 'ch_stray', purchaseId: goldBuy.id });
    await send(stray, { policy: { maxAttempts: 1 } });
    expect(await stored(stray.id)).toMatchObject({ status: 'FAILED', lastError: expect.stringContaining('no purchase') });
    expect((await env.deps.db.select().from(purchases).where(eq(purchases.id, goldBuy.id)))[0]?.status).toBe('completed');

    // A partial refund is not clawed back automatically.
    const partial = event('payment.refunded', { chargeId: done.chargeId, amountCents: 40 });
    await send(partial);
    expect(await stored(partial.id)).toMatchObject({ status: 'FAILED', lastError: expect.stringContaining('partial refund') });
    expect((await env.deps.db.select().from(purchases).where(eq(purchases.id, done.id)))[0]?.status).toBe('completed');
  });

  it('a capture for a purchase still in flight (its process died after capture) completes it at once, granted once', async () => {
    const p = await newPlayer(env.deps);
    const inFlight = await fixturePurchase(env.deps, {
      userId: p.user.id,
      price: { currency: 'cash', amount: 100 },
      grants: { gold: 5 },
      status: 'authorized',
    });
    const chargeId = inFlight.authorizationId ?? '';
    // The gateway captured it; our process died before granting.
    expect((await env.deps.payments.capture(chargeId)).ok).toBe(true);
    const body = event('payment.captured', { chargeId, purchaseId: inFlight.id });
    await send(body);
    expect(await stored(body.id)).toMatchObject({ status: 'DELIVERED', attempts: 1, lastError: null });
    expect((await env.deps.db.select().from(purchases).where(eq(purchases.id, inFlight.id)))[0]).toMatchObject({
      status: 'completed',
      chargeId,
    });
    // The same capture again (a new event id) and the sweeper grant nothing more.
    await send(event('payment.captured', { chargeId, purchaseId: inFlight.id }));
    const grants = await env.deps.db
      .select()
      .from(walletLedger)
      .where(and(eq(walletLedger.userId, p.user.id), eq(walletLedger.refId, inFlight.id)));
    expect(grants.map((g) => g.delta)).toEqual([5]);
  });

  it('a capture webhook for an authorization the gateway did not capture fails the purchase and goes FAILED for an admin', async () => {
    const p = await newPlayer(env.deps);
    const inFlight = await fixturePurchase(env.deps, {
      userId: p.user.id,
      price: { currency: 'cash', amount: 100 },
      grants: { gold: 5 },
      status: 'authorized',
    });
    const body = event('payment.captured', { chargeId: inFlight.authorizationId ?? '', purchaseId: inFlight.id });
    await send(body);
    expect(await stored(body.id)).toMatchObject({ status: 'FAILED' });
    expect((await env.deps.db.select().from(purchases).where(eq(purchases.id, inFlight.id)))[0]?.status).toBe('failed');
  });

  it('five concurrent replays of one FAILED event: one runs, the others are refused, the refund happens once', async () => {
    const p = await newPlayer(env.deps);
    const purchase = await fixturePurchase(env.deps, { userId: p.user.id, price: { currency: 'cash', amount: 100 }, grants: { gold: 60 } });
    const chargeId = purchase.chargeId ?? '';
    // As if our commit had not happened yet: no gateway id on the purchase.
    await env.deps.db.update(purchases).set({ chargeId: null, authorizationId: null }).where(eq(purchases.id, purchase.id));
    const body = event('payment.refunded', { chargeId });
    await send(body, { policy: { maxAttempts: 1 } });
    expect(await stored(body.id)).toMatchObject({ status: 'FAILED' });
    await env.deps.db.update(purchases).set({ chargeId, authorizationId: chargeId }).where(eq(purchases.id, purchase.id));

    const admin = await adminNow();
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => admin.caller.admin.webhooks.replay({ eventId: body.id })));
    const ok = results.filter((r) => r.status === 'fulfilled');
    expect(ok).toHaveLength(1);
    expect(ok[0]?.status === 'fulfilled' && ok[0].value.status).toBe('REPLAYED');
    for (const r of results) if (r.status === 'rejected') expectRefused(r.reason, 'webhook_not_replayable');
    expect(await clawbacks(p.user.id)).toHaveLength(1);
    expect(await env.deps.db.select().from(adminAuditLog).where(eq(adminAuditLog.targetId, body.id))).toHaveLength(1);
  });

  it('claims each due event once across concurrent retrier passes', async () => {
    const bodies = Array.from({ length: 8 }, () => event('payment.refunded', { chargeId: `ch_none_${randomBytes(4).toString('hex')}` }));
    for (const b of bodies) await send(b);
    clock.advance(defaultWebhookPolicy.baseDelayMs);
    const counts = await Promise.all(Array.from({ length: 5 }, () => retryDueWebhooks(env.deps)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(8);
    for (const b of bodies) expect(await stored(b.id)).toMatchObject({ status: 'PENDING', attempts: 2 });
  });

  it('the background retrier attempts due events and stops cleanly', async () => {
    const body = event('payment.refunded', { chargeId: `ch_bg_${randomBytes(4).toString('hex')}` });
    await send(body);
    clock.advance(defaultWebhookPolicy.baseDelayMs);
    const retrier = startWebhookRetrier(env.deps, { intervalMs: 20 });
    await expect.poll(async () => (await stored(body.id))?.attempts, { timeout: 10_000 }).toBe(2);
    await retrier.stop();
  });

  it('gives the nonce back when the event cannot be stored, so the very same request succeeds later', async () => {
    const body = event('payment.captured', { chargeId: `ch_store_${randomBytes(4).toString('hex')}` });
    const req = signed(body);
    await env.deps.db.execute(sql`ALTER TABLE webhook_events RENAME TO webhook_events_away`);
    try {
      expect(await receivePaymentWebhook(env.deps, req)).toEqual({ status: 503, body: { error: 'service_unavailable' } });
    } finally {
      await env.deps.db.execute(sql`ALTER TABLE webhook_events_away RENAME TO webhook_events`);
    }
    expect(await env.kv.get(nonceKey(req.nonce))).toBeNull();
    expect(await receivePaymentWebhook(env.deps, req)).toEqual({ status: 200, body: { received: true, duplicate: false } });
    expect(await env.kv.get(nonceKey(req.nonce))).toBe(body.id);
    expect(await receivePaymentWebhook(env.deps, req)).toEqual({ status: 400, body: { error: 'nonce_replayed' } });
  });
});

describe('admin.webhooks', () => {
  it('pages newest first by status with a cursor', async () => {
    const admin = await adminNow();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      const body = event('payment.captured', { chargeId: `ch_page_${randomBytes(4).toString('hex')}` });
      await send(body, { policy: { maxAttempts: 1 } });
      ids.push(body.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.caller.admin.webhooks.list({ status: 'FAILED', limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.every((e) => e.status === 'FAILED')).toBe(true);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(0, 5)).toEqual([...ids].reverse());
    const bad = await admin.caller.admin.webhooks.list({ cursor: 'x|y' }).catch((e: unknown) => e);
    expect(getHTTPStatusCodeFromError(bad as never)).toBe(400);
  });

  it('refuses unknown and non-FAILED events, and non-admins', async () => {
    const admin = await adminNow();
    expectRefused(await admin.caller.admin.webhooks.replay({ eventId: 'evt_nope' }).catch((e: unknown) => e), 'webhook_event_not_found');
    const pending = event('payment.captured', { chargeId: `ch_pend_${randomBytes(4).toString('hex')}` });
    await send(pending);
    expectRefused(await admin.caller.admin.webhooks.replay({ eventId: pending.id }).catch((e: unknown) => e), 'webhook_not_replayable');

    const failed = event('payment.captured', { chargeId: `ch_f_${randomBytes(4).toString('hex')}` });
    await send(failed, { policy: { maxAttempts: 1 } });
    const player = await newPlayer(env.deps);
    expectRefused(await player.caller.admin.webhooks.list({}).catch((e: unknown) => e), 'admin_required');
    expectRefused(await player.caller.admin.webhooks.replay({ eventId: failed.id }).catch((e: unknown) => e), 'admin_required');
    expectRefused(
      await callerFor(env.deps)
        .admin.webhooks.replay({ eventId: failed.id })
        .catch((e: unknown) => e),
      'token_missing',
    );
    expect(await stored(failed.id)).toMatchObject({ status: 'FAILED', attempts: 1 });
  });
});

describe('retention', () => {
  it('the sweeper prunes delivered events after the retention, keeps failed and recent ones', async () => {
    const p = await newPlayer(env.deps);
    const done = await fixturePurchase(env.deps, { userId: p.user.id, price: { currency: 'cash', amount: 100 }, grants: { gold: 5 } });
    const old = event('payment.captured', { chargeId: done.chargeId });
    const broken = event('payment.failed', { chargeId: done.chargeId }); // contradicts a completed purchase → FAILED
    await send(old);
    await send(broken);
    expect((await stored(old.id))?.status).toBe('DELIVERED');
    expect((await stored(broken.id))?.status).toBe('FAILED');

    clock.advance(29 * 86_400_000);
    const recent = event('payment.captured', { chargeId: done.chargeId });
    await send(recent);
    expect(await pruneWebhookEvents(env.deps)).toBe(0);

    clock.advance(2 * 86_400_000);
    const swept = await sweepOnce(env.deps);
    expect(swept.prunedWebhooks).toBeGreaterThanOrEqual(1);
    expect(await stored(old.id)).toBeUndefined();
    expect((await stored(broken.id))?.status).toBe('FAILED');
    expect((await stored(recent.id))?.status).toBe('DELIVERED');
  });
});
