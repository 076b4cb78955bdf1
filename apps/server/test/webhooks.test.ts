/**
 * POST /webhooks/payments over real HTTP, exactly as CONTRACT.md specifies it: the signature
 * is computed here with node:crypto over the bytes sent; every refusal is 400 `{ error }` and
 * leaves no trace (no stored event, no remembered nonce); an event id is processed once.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { purchases, walletLedger, webhookEvents } from '@casino/db';
import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nonceKey } from '../../../packages/api/src/services/payments/webhooks';
import { reconcile } from '../../../packages/api/src/services/wallet/queries';
import { fixturePurchase } from '../../../packages/api/src/test/shop-fixture';
import { signupAccount } from './browser';
import { startTestServer, type TestServer } from './helpers';

const OLD = { kid: 'old', secret: 'old-rotation-secret-0001' };
const NEW = { kid: 'new', secret: 'new-rotation-secret-0002' };

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ PAYMENT_WEBHOOK_KEYS: `${OLD.kid}:${OLD.secret},${NEW.kid}:${NEW.secret}` });
});
afterAll(async () => {
  expect((await reconcile(server.deps.db)).violations).toEqual([]);
  await server.stop();
});

type Key = { kid: string; secret: string };
type SendOpts = {
  key?: Key;
  signKey?: Key;
  t?: number;
  nonce?: string;
  tamper?: (raw: string) => string;
  header?: string | null;
  contentType?: string;
};

const now = () => Math.floor(Date.now() / 1000);
const newNonce = () => randomBytes(16).toString('hex');
const v1Of = (secret: string, t: number, n: string, raw: string) => createHmac('sha256', secret).update(`${t}.${n}.${raw}`).digest('hex');

/** Signs `raw` (a string sent byte for byte) and posts it; returns status, body and the nonce used. */
async function post(raw: string, opts: SendOpts = {}) {
  const key = opts.key ?? NEW;
  const t = opts.t ?? now();
  const n = opts.nonce ?? newNonce();
  const header =
    opts.header === undefined ? `t=${t},n=${n},kid=${key.kid},v1=${v1Of((opts.signKey ?? key).secret, t, n, raw)}` : opts.header;
  const res = await fetch(`${server.url}/webhooks/payments`, {
    method: 'POST',
    body: opts.tamper ? opts.tamper(raw) : raw,
    headers: { 'content-type': opts.contentType ?? 'application/json', ...(header === null ? {} : { 'Casino-Signature': header }) },
  });
  return { status: res.status, body: await res.json(), nonce: n };
}

const eventBody = (type: string, data: Record<string, unknown>, id = `evt_${randomBytes(8).toString('hex')}`) =>
  ({ id, type, createdAt: new Date().toISOString(), data }) as const;
const json = (o: object) => JSON.stringify(o);
const storedCount = async () => (await server.deps.db.select({ n: count() }).from(webhookEvents))[0]?.n ?? 0;
const stored = async (id: string) => (await server.deps.db.select().from(webhookEvents).where(eq(webhookEvents.id, id)))[0];
const nonceSeen = async (n: string) => (await server.deps.kv.get(nonceKey(n))) !== null;
const clawbacks = (userId: number) =>
  server.deps.db
    .select()
    .from(walletLedger)
    .where(and(eq(walletLedger.userId, userId), like(walletLedger.idempotencyKey, 'refund:%')));

async function cashPurchase(grants = { gold: 400 }) {
  const player = await signupAccount(server.url, 'wh');
  const purchase = await fixturePurchase(server.deps, { userId: player.userId, price: { currency: 'cash', amount: 999 }, grants });
  return { player, purchase, chargeId: purchase.chargeId ?? '' };
}

/** A refusal: 400 with exactly `{ error }`, nothing stored, the nonce still unused. */
async function expectRefusal(res: { status: number; body: unknown; nonce: string }, error: string, before: number) {
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ error });
  expect(await storedCount()).toBe(before);
  expect(await nonceSeen(res.nonce)).toBe(false);
}

describe('POST /webhooks/payments', () => {
  it('accepts a valid event, processes it (the refund claws back), and remembers the nonce', async () => {
    const { player, purchase, chargeId } = await cashPurchase();
    const body = eventBody('payment.refunded', { chargeId, purchaseId: purchase.id, amountCents: 999 });
    const res = await post(json(body));
    expect(res).toMatchObject({ status: 200, body: { received: true, duplicate: false } });
    expect(await nonceSeen(res.nonce)).toBe(true);
    expect(await stored(body.id)).toMatchObject({ status: 'DELIVERED', keyId: 'new', type: 'payment.refunded', attempts: 1 });
    expect((await server.deps.db.select().from(purchases).where(eq(purchases.id, purchase.id)))[0]).toMatchObject({
      status: 'refunded',
      clawedBack: { gold: 400 },
    });
    expect(await clawbacks(player.userId)).toHaveLength(1);
  });

  it('verifies the raw bytes: odd spacing and key order are signed as sent, not re-serialised', async () => {
    const id = `evt_${randomBytes(8).toString('hex')}`;
    const raw = `{ "data" : { "chargeId":"ch_raw_${id}" } ,\n  "type":"payment.captured", "createdAt": 1767225600, "id" : "${id}" }`;
    expect(await post(raw)).toMatchObject({ status: 200, body: { received: true, duplicate: false } });
    expect(await post(raw, { contentType: 'text/plain' })).toMatchObject({ status: 200, body: { received: true, duplicate: true } });
  });

  it('refuses a tampered body, a wrong key, an unknown kid, stale and future timestamps, with no side effect', async () => {
    const { player, chargeId } = await cashPurchase();
    const raw = json(eventBody('payment.refunded', { chargeId }));
    const before = await storedCount();
    await expectRefusal(await post(raw, { tamper: (r) => r.replace(chargeId, `${chargeId}x`) }), 'signature_invalid', before);
    await expectRefusal(await post(raw, { tamper: (r) => `${r} ` }), 'signature_invalid', before);
    await expectRefusal(await post(raw, { signKey: { kid: 'new', secret: 'not-the-right-secret-at-all' } }), 'signature_invalid', before);
    await expectRefusal(await post(raw, { key: OLD, signKey: NEW }), 'signature_invalid', before);
    await expectRefusal(await post(raw, { key: { kid: 'dev', secret: 'dev-webhook-secret' } }), 'unknown_key', before);
    await expectRefusal(await post(raw, { key: { kid: 'ghost', secret: NEW.secret } }), 'unknown_key', before);
    await expectRefusal(await post(raw, { t: now() - 301 }), 'timestamp_out_of_range', before);
    await expectRefusal(await post(raw, { t: now() + 301 }), 'timestamp_out_of_range', before);
    await expectRefusal(await post(raw, { t: 0 }), 'timestamp_out_of_range', before);
    await expectRefusal(await post(raw, { header: null }), 'signature_missing', before);
    await expectRefusal(await post(raw, { header: 'v1=abc' }), 'signature_malformed', before);
    await expectRefusal(await post(raw, { header: `t=${now()},n=abc,n=def,kid=new,v1=${'0'.repeat(64)}` }), 'signature_malformed', before);
    await expectRefusal(await post(raw, { header: `t=${now()},n=abc,kid=new,v1=zz` }), 'signature_invalid', before);
    expect(await clawbacks(player.userId)).toHaveLength(0);

    // Inside the window either way is fine; the untouched request still goes through afterwards.
    expect((await post(raw, { t: now() - 290 })).status).toBe(200);
    expect(await clawbacks(player.userId)).toHaveLength(1);
  });

  it('refuses a replayed nonce, even carrying another event', async () => {
    const first = await post(json(eventBody('payment.captured', { chargeId: 'ch_nonce_a' })));
    expect(first.status).toBe(200);
    const before = await storedCount();
    const again = await post(json(eventBody('payment.captured', { chargeId: 'ch_nonce_a' })), { nonce: first.nonce });
    expect(again).toMatchObject({ status: 400, body: { error: 'nonce_replayed' } });
    expect(await storedCount()).toBe(before);
    // Under another key the nonce is still taken.
    expect(await post(json(eventBody('payment.captured', { chargeId: 'ch_nonce_b' })), { key: OLD, nonce: first.nonce })).toMatchObject({
      status: 400,
      body: { error: 'nonce_replayed' },
    });
  });

  it('the same event id 5× at once is stored and processed once; the rest are duplicates', async () => {
    const { player, chargeId } = await cashPurchase({ gold: 300 });
    const raw = json(eventBody('payment.refunded', { chargeId }));
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(raw)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.filter((a) => a.body.duplicate === false)).toHaveLength(1);
    expect(answers.filter((a) => a.body.duplicate === true)).toHaveLength(4);
    for (const a of answers) expect(a.body.received).toBe(true);
    expect(await clawbacks(player.userId)).toHaveLength(1);
  });

  it('accepts both keys during a rotation', async () => {
    for (const key of [OLD, NEW]) {
      const body = eventBody('payment.captured', { chargeId: `ch_rot_${key.kid}` });
      expect(await post(json(body), { key })).toMatchObject({ status: 200, body: { received: true, duplicate: false } });
      expect(await stored(body.id)).toMatchObject({ keyId: key.kid });
    }
  });

  it('refuses a malformed body (signed correctly) with no side effect', async () => {
    const before = await storedCount();
    const good = eventBody('payment.captured', { chargeId: 'ch_malformed' });
    const bad = [
      '',
      'not json',
      '{"id":',
      '[]',
      'null',
      '"payment.captured"',
      json({ ...good, id: undefined }),
      json({ ...good, type: 'payment.disputed' }),
      json({ ...good, data: {} }),
      json({ ...good, data: { chargeId: 42 } }),
      json({ ...good, data: { chargeId: 'ch', amountCents: -5 } }),
      json({ ...good, id: 'has space' }),
      json({ ...good, createdAt: 'yesterday-ish' }),
      json({ ...good, data: { chargeId: 'ch', purchaseId: 'a\u0000b' } }),
    ];
    for (const raw of bad) await expectRefusal(await post(raw), 'malformed_body', before);
    // The nonces of those were not burnt: a good body under one of them is accepted.
    const reuse = newNonce();
    await expectRefusal(await post('[]', { nonce: reuse }), 'malformed_body', before);
    expect((await post(json(good), { nonce: reuse })).status).toBe(200);
  });

  it('answers an oversized body with 413 in the same shape and stores nothing', async () => {
    const before = await storedCount();
    const raw = json({ ...eventBody('payment.captured', { chargeId: 'ch_big' }), pad: 'x'.repeat(100_000) });
    const res = await post(raw);
    expect(res).toMatchObject({ status: 413, body: { error: 'body_too_large' } });
    expect(await storedCount()).toBe(before);
  });
});

describe('the default key outside production', () => {
  let dev: TestServer;
  beforeAll(async () => {
    dev = await startTestServer();
  });
  afterAll(() => dev.stop());

  it('is dev:dev-webhook-secret', async () => {
    const raw = json(eventBody('payment.captured', { chargeId: 'ch_dev' }));
    const t = now();
    const n = newNonce();
    const res = await fetch(`${dev.url}/webhooks/payments`, {
      method: 'POST',
      body: raw,
      headers: {
        'content-type': 'application/json',
        'casino-signature': `t=${t},n=${n},kid=dev,v1=${v1Of('dev-webhook-secret', t, n, raw)}`,
      },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, duplicate: false });
  });
});
